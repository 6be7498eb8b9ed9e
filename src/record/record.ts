// `npm run record`: execute the notebooks against a running lab, redact and normalize what they showed,
// run the article's terminal path, and write recordings/ (executed notebooks, HTML pages, transcript,
// asciinema cast, index). Everything is built in a scratch directory and scanned for credentials first;
// recordings/ changes only when the whole recording succeeded.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { BackendName, LabState } from '../backends/state.js';
import { LabError } from '../errors.js';
import { describeProblems, executeNotebook, type Notebook } from '../jupyter/notebooks.js';
import { install } from '../lab/install.js';
import { up } from '../lab/up.js';
import type { Progress } from '../output/progress.js';
import { labDir, repoRoot } from '../paths.js';
import { toCast } from './cast.js';
import { notebookToHtml } from './html.js';
import { attachImages, formatNotebook, notebookTitle, recordingNote } from './ipynb.js';
import { Normalizer, normalizeNotebook, type KnownValue } from './normalize.js';
import { TRANSCRIPT, TRANSCRIPT_TITLE, indexHtml, indexMarkdown, transcriptHtml, transcriptMarkdown, type RecordedNotebook } from './pages.js';
import { recordingRedactor, redactNotebook, scanRecordingText } from './redact.js';
import { runTranscript, type TranscriptStep } from './transcript.js';

export const DEFAULT_OUT_DIR = join(repoRoot, 'recordings');
export const NOTEBOOKS_DIR = join(repoRoot, 'notebooks');
const NOTEBOOK_FILE = /^(\d\d)-.+\.ipynb$/;
/** Files a recording owns in its folder; a full recording replaces exactly these. */
const OWNED = /^(?:\d\d-.+\.(?:ipynb|html)|terminal\.(?:md|html|cast)|index\.html|README\.md)$/;

export interface RecordOptions {
  progress: Progress;
  backend?: BackendName;
  /** Notebook numbers ("01") and/or "transcript"; everything when empty. */
  only?: readonly string[];
  outDir?: string;
  notebooksDir?: string;
  /** Print one line per cell and per command (off on a terminal, where the spinner shows them). */
  verbose?: boolean;
  /** Where those lines go: stderr, with the rest of the progress (stdout is for results). */
  log?: (line: string) => void;
  /** Run the notebooks once before recording them (default); off only for a quick look while writing one. */
  warmUp?: boolean;
}

export interface RecordResult {
  outDir: string;
  backend: BackendName;
  notebooks: string[];
  transcript: boolean;
  files: string[];
}

/** The notebooks/NN-*.ipynb files, in order, narrowed to --only's numbers. */
export function selectNotebooks(files: readonly string[], only: readonly string[] = []): { notebooks: string[]; transcript: boolean } {
  const all = files.filter((f) => NOTEBOOK_FILE.test(f)).sort();
  if (!only.length) return { notebooks: all, transcript: true };
  const wanted = only.flatMap((o) => o.split(',')).map((o) => o.trim()).filter(Boolean);
  const unknown = wanted.filter((w) => w !== 'transcript' && !all.some((f) => f.startsWith(`${w.padStart(2, '0')}-`)));
  if (unknown.length) {
    throw new LabError(`--only ${unknown.join(', ')}: no such notebook.`, `use a notebook number (${all.map((f) => f.slice(0, 2)).join(', ')}) or "transcript"`);
  }
  return { notebooks: all.filter((f) => wanted.some((w) => f.startsWith(`${w.padStart(2, '0')}-`))), transcript: wanted.includes('transcript') };
}

/** The lab's and this machine's values with names: its ports, the checkout, the state folder, home. */
export function knownValues(state: LabState): KnownValue[] {
  const known: KnownValue[] = [];
  const portOf = (url: string) => (URL.canParse(url) ? new URL(url).port : '');
  const addPort = (port: string | number | undefined, name: string) => {
    if (port && !known.some((k) => k.kind === 'port' && k.value === String(port))) known.push({ kind: 'port', value: String(port), name });
  };
  addPort(portOf(state.kubeServer), 'api-port');
  const vaultPort = portOf(state.vault.addr);
  addPort(vaultPort, 'vault-port');
  if (vaultPort) addPort(Number(vaultPort) + 1, 'vault-cluster-port');
  for (const p of state.processes) addPort(p.port, `${p.name}-port`);
  known.push({ kind: 'path', value: repoRoot, name: 'repo' });
  // Always «lab-dir», inside the checkout (.lab/) or not (LAB_STATE_DIR), so both record the same.
  known.push({ kind: 'path', value: labDir, name: 'lab-dir' });
  // Longest first when applied, so a checkout under the home directory still reads «repo».
  if (homedir().length > 1) known.push({ kind: 'path', value: homedir(), name: 'home' });
  return known;
}

/** Turns the runner's stderr lines ("cell 2/5 (#3) running", "cell #3 ok in 0.8s") into progress. */
function cellReporter(log: ((line: string) => void) | undefined, update: (detail: string) => void): (line: string) => void {
  const positions = new Map<string, string>();
  return (line) => {
    const running = /^cell (\d+\/\d+) \(#(\d+)\) running/.exec(line);
    if (running) {
      positions.set(running[2] ?? '', running[1] ?? '');
      update(`cell ${running[1]} (#${running[2]})`);
      return;
    }
    const done = /^cell #(\d+) (\w+) in ([\d.]+)s/.exec(line);
    if (done && log) {
      const mark = done[2] === 'ok' ? '✓' : '✗';
      log(`     ${mark} cell ${positions.get(done[1] ?? '') ?? '?'} (#${done[1]}) ${done[2]} in ${Number(done[3]).toFixed(1)}s`);
    }
  };
}

interface Context {
  state: LabState;
  known: KnownValue[];
  redact: (text: string) => string;
  staging: string;
  notebooksDir: string;
  /** Per-cell and per-command lines, or undefined when the spinner shows them. */
  log?: (line: string) => void;
}

/** Runs one notebook in a fresh kernel; a failed cell stops everything with the notebook, the cell and its output. */
async function execute(file: string, ctx: Context, update: (detail: string) => void): Promise<Notebook> {
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
async function warmUp(files: readonly string[], ctx: Context, progress: Progress): Promise<void> {
  await progress.step(`Warming up: running ${files.length === 1 ? files[0] : `the ${files.length} notebooks`} once, so the recording does not depend on what ran before`, async (update) => {
    for (const file of files) {
      ctx.log?.(`     ${file}`);
      await execute(file, ctx, (detail) => update(`${file} ${detail}`));
    }
  });
}

/** Executes one notebook and writes its recording (NAME.ipynb, NAME.html) into the scratch folder. */
async function recordNotebook(file: string, ctx: Context, progress: Progress): Promise<RecordedNotebook> {
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

/** Runs the article's terminal path and writes terminal.md, terminal.html and terminal.cast. */
async function recordTranscript(ctx: Context, progress: Progress): Promise<void> {
  const normalizer = new Normalizer(ctx.known);
  const clean = (text: string) => normalizer.text(ctx.redact(text));
  const steps: TranscriptStep[] = await progress.step('Recording the terminal path (kubectl, curl)', (update) =>
    runTranscript(clean, (command) => {
      update(command);
      ctx.log?.(`     $ ${ctx.redact(command)}`);
    }),
  );
  writeFileSync(join(ctx.staging, TRANSCRIPT.markdown), transcriptMarkdown(steps, ctx.state.backend));
  writeFileSync(join(ctx.staging, TRANSCRIPT.html), transcriptHtml(steps, ctx.state.backend));
  const scenes = steps.map((s) => ({ comments: [s.heading ? `${s.heading.replace(/`/g, '')}.` : '', s.say?.replace(/`/g, '') ?? ''].filter(Boolean), command: s.command, output: s.output }));
  writeFileSync(join(ctx.staging, TRANSCRIPT.cast), toCast(scenes, { title: `auth-delegator-lab: ${TRANSCRIPT_TITLE} (${ctx.state.backend} backend)` }));
}

/** Every file of the recording through the credential scanner; any finding stops the recording. */
function assertNoCredentials(dir: string): void {
  const findings = readdirSync(dir).flatMap((f) => scanRecordingText(readFileSync(join(dir, f), 'utf8'), f));
  if (findings.length) {
    throw new LabError(
      `The recording holds ${findings.length} thing(s) that look like credentials, so nothing was written.`,
      'find where the value is shown and pass it through show.* (which redacts), or teach src/output/redact.ts its pattern',
      { details: findings.map((f) => `${f.file}:${f.line} ${f.kind}: ${f.excerpt}`).join('\n') },
    );
  }
}

/** Records the notebooks (all, or --only's) and the terminal path into outDir. */
export async function record(options: RecordOptions): Promise<RecordResult> {
  const { progress } = options;
  const outDir = resolve(options.outDir ?? DEFAULT_OUT_DIR);
  const notebooksDir = resolve(options.notebooksDir ?? NOTEBOOKS_DIR);
  const verbose = options.verbose ?? !(process.stderr.isTTY && !process.env.CI);
  const selection = selectNotebooks(readdirSync(notebooksDir), options.only);

  await install(progress);
  const { state } = await up(progress, { backend: options.backend });
  if (state.backend !== 'local' && outDir === DEFAULT_OUT_DIR) {
    progress.warn(`Recording the ${state.backend} backend into recordings/, where the committed recordings are of the local backend.`);
  }

  const staging = mkdtempSync(join(tmpdir(), 'lab-record-'));
  const log = verbose ? (options.log ?? ((line: string) => process.stderr.write(`${line}\n`))) : undefined;
  const ctx: Context = { state, known: knownValues(state), redact: recordingRedactor([state.vault.token]), staging, notebooksDir, log };
  try {
    const warm = options.warmUp !== false;
    if (warm && selection.notebooks.length) await warmUp(selection.notebooks, ctx, progress);
    const recorded: RecordedNotebook[] = [];
    for (const file of selection.notebooks) recorded.push(await recordNotebook(file, ctx, progress));
    if (selection.transcript) await recordTranscript(ctx, progress);

    const full = !options.only?.length;
    const kept = full || !existsSync(outDir) ? [] : readdirSync(outDir).filter((f) => NOTEBOOK_FILE.test(f) && !recorded.some((r) => `${r.name}.ipynb` === f));
    const all = [
      ...recorded,
      ...kept.map((f) => ({ name: basename(f, '.ipynb'), title: notebookTitle(JSON.parse(readFileSync(join(outDir, f), 'utf8')) as Notebook, basename(f, '.ipynb')) })),
    ].sort((a, b) => a.name.localeCompare(b.name));
    const hasTranscript = selection.transcript || existsSync(join(outDir, TRANSCRIPT.markdown));
    writeFileSync(join(staging, 'README.md'), indexMarkdown(all, state.backend, hasTranscript, warm));
    writeFileSync(join(staging, 'index.html'), indexHtml(all, state.backend, hasTranscript, warm));
    assertNoCredentials(staging);

    mkdirSync(outDir, { recursive: true });
    if (full) for (const f of readdirSync(outDir)) if (OWNED.test(f)) rmSync(join(outDir, f));
    const files = readdirSync(staging).sort();
    for (const f of files) copyFileSync(join(staging, f), join(outDir, f));
    return { outDir, backend: state.backend, notebooks: recorded.map((r) => r.name), transcript: selection.transcript, files: files.map((f) => relative(repoRoot, join(outDir, f))) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
