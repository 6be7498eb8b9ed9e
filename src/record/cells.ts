// Runs the notebooks for a recording: a warm-up pass, then each notebook once more, redacted and normalized.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import type { LabState } from '../backends/state.js';
import { LabError } from '../errors.js';
import { parseCellEvent } from '../jupyter/cell-events.js';
import { describeProblems, executeNotebook, type Notebook } from '../jupyter/notebooks.js';
import type { Progress } from '../output/progress.js';
import { notebookToHtml } from './html.js';
import { attachImages, formatNotebook, notebookTitle, recordingNote } from './ipynb.js';
import { normalizeNotebook } from './normalize.js';
import { Normalizer, type KnownValue } from './normalizer.js';
import type { RecordedNotebook } from './pages.js';
import { redactNotebook } from './redact.js';

export interface RecordingContext {
  state: LabState;
  known: KnownValue[];
  redact: (text: string) => string;
  staging: string;
  notebooksDir: string;
  /** Per-cell and per-command lines, or undefined when the spinner shows them. */
  log?: (line: string) => void;
}

/** Turns the runner's JSON progress lines into the spinner's detail and, when verbose, one line per finished cell. */
export function cellReporter(log: ((line: string) => void) | undefined, update: (detail: string) => void): (line: string) => void {
  const positions = new Map<number, string>();
  return (line) => {
    const event = parseCellEvent(line);
    if (event?.event === 'start') {
      const position = `${event.position}/${event.of}`;
      positions.set(event.index, position);
      update(`cell ${position} (#${event.index})`);
    } else if (event?.event === 'done' && log) {
      const mark = event.status === 'ok' ? '✓' : '✗';
      log(`     ${mark} cell ${positions.get(event.index) ?? '?'} (#${event.index}) ${event.status} in ${event.seconds.toFixed(1)}s`);
    }
  };
}

/** Runs one notebook in a fresh kernel; a failed cell stops everything with the notebook, the cell and its output. */
async function execute(file: string, ctx: RecordingContext, update: (detail: string) => void): Promise<Notebook> {
  const path = join(ctx.notebooksDir, file);
  const { notebook, problems } = await executeNotebook(path, { onProgress: cellReporter(ctx.log, update) });
  if (problems.length) {
    const first = problems[0];
    throw new LabError(
      `Recording stopped: ${file} cell #${first?.index} failed (${first?.problem}). Nothing was written.`,
      `open notebooks/${file} in JupyterLab (npm run lab), run it cell by cell and fix it, then: npm run record -- --only ${file.slice(0, 2)}`,
      { details: ctx.redact(describeProblems(path, problems)) },
    );
  }
  return notebook;
}

/**
 * Runs every notebook once before recording. Notebooks leave things behind for the next run (a binding,
 * a Vault mount) and show what they find, so the first run on a fresh lab and later runs differ; after
 * one pass the lab is in the state every later pass finds, and the recording no longer depends on history.
 */
export async function warmUp(files: readonly string[], ctx: RecordingContext, progress: Progress): Promise<void> {
  await progress.step(`Warming up: running ${files.length === 1 ? files[0] : `the ${files.length} notebooks`} once, so the recording does not depend on what ran before`, async (update) => {
    for (const file of files) {
      ctx.log?.(`     ${file}`);
      await execute(file, ctx, (detail) => update(`${file} ${detail}`));
    }
  });
}

/** Executes one notebook and writes its recording (NAME.ipynb, NAME.html) into the scratch folder. */
export async function recordNotebook(file: string, ctx: RecordingContext, progress: Progress): Promise<RecordedNotebook> {
  const path = join(ctx.notebooksDir, file);
  const name = basename(file, '.ipynb');
  return progress.step(`Recording ${file}`, async (update) => {
    const notebook = await execute(file, ctx, update);
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
    update('HTML page (nbconvert)');
    await notebookToHtml(target, ctx.staging);
    return { name, title };
  });
}
