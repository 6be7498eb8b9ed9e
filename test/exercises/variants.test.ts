// The notebooks in each practice state, built from cell metadata alone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinText, type Notebook } from '../../src/jupyter/notebooks.js';
import { repoRoot } from '../../src/paths.js';
import { cellRole, practiceVariant } from '../../src/exercises/variants.js';
import { task } from '../../src/exercises/task-list.js';

const read = (name: string) => JSON.parse(readFileSync(join(repoRoot, 'notebooks', name), 'utf8')) as Notebook;
const sources = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === 'code').map((c) => joinText(c.source));

describe('practiceVariant', () => {
  const nb = read('03-tokenreview.ipynb');

  it('leaves the committed notebook as it is when untouched, and a notebook without tasks always', () => {
    expect(practiceVariant(nb, 'untouched')).toEqual(nb);
    const start = read('00-start-here.ipynb');
    expect(practiceVariant(start, 'solved')).toBe(start);
  });

  it('solved: the attempt cell applies the solution; the setup cell imports solve, and no cell moves', () => {
    const variant = practiceVariant(nb, 'solved');
    const code = sources(variant);
    expect(code[0]).toContain("const lab = await setup();\nimport { solve, resetTask } from '../dist/index.js';");
    const setupAt = nb.cells.findIndex((c) => c.cell_type === 'code');
    const firstTask = nb.cells.findIndex((c) => cellRole(c));
    expect(variant.cells.slice(setupAt + 1, firstTask)).toEqual(nb.cells.slice(setupAt + 1, firstTask));
    expect(code).toContain("await solve('03-bind');");
  });

  it('wrong: every typical attempt from a fresh start, each one checked', () => {
    const code = sources(practiceVariant(nb, 'wrong'));
    const attempts = task('03-bind').attempts;
    for (const a of attempts)
      expect(code.some((c) => c.includes(a.cell) && c.includes("await resetTask('03-bind');"))).toBe(true);
    expect(code.filter((c) => c.includes("await check('03-bind');"))).toHaveLength(attempts.length);
  });

  it('recording: one wrong attempt, its check, then the solution and a second check', () => {
    const cells = practiceVariant(nb, 'recording').cells.filter((c) => cellRole(c)?.task === '03-bind');
    expect(cells.map((c) => cellRole(c)?.part)).toEqual(['attempt', 'check', 'solve', 'check']);
    expect(joinText(cells[0]?.source)).toContain(task('03-bind').attempts[0]?.cell);
  });

  it('fixes the challenge seed, and a challenge attempt does not reset the challenge first', () => {
    const variant = practiceVariant(read('05-troubleshooting.ipynb'), 'wrong', 7);
    const code = sources(variant);
    expect(code).toContain('// the challenge with a fixed seed, so the fault is always the same\nawait challenge(7);');
    expect(code.join('\n')).not.toContain("resetTask('05-diagnose')");
  });

  it("fixes the incident's seed, and its wrong attempt names a cause the recording seed does not break", () => {
    const code = sources(practiceVariant(read('08-incident.ipynb'), 'recording', 7));
    expect(code).toContain(
      '// the incident with a fixed seed, so the same causes break each time\nawait incident(7, { faults: 2 });',
    );
    expect(code.join('\n')).toContain(task('08-incident').attempts[0]?.cell);
    expect(code.join('\n')).not.toContain("resetTask('08-incident')");
  });

  it('every notebook 01-05 and 08 has a task with an attempt cell and a check cell', () => {
    for (const name of [
      '01-the-clusterrole',
      '02-a-service-account-token',
      '03-tokenreview',
      '04-vault-kubernetes-auth',
      '05-troubleshooting',
      '08-incident',
    ]) {
      const parts = read(`${name}.ipynb`)
        .cells.map(cellRole)
        .flatMap((r) => (r ? [r.part] : []));
      expect(parts, name).toContain('attempt');
      expect(parts, name).toContain('check');
    }
  });
});
