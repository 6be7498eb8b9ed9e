// The notebooks with their "Your turn" cells filled in, found by cell metadata {lab: {task, part}}: solved
// (each solution applied), wrong (each typical wrong attempt, checked), and the recording's path (one wrong
// attempt with its hint, then the solution and a passing check). The three-state test and `record` run these.
import { joinText, type Notebook, type NotebookCell } from '../jupyter/notebooks.js';
import { task } from './task-list.js';

export type Part = 'attempt' | 'check' | 'challenge' | 'incident';
export type PracticeState = 'untouched' | 'solved' | 'wrong' | 'recording';

/** The task and part a cell plays, from its metadata. */
export function cellRole(cell: NotebookCell): { task: string; part: Part } | undefined {
  const lab = cell.metadata?.lab as { task?: unknown; part?: unknown } | undefined;
  return typeof lab?.task === 'string' && typeof lab.part === 'string'
    ? { task: lab.task, part: lab.part as Part }
    : undefined;
}

const code = (source: string, task: string, part: string): NotebookCell => ({
  cell_type: 'code',
  execution_count: null,
  metadata: { lab: { task, part } },
  outputs: [],
  source,
});

const checkCell = (id: string) => code(`// the check again\nawait check('${id}');`, id, 'check');
const solveCell = (id: string) =>
  code(`// the solution: shows what it does, and does it\nawait solve('${id}');`, id, 'solve');
const SEEDED = {
  challenge: (seed: number) =>
    `// the challenge with a fixed seed, so the fault is always the same\nawait challenge(${seed});`,
  incident: (seed: number) =>
    `// the incident with a fixed seed, so the same causes break each time\nawait incident(${seed}, { faults: 2 });`,
};
const IMPORTS = "import { solve, resetTask } from '../dist/index.js'; // the solutions, and a fresh start";

/** The notebook in `state`; `seed` fixes the challenge's fault. Notebooks without tasks come back unchanged. */
export function practiceVariant(nb: Notebook, state: PracticeState, seed?: number): Notebook {
  if (!nb.cells.some((c) => cellRole(c))) return nb;
  const cells: NotebookCell[] = [];
  for (const cell of nb.cells) {
    const role = cellRole(cell);
    if (!role) {
      cells.push(cell);
      continue;
    }
    if (role.part === 'challenge' || role.part === 'incident') {
      cells.push(seed === undefined ? cell : { ...cell, source: SEEDED[role.part](seed) });
    } else if (role.part === 'attempt') {
      cells.push(...attemptCells(cell, role.task, state));
    } else {
      cells.push(cell);
      if (state === 'recording') cells.push(solveCell(role.task), checkCell(role.task));
    }
  }
  // The setup cell (the first code cell) imports solve and resetTask too; no cell is added before the tasks,
  // so every cell above the first task keeps its place (and its id in a recording).
  const setupAt = cells.findIndex((c) => c.cell_type === 'code');
  const setup = cells[setupAt];
  if (state !== 'untouched' && setup)
    cells[setupAt] = { ...setup, source: `${joinText(setup.source).trimEnd()}\n${IMPORTS}` };
  return { ...nb, cells };
}

function attemptCells(cell: NotebookCell, id: string, state: PracticeState): NotebookCell[] {
  const t = task(id);
  const first = t.attempts[0];
  const reset = t.resetBeforeAttempt === false ? '' : `await resetTask('${id}');\n`;
  switch (state) {
    case 'untouched':
      return [cell];
    case 'solved':
      return [{ ...cell, source: `await solve('${id}');` }];
    case 'recording':
      return first ? [{ ...cell, source: `// a typical wrong attempt: ${first.what}\n${reset}${first.cell}` }] : [cell];
    case 'wrong':
      // Each attempt from a fresh start, checked right away; the notebook's own check cell follows the last one.
      return t.attempts.flatMap((a, i) => {
        const attempt = { ...cell, source: `// wrong attempt ${i + 1}: ${a.what}\n${reset}${a.cell}` };
        return i < t.attempts.length - 1 ? [attempt, checkCell(id)] : [attempt];
      });
  }
}
