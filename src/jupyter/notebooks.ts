// Runs notebooks headless with the tslab kernel (through nbclient in the venv) and judges the result.
// A cell fails when its execute_reply is not "ok", when it shows an error output, when tslab printed a
// TypeScript diagnostic as stderr text, or when its show.verdict is not the one the lesson expects; a code
// cell left without an execution count was never run.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { run } from '../exec.js';
import { repoRoot } from '../paths.js';
import { venvPython } from './venv.js';

export interface NotebookOutput {
  output_type: 'stream' | 'display_data' | 'execute_result' | 'error';
  name?: 'stdout' | 'stderr';
  text?: string | string[];
  data?: Record<string, string | string[]>;
  ename?: string;
  evalue?: string;
  metadata?: Record<string, unknown>;
}

export interface NotebookCell {
  cell_type: 'code' | 'markdown' | 'raw';
  source: string | string[];
  execution_count?: number | null;
  outputs?: NotebookOutput[];
  metadata?: Record<string, unknown>;
}

export interface Notebook {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

export interface CellStatus {
  index: number;
  status: 'ok' | 'error' | 'abort';
  seconds: number;
  /** Set when the runner itself stopped at this cell (a timeout, a kernel that died or never started): why. */
  runner?: string;
}

export interface CellProblem {
  index: number;
  problem: string;
  source: string;
  output: string;
}

/** tslab's compile diagnostics look like "3:7 - Type 'string' is not assignable to type 'number'." */
const TS_DIAGNOSTIC = /^\d+:\d+ - /m;

/** Jupyter stores text as one string or a list of lines; every reader of notebooks joins it here. */
export const joinText = (text: string | string[] | undefined) => (Array.isArray(text) ? text.join('') : (text ?? ''));

/** All text a cell showed: streams, plain-text views of rich outputs, and error values. */
export function cellText(cell: NotebookCell): string {
  return (cell.outputs ?? [])
    .map((o) => {
      if (o.output_type === 'stream') return joinText(o.text);
      if (o.output_type === 'error') return `${o.ename}: ${o.evalue}`;
      return joinText(o.data?.['text/plain']) || joinText(o.data?.['text/html']);
    })
    .join('\n');
}

export interface Verdict {
  index: number;
  /** What the server's answer made the cell show: true for ✓, false for ✗. */
  verdict: boolean;
  /** What the lesson expects the cell to show. */
  expected: boolean;
  text: string;
}

/** Every show.verdict a run displayed, read from the {lab: {verdict, expected}} metadata, never from text. */
export function verdicts(nb: Notebook): Verdict[] {
  return nb.cells.flatMap((cell, index) =>
    (cell.outputs ?? []).flatMap((o): Verdict[] => {
      const lab = (o.metadata?.lab ?? {}) as { verdict?: unknown; expected?: unknown };
      if (o.output_type !== 'display_data' || typeof lab.verdict !== 'boolean') return [];
      return [
        { index, verdict: lab.verdict, expected: lab.expected !== false, text: joinText(o.data?.['text/plain']) },
      ];
    }),
  );
}

/** Finds every way a run went wrong; an empty list means every code cell ran and succeeded. */
export function notebookProblems(nb: Notebook, statuses: CellStatus[] = []): CellProblem[] {
  const problems: CellProblem[] = [];
  const byIndex = new Map(statuses.map((s) => [s.index, s]));
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code') return;
    const add = (problem: string) =>
      problems.push({ index, problem, source: joinText(cell.source), output: cellText(cell) });
    const status = byIndex.get(index);
    if (status?.runner) add(`the runner stopped here: ${status.runner}`);
    else if (status && status.status !== 'ok')
      add(
        status.status === 'abort' ? 'skipped by the kernel after an earlier failure' : 'the kernel reported an error',
      );
    if (cell.execution_count == null) add('never executed (no execution count)');
    for (const o of cell.outputs ?? []) {
      if (o.output_type === 'error') add(`error output: ${o.ename}: ${o.evalue}`);
      if (o.output_type === 'stream' && o.name === 'stderr' && TS_DIAGNOSTIC.test(joinText(o.text)))
        add('TypeScript compile error');
    }
  });
  for (const v of verdicts(nb)) {
    if (v.verdict === v.expected) continue;
    const cell = nb.cells[v.index];
    const expected = v.expected ? '✓' : '✗';
    problems.push({
      index: v.index,
      problem: `the notebook's verdict is not the expected ${expected}: ${v.text}`,
      source: joinText(cell?.source),
      output: cell ? cellText(cell) : '',
    });
  }
  return problems;
}

export interface ExecuteOptions {
  timeoutSeconds?: number;
  /** Every progress line of the runner: cell events (cell-events.ts) and kernel noise. */
  onProgress?: (line: string) => void;
  /** Extra environment for the kernels, e.g. LAB_STATE_DIR: a workshop learner's own lab state. */
  env?: Record<string, string>;
}

export interface NotebookRun {
  notebook: Notebook;
  statuses: CellStatus[];
  problems: CellProblem[];
}

/**
 * Executes notebooks one after another, each in a fresh tslab kernel, and returns each executed notebook
 * with its cells' statuses. The runner starts the next notebook's kernel while the current one runs, so a
 * series pays for one kernel start-up instead of one per notebook.
 */
export async function executeNotebooks(paths: readonly string[], opts: ExecuteOptions = {}): Promise<NotebookRun[]> {
  if (paths.length === 0) return [];
  const scratch = mkdtempSync(join(tmpdir(), 'lab-nb-'));
  const outputs = paths.map((path, k) => join(scratch, `${k}-${basename(path)}`));
  try {
    const pairs = paths.flatMap((path, k) => [path, outputs[k] as string]);
    const { stdout } = await run(
      venvPython(),
      [join(repoRoot, 'scripts', 'execute_notebook.py'), '--timeout', String(opts.timeoutSeconds ?? 300), ...pairs],
      {
        cwd: repoRoot,
        fix:
          'run `npm run lab -- install` so the venv and the tslab kernel exist, and `npm run lab -- up` so the ' +
          'servers run',
        onLine: opts.onProgress,
        env: { FORCE_COLOR: '1', ...opts.env },
      },
    );
    const statuses = new Map<number, CellStatus[]>();
    for (const line of stdout.split('\n')) {
      if (!line.startsWith('{')) continue;
      const result = JSON.parse(line) as { notebook?: number; cells?: CellStatus[] };
      if (typeof result.notebook === 'number') statuses.set(result.notebook, result.cells ?? []);
    }
    return outputs.map((output, k) => {
      const notebook = JSON.parse(readFileSync(output, 'utf8')) as Notebook;
      const cells = statuses.get(k) ?? [];
      return { notebook, statuses: cells, problems: notebookProblems(notebook, cells) };
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Executes one notebook in a fresh tslab kernel. */
export async function executeNotebook(path: string, opts: ExecuteOptions = {}): Promise<NotebookRun> {
  const [result] = await executeNotebooks([path], opts);
  return result as NotebookRun;
}

/** Formats problems for a failure message: the notebook, the cell, its source and what it printed. */
export function describeProblems(path: string, problems: CellProblem[]): string {
  return problems
    .map(
      (p) =>
        `${basename(path)} cell #${p.index}: ${p.problem}\n--- source ---\n${p.source}\n--- output ---\n${p.output}`,
    )
    .join('\n\n');
}
