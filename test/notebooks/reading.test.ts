// Each notebook states at its top how long it takes to read and what it adds, and the fast path keeps the
// article to one sitting: at most about 1,000 words of prose, and at most fifteen minutes of reading.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinText, type Notebook } from '../../src/jupyter/notebooks.js';
import { repoRoot } from '../../src/paths.js';

const dir = join(repoRoot, 'notebooks');
const NOTEBOOKS = readdirSync(dir).filter((f) => /^\d\d-.+\.ipynb$/.test(f));
const load = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Notebook;
const words = (cells: Notebook['cells']) =>
  cells.reduce((n, c) => n + (joinText(c.source).match(/\S+/g) ?? []).length, 0);
/** Reading at 200 words a minute, code included. */
const minutes = (nb: Notebook) => words(nb.cells) / 200;

describe('reading time', () => {
  it.each(NOTEBOOKS)('%s states its reading time, within a fifth of its length, and what it adds', (name) => {
    const nb = load(name);
    const top = joinText(nb.cells[0]?.source);
    const stated = /^\*About (\d+) minutes of reading[^*]*What it adds: [^*]+\.\*/m.exec(top);
    expect(stated, 'a line "*About N minutes of reading. What it adds: ….*" under the title').not.toBeNull();
    expect(Math.abs(Number(stated?.[1]) - minutes(nb))).toBeLessThanOrEqual(Math.max(1, minutes(nb) / 5));
  });

  it("the fast path holds the article's moments in one sitting", () => {
    const nb = load('00-fast-path.ipynb');
    const prose = words(nb.cells.filter((c) => c.cell_type === 'markdown'));
    expect(prose).toBeLessThanOrEqual(1000);
    expect(minutes(nb)).toBeLessThanOrEqual(15);
    const code = nb.cells.filter((c) => c.cell_type === 'code').map((c) => joinText(c.source));
    for (const step of [/get clusterrole system:auth-delegator/, /create token app/, /create clusterrolebinding/]) {
      expect(code.some((c) => step.test(c))).toBe(true);
    }
    expect(code.filter((c) => /vault write (-format=json )?auth\/\$\{MOUNT\}\/login/.test(c))).toHaveLength(2);
    expect(joinText(load('00-start-here.ipynb').cells[0]?.source)).toContain('(00-fast-path.ipynb)');
  });
});
