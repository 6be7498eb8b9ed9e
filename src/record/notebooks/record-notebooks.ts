// Runs the notebooks for a recording (a warm-up pass, then each notebook once more) and writes each one redacted and
// normalized.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import type { LabState } from '../../backends/state.js';
import { LabError } from '../../errors.js';
import { parseCellEvent } from '../../jupyter/cell-events.js';
import { describeProblems, executeNotebooks, type Notebook } from '../../jupyter/notebooks.js';
import type { Steps } from '../../output/steps.js';
import { attachImages, formatNotebook, notebookTitle, recordingNote } from './ipynb.js';
import { normalizeNotebook } from './stable.js';
import { Normalizer, type KnownValue } from '../placeholders.js';
import type { RecordedNotebook } from '../pages.js';
import { redactNotebook } from './scrub.js';

export interface RecordingContext {
  state: LabState;
  known: KnownValue[];
  redact: (text: string) => string;
  staging: string;
  notebooksDir: string;
  /** Per-cell and per-command lines, or undefined when the spinner shows them. */
  log?: (line: string) => void;
}

/**
 * Turns the runner's JSON progress lines into the spinner's detail and, when verbose, one line per finished
 * cell; `files` names the series' notebooks in the order they run.
 */
export function cellReporter(
  files: readonly string[],
  log: ((line: string) => void) | undefined,
  update: (detail: string) => void,
): (line: string) => void {
  const positions = new Map<string, string>();
  let current: number | undefined;
  return (line) => {
    const event = parseCellEvent(line);
    if (!event) return;
    const file = files[event.notebook] ?? `notebook ${event.notebook + 1}`;
    if (event.notebook !== current) {
      current = event.notebook;
      log?.(`     ${file}`);
    }
    const key = `${event.notebook}:${event.index}`;
    if (event.event === 'start') {
      const position = `${event.position}/${event.of}`;
      positions.set(key, position);
      update(`${file} cell ${position} (#${event.index})`);
    } else if (log) {
      const mark = event.status === 'ok' ? '✓' : '✗';
      log(
        `     ${mark} cell ${positions.get(key) ?? '?'} (#${event.index}) ${event.status} in ` +
          `${event.seconds.toFixed(1)}s`,
      );
    }
  };
}

/**
 * Runs the notebooks in one series of fresh kernels and returns the executed notebooks of the last pass.
 * With `warmUp`, every notebook runs once first. Notebooks leave things behind for the next run (a binding,
 * a Vault mount) and show what they find, so the first run on a fresh lab and later runs differ; after one
 * pass the lab is in the state every later pass finds, and the recording no longer depends on history.
 * A failed cell in either pass stops the recording, naming the notebook, the cell and its output.
 */
export async function runNotebooks(
  files: readonly string[],
  ctx: RecordingContext,
  progress: Steps,
  warmUp: boolean,
): Promise<Notebook[]> {
  const series = warmUp ? [...files, ...files] : [...files];
  const what = files.length === 1 ? files[0] : `the ${files.length} notebooks`;
  const title = warmUp
    ? `Running ${what} twice: a warm-up pass, so the recording does not depend on what ran before, then the pass ` +
      `recorded`
    : `Running ${what}`;
  const runs = await progress.step(title, (update) =>
    executeNotebooks(
      series.map((file) => join(ctx.notebooksDir, file)),
      { onProgress: cellReporter(series, ctx.log, update) },
    ),
  );
  const failed = runs.findIndex((run) => run.problems.length > 0);
  if (failed >= 0) {
    const file = series[failed] as string;
    const problems = runs[failed]?.problems ?? [];
    throw new LabError(
      `Recording stopped: ${file} cell #${problems[0]?.index} failed (${problems[0]?.problem}). Nothing was written.`,
      `open notebooks/${file} in JupyterLab (npm run lab), run it cell by cell and fix it, then: npm run record -- ` +
        `--only ${file.slice(0, 2)}`,
      { details: ctx.redact(describeProblems(join(ctx.notebooksDir, file), problems)) },
    );
  }
  return runs.slice(series.length - files.length).map((run) => run.notebook);
}

/**
 * Writes the recording of an executed notebook (NAME.ipynb; its HTML page comes later, with the others') into the
 * scratch folder.
 */
export async function recordNotebook(
  file: string,
  notebook: Notebook,
  ctx: RecordingContext,
  progress: Steps,
): Promise<RecordedNotebook> {
  const path = join(ctx.notebooksDir, file);
  const name = basename(file, '.ipynb');
  return progress.step(`Recording ${file}`, async () => {
    const source = JSON.parse(readFileSync(path, 'utf8')) as Notebook;
    const normalized = normalizeNotebook(redactNotebook(notebook, ctx.redact), source, new Normalizer(ctx.known));
    const withPictures = attachImages(normalized, (rel) => {
      const full = resolve(ctx.notebooksDir, rel);
      return full.startsWith(`${resolve(ctx.notebooksDir)}${sep}`) && existsSync(full) ? readFileSync(full) : undefined;
    });
    const title = notebookTitle(withPictures, name);
    const recorded: Notebook = {
      ...withPictures,
      metadata: { ...withPictures.metadata, title },
      cells: [recordingNote(ctx.state.backend, 'README.md#placeholders'), ...withPictures.cells],
    };
    const target = join(ctx.staging, `${name}.ipynb`);
    writeFileSync(target, formatNotebook(recorded));
    return { name, title };
  });
}
