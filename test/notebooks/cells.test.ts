// Notebook cells read like the commands they name: no code line over 100 characters, and no casts such as
// `.json?.data as Record<string, unknown>` (the library returns typed objects instead). `as const` is not a cast.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { joinText, type Notebook } from '../../src/jupyter/notebooks.js';
import { repoRoot } from '../../src/paths.js';

const MAX_LINE = 100;

/** Every type assertion in the code (`x as T`, `<T>x`), found by TypeScript's parser so strings and comments are left alone. */
function casts(source: string): Array<{ line: number; text: string }> {
  const file = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Array<{ line: number; text: string }> = [];
  const visit = (node: ts.Node): void => {
    const asserted = ts.isAsExpression(node) || ts.isTypeAssertionExpression(node) ? node.type : undefined;
    if (asserted && asserted.getText(file) !== 'const') {
      found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text: node.getText(file) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** What is wrong with one cell's code, one message per long line or cast. */
function cellProblems(source: string): string[] {
  return [
    ...source
      .split('\n')
      .flatMap((line, i) =>
        line.length > MAX_LINE ? [`line ${i + 1} has ${line.length} characters (at most ${MAX_LINE}): ${line}`] : [],
      ),
    ...casts(source).map((cast) => `line ${cast.line} casts: ${cast.text}`),
  ];
}

const dir = join(repoRoot, 'notebooks');
const notebooks = readdirSync(dir)
  .filter((f) => f.endsWith('.ipynb'))
  .sort();

describe('cellProblems', () => {
  it('flags a long line and a cast, and passes a short typed read', () => {
    expect(
      cellProblems(`// vault read auth/kubernetes/config\nconst config = await lab.vault.kubernetesConfig();`),
    ).toEqual([]);
    expect(cellProblems(`x;\n${'y'.repeat(MAX_LINE + 1)}`)).toEqual([
      `line 2 has ${MAX_LINE + 1} characters (at most ${MAX_LINE}): ${'y'.repeat(MAX_LINE + 1)}`,
    ]);
    expect(
      cellProblems('// x\nconst c = (await lab.vault.readKubernetesConfig()).json?.data as Record<string, unknown>;'),
    ).toEqual(['line 2 casts: (await lab.vault.readKubernetesConfig()).json?.data as Record<string, unknown>']);
    expect(cellProblems('const aud = (claims.aud as string[])[0];')).toEqual(['line 1 casts: claims.aud as string[]']);
  });

  it('leaves `as const` and the word "as" in strings and comments alone', () => {
    expect(
      cellProblems(`// read as JSON\nconst s = { a: 'b' } as const;\nshow.json(x, { title: 'err, parsed as JSON' });`),
    ).toEqual([]);
  });
});

describe.each(notebooks)('%s', (name) => {
  it('has code lines of at most 100 characters and no casts', () => {
    const nb = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Notebook;
    const problems = nb.cells.flatMap((cell, index) =>
      cell.cell_type === 'code' ? cellProblems(joinText(cell.source)).map((p) => `cell #${index} ${p}`) : [],
    );
    expect(problems).toEqual([]);
  });
});
