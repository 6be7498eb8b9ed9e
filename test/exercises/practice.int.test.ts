// Every task notebook in three states, executed headless with the tslab kernel against the real lab:
// untouched (every check ✗ with its first hint, and no cell error), wrong (each typical wrong attempt gets
// the hint written for it), and solved (every check ✓). After each run, `npm run lab -- progress` says
// the same as the notebook's last check of each task.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASKS } from '../../src/exercises/registry.js';
import type { TaskMetadata } from '../../src/exercises/render.js';
import type { LabContext } from '../../src/exercises/types.js';
import type { PracticeState } from '../../src/exercises/variants.js';
import { describeProblems, executeNotebook, type Notebook } from '../../src/jupyter/notebooks.js';
import { NOTEBOOKS_DIR } from '../../src/lab/record.js';
import { practiceNotebooks, type PracticeNotebooks } from '../../src/lab/practice-notebooks.js';
import { progressRows, runningLab } from '../../src/lab/practice.js';

const NOTEBOOKS = [...new Set(TASKS.map((t) => t.notebook))];
const STATES: PracticeState[] = ['untouched', 'wrong', 'solved'];

let lab: LabContext;
const copies = new Map<PracticeState, PracticeNotebooks>();

beforeAll(async () => {
  lab = await runningLab();
  for (const state of STATES) copies.set(state, practiceNotebooks(NOTEBOOKS_DIR, state));
});

afterAll(async () => {
  for (const copy of copies.values()) copy.remove();
  // Leave the lab as a learner who has done nothing finds it.
  for (const t of TASKS) await t.reset(lab);
});

/** Every task check a run showed, in order, read from the outputs' {lab: {task}} metadata. */
function checks(nb: Notebook): TaskMetadata[] {
  return nb.cells.flatMap((cell) => (cell.outputs ?? []).flatMap((o) => {
    const task = (o.metadata?.lab as { task?: TaskMetadata } | undefined)?.task;
    return task ? [task] : [];
  }));
}

async function run(notebook: string, state: PracticeState): Promise<TaskMetadata[]> {
  for (const t of TASKS.filter((x) => x.notebook === notebook)) await t.reset(lab);
  const path = join(copies.get(state)?.dir ?? '', `${notebook}.ipynb`);
  const { notebook: executed, problems } = await executeNotebook(path);
  expect(problems, describeProblems(path, problems)).toEqual([]);
  return checks(executed);
}

/** What progress says now about the notebook's tasks, next to the last check the notebook showed. */
async function progressAgrees(notebook: string, shown: TaskMetadata[]): Promise<void> {
  const rows = (await progressRows(lab)).filter((r) => TASKS.find((t) => t.id === r.task)?.notebook === notebook);
  for (const row of rows) {
    const last = shown.filter((c) => c.task === row.task).at(-1);
    expect(row.passed, `progress and the notebook's last check agree on ${row.task}: ${row.detail}`).toBe(last?.passed);
  }
}

describe.each(NOTEBOOKS)('%s', (notebook) => {
  const tasks = TASKS.filter((t) => t.notebook === notebook);

  it('untouched: every check is ✗ with its first hint, and every cell runs', async () => {
    const shown = await run(notebook, 'untouched');
    expect(shown.map((c) => c.task)).toEqual(tasks.map((t) => t.id));
    for (const c of shown) expect([c.passed, c.hint], `${c.task}: ${c.finding}`).toEqual([false, 1]);
    await progressAgrees(notebook, shown);
  });

  it('wrong: each typical wrong attempt gets the finding and hint written for it', async () => {
    const shown = await run(notebook, 'wrong');
    for (const t of tasks) {
      const mine = shown.filter((c) => c.task === t.id);
      expect(mine.map((c) => c.finding), t.id).toEqual(t.attempts.map((a) => a.finding));
      for (const c of mine) expect([c.passed, c.hint]).toEqual([false, 1]);
    }
    await progressAgrees(notebook, shown);
  });

  it('solved: every solution applied, and every check ✓', async () => {
    const shown = await run(notebook, 'solved');
    expect(shown.map((c) => [c.task, c.passed])).toEqual(tasks.map((t) => [t.id, true]));
    await progressAgrees(notebook, shown);
  });
});
