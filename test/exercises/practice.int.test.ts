// Every task notebook in three states, executed headless with the tslab kernel against the real lab:
// untouched (every check ✗ with its first hint, and no cell error), wrong (each typical wrong attempt gets
// the hint written for it), and solved (every check ✓). Each state runs the task notebooks as one series,
// from every task reset; afterwards `npm run lab -- progress` says the same as each notebook's last check.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASKS } from '../../src/exercises/task-list.js';
import type { ProgressRow, TaskMetadata } from '../../src/exercises/task-render.js';
import type { Lab } from '../../src/exercises/types.js';
import type { PracticeState } from '../../src/exercises/variants.js';
import { describeProblems, executeNotebooks, type Notebook } from '../../src/jupyter/notebooks.js';
import { NOTEBOOKS_DIR } from '../../src/lab/record.js';
import { practiceNotebooks, type PracticeNotebooks } from '../../src/lab/practice-notebooks.js';
import { progressRows, runningLab } from '../../src/notebook/practice.js';

const NOTEBOOKS = [...new Set(TASKS.map((t) => t.notebook))];
const STATES = ['untouched', 'wrong', 'solved'] as const satisfies readonly PracticeState[];

let lab: Lab;
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
  return nb.cells.flatMap((cell) =>
    (cell.outputs ?? []).flatMap((o) => {
      const task = (o.metadata?.lab as { task?: TaskMetadata } | undefined)?.task;
      return task ? [task] : [];
    }),
  );
}

interface StateRun {
  /** Each notebook's task checks, in the order the notebook showed them. */
  shown: Map<string, TaskMetadata[]>;
  /** What progress said once the series had run. */
  progress: ProgressRow[];
}

/** Resets every task, runs the task notebooks in `state` as one series, then asks progress. */
async function runState(state: PracticeState): Promise<StateRun> {
  for (const t of TASKS) await t.reset(lab);
  const paths = NOTEBOOKS.map((notebook) => join(copies.get(state)?.dir ?? '', `${notebook}.ipynb`));
  const runs = await executeNotebooks(paths);
  runs.forEach(({ problems }, k) => expect(problems, describeProblems(paths[k] ?? '', problems)).toEqual([]));
  return {
    shown: new Map(NOTEBOOKS.map((notebook, k) => [notebook, checks(runs[k]?.notebook as Notebook)])),
    progress: await progressRows(lab),
  };
}

/** What progress said about the notebook's tasks, next to the last check the notebook showed. */
function progressAgrees(notebook: string, run: StateRun): void {
  const shown = run.shown.get(notebook) ?? [];
  for (const row of run.progress.filter((r) => TASKS.find((t) => t.id === r.task)?.notebook === notebook)) {
    const last = shown.filter((c) => c.task === row.task).at(-1);
    expect(row.passed, `progress and the notebook's last check agree on ${row.task}: ${row.detail}`).toBe(last?.passed);
  }
}

const tasksOf = (notebook: string) => TASKS.filter((t) => t.notebook === notebook);

/** What each state must show in a notebook, beyond every cell running and progress agreeing. */
const EXPECTED: Record<
  (typeof STATES)[number],
  { title: string; check: (notebook: string, shown: TaskMetadata[]) => void }
> = {
  untouched: {
    title: 'every check is ✗ with its first hint, and every cell runs',
    check: (notebook, shown) => {
      expect(shown.map((c) => c.task)).toEqual(tasksOf(notebook).map((t) => t.id));
      for (const c of shown) expect([c.passed, c.hint], `${c.task}: ${c.finding}`).toEqual([false, 1]);
    },
  },
  wrong: {
    title: 'each typical wrong attempt gets the finding and hint written for it',
    check: (notebook, shown) => {
      for (const t of tasksOf(notebook)) {
        const mine = shown.filter((c) => c.task === t.id);
        expect(
          mine.map((c) => c.finding),
          t.id,
        ).toEqual(t.attempts.map((a) => a.finding));
        for (const c of mine) expect([c.passed, c.hint]).toEqual([false, 1]);
      }
    },
  },
  solved: {
    title: 'every solution applied, and every check ✓',
    check: (notebook, shown) =>
      expect(shown.map((c) => [c.task, c.passed])).toEqual(tasksOf(notebook).map((t) => [t.id, true])),
  },
};

describe.each(STATES)('%s', (state) => {
  let run: StateRun;
  beforeAll(async () => {
    run = await runState(state);
  });
  it.each(NOTEBOOKS)(`%s: ${EXPECTED[state].title}`, (notebook) => {
    EXPECTED[state].check(notebook, run.shown.get(notebook) ?? []);
    progressAgrees(notebook, run);
  });
});
