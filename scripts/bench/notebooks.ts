// Each notebook headless in one fresh tslab kernel through nbclient, and notebooks 00-05 as one series, the
// way the recordings and the tests run them (the runner starts each next kernel while a notebook runs).
// The floor is the same runner with notebooks of one trivial cell, so kernel start-up and nbclient are in both.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  type CellProblem,
  describeProblems,
  executeNotebook,
  executeNotebooks,
  type Notebook,
} from '../../src/jupyter/notebooks.js';
import { repoRoot } from '../../src/paths.js';
import type { Row } from './report.js';
import { summarize, timed } from './stats.js';
import { selectNotebooks } from '../../src/record/notebooks/select.js';

export interface TimedRun {
  totalMs: number;
  /** From starting the runner to the first cell starting: Python, nbclient and the kernel's start. */
  kernelMs: number;
  /** Each code cell's own time, by cell index, as the runner's execute_reply timing saw it. */
  cells: { index: number; ms: number }[];
  /** What went wrong in the run, cell by cell (none in a clean run). */
  problems: CellProblem[];
}

/** Runs one notebook and reads the runner's progress events for the kernel's start. */
export async function runNotebook(path: string): Promise<TimedRun> {
  const began = performance.now();
  let firstStart: number | undefined;
  const onProgress = (line: string) => {
    if (firstStart === undefined && line.includes('"event": "start"')) firstStart = performance.now();
  };
  const { ms, value } = await timed(() => executeNotebook(path, { onProgress, timeoutSeconds: 300 }));
  return {
    totalMs: ms,
    kernelMs: (firstStart ?? began) - began,
    cells: value.statuses.map((s) => ({ index: s.index, ms: s.seconds * 1000 })),
    problems: value.problems,
  };
}

export function notebookPaths(only?: string[]): string[] {
  const dir = join(repoRoot, 'notebooks');
  // The bench's lab runs Vault on the host; notebook 07 needs it in the cluster.
  const all = selectNotebooks(readdirSync(dir)).notebooks;
  return all.filter((f) => !only?.length || only.some((prefix) => f.startsWith(prefix))).map((f) => join(dir, f));
}

/** The floors: a fresh tslab kernel running one trivial cell, alone and as a series of six such notebooks. */
async function kernelFloor(runs: number): Promise<{ single: TimedRun[]; series: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'lab-bench-nb-'));
  try {
    const path = join(dir, 'floor.ipynb');
    const cell = { cell_type: 'code', source: '1 + 1', metadata: {}, outputs: [], execution_count: null };
    writeFileSync(path, JSON.stringify({ cells: [cell], metadata: {}, nbformat: 4, nbformat_minor: 5 }));
    const single: TimedRun[] = [];
    const series: number[] = [];
    for (let i = 0; i < runs; i++) {
      single.push(await runNotebook(path));
      series.push((await timed(() => executeNotebooks(Array(6).fill(path)))).ms);
    }
    return { single, series };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const label = (path: string) => basename(path, '.ipynb');

/** The note of a row whose runs had failing cells, or none. */
const failedNote = (failed: number) =>
  failed ? `${failed} failing cell(s) across runs: the figures are not a clean run` : undefined;

/**
 * The cells a notebook declares as waiting for something the learner is told about, by index, with what
 * they wait for: cell metadata {"lab": {"waits": "..."}}. The 2 s goal for a cell does not apply to them.
 */
export function declaredWaits(notebook: Notebook): Map<number, string> {
  const waits = new Map<number, string>();
  notebook.cells.forEach((cell, index) => {
    const reason = (cell.metadata?.lab as { waits?: unknown } | undefined)?.waits;
    if (typeof reason === 'string') waits.set(index, reason);
  });
  return waits;
}

export async function notebookRows(
  runs: number,
  only: string[] | undefined,
  log: (line: string) => void,
): Promise<Row[]> {
  log('notebook floor: a fresh tslab kernel running `1 + 1`');
  const floors = await kernelFloor(runs);
  const floorRuns = floors.single;
  const floorOf = (pick: (r: TimedRun) => number) => summarize(floorRuns.map(pick));
  const floorTotal = { name: 'kernel + 1 trivial cell', value: floorOf((r) => r.totalMs) };
  const floorKernel = { name: 'fresh kernel', value: floorOf((r) => r.kernelMs) };
  const floorCell = { name: 'trivial cell', value: floorOf((r) => r.cells[0]?.ms ?? 0) };
  const paths = notebookPaths(only);
  const byNotebook = new Map<string, TimedRun[]>(paths.map((p) => [p, []]));
  for (let i = 0; i < runs; i++) {
    for (const path of paths) {
      log(`notebook ${label(path)}, run ${i + 1} of ${runs}`);
      const run = await runNotebook(path);
      // A failing cell is shown as the tests show it, so a flake can be read, not only counted.
      if (run.problems.length > 0) log(describeProblems(path, run.problems));
      byNotebook.get(path)?.push(run);
    }
  }
  const rows: Row[] = [];
  const sums: number[] = Array.from({ length: runs }, () => 0);
  for (const [path, results] of byNotebook) {
    const name = label(path).slice(0, 2);
    const failed = results.reduce((n, r) => n + r.problems.length, 0);
    const note = failedNote(failed);
    if (/^0[0-5]/.test(name)) results.forEach((r, i) => (sums[i] = (sums[i] ?? 0) + r.totalMs));
    const waits = declaredWaits(JSON.parse(readFileSync(path, 'utf8')) as Notebook);
    const others = results.map((r) => r.cells.slice(1).filter((c) => !waits.has(c.index)));
    const slowest = others.map((cells) => cells.reduce((a, b) => (b.ms > a.ms ? b : a), { index: -1, ms: 0 }));
    const cellsIndex = [...new Set(slowest.map((s) => `#${s.index}`))].join(', ');
    const waitRows = [...waits].map(([index, what]): Row => {
      const times = results.map((r) => r.cells.find((c) => c.index === index)?.ms ?? 0);
      return {
        group: `notebook ${name}`,
        name: `cell #${index}, a declared wait`,
        unit: 'ms',
        value: summarize(times),
        floor: floorCell,
        note: `waits for ${what}`,
      };
    });
    rows.push(
      {
        group: `notebook ${name}`,
        name: 'total',
        unit: 'ms',
        value: summarize(results.map((r) => r.totalMs)),
        floor: floorTotal,
        note,
      },
      {
        group: `notebook ${name}`,
        name: 'kernel start',
        unit: 'ms',
        value: summarize(results.map((r) => r.kernelMs)),
        floor: floorKernel,
      },
      {
        group: `notebook ${name}`,
        name: 'setup cell',
        unit: 'ms',
        value: summarize(results.map((r) => r.cells[0]?.ms ?? 0)),
        floor: floorCell,
        goal: { max: 500, text: '≤ 0.5 s' },
      },
      {
        group: `notebook ${name}`,
        name: `slowest other cell (${cellsIndex})`,
        unit: 'ms',
        value: summarize(slowest.map((s) => s.ms)),
        floor: floorCell,
        goal: { max: 2000, text: '≤ 2 s' },
      },
      ...waitRows,
    );
  }
  const six = paths.filter((p) => /^0[0-5]/.test(label(p)));
  if (six.length === 6) {
    const series: number[] = [];
    let failed = 0;
    for (let i = 0; i < runs; i++) {
      log(`notebooks 00–05 as one series, run ${i + 1} of ${runs}`);
      const { ms, value } = await timed(() => executeNotebooks(six, { timeoutSeconds: 300 }));
      value.forEach((r, k) => r.problems.length > 0 && log(describeProblems(six[k] ?? '', r.problems)));
      failed += value.reduce((n, r) => n + r.problems.length, 0);
      series.push(ms);
    }
    const note = failedNote(failed);
    rows.push(
      {
        group: 'notebooks',
        name: '00–05 one by one, a cold kernel each',
        unit: 'ms',
        value: summarize(sums),
        floor: { name: '6 × kernel + trivial cell', value: floorOf((r) => 6 * r.totalMs) },
      },
      {
        group: 'notebooks',
        name: '00–05 as one series',
        unit: 'ms',
        value: summarize(series),
        floor: { name: 'a series of 6 trivial notebooks', value: summarize(floors.series) },
        goal: { max: 25_000, text: '≤ 25 s' },
        note,
      },
    );
  }
  return rows;
}
