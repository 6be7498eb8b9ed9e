// The recording of a running lab: execute the notebooks, redact and normalize what they showed, run the
// article's terminal path, and write recordings/ (executed notebooks, HTML pages, transcript, asciinema
// cast, index). Everything is built in a scratch directory and scanned for credentials first;
// recordings/ changes only when the whole recording succeeded.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { RECORDINGS_SUBDIR, type BackendName, type LabState } from '../backends/state.js';
import { LabError } from '../errors.js';
import type { Notebook } from '../jupyter/notebooks.js';
import type { Steps } from '../output/steps.js';
import { repoRoot } from '../paths.js';
import { toCast } from './terminal/cast.js';
import { recordNotebook, runNotebooks, type RecordingContext } from './notebooks/record-notebooks.js';
import { notebooksToHtml } from './html.js';
import { notebookTitle } from './notebooks/ipynb.js';
import { Normalizer } from './placeholders.js';
import {
  TRANSCRIPT,
  TRANSCRIPT_TITLE,
  indexHtml,
  indexMarkdown,
  transcriptHtml,
  transcriptMarkdown,
  type RecordedNotebook,
} from './pages.js';
import { recordingRedactor, scanRecordingText } from './notebooks/scrub.js';
import { NOTEBOOK_FILE, knownValues, ownedBy, selectNotebooks } from './notebooks/select.js';
import { runTranscript, type TranscriptStep } from './terminal/transcript.js';

export const DEFAULT_OUT_DIR = join(repoRoot, 'recordings');

/** Where a backend's recordings are committed: recordings/ for local, recordings/kind/ for kind. */
export function recordingsDir(backend: LabState['backend']): string {
  return join(DEFAULT_OUT_DIR, RECORDINGS_SUBDIR[backend]);
}
export const NOTEBOOKS_DIR = join(repoRoot, 'notebooks');

export interface RecordingOptions {
  progress: Steps;
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

/** Runs the article's terminal path and writes terminal.md, terminal.html and terminal.cast. */
async function recordTranscript(ctx: RecordingContext, progress: Steps): Promise<void> {
  const normalizer = new Normalizer(ctx.known);
  const clean = (text: string) => normalizer.text(ctx.redact(text));
  const steps: TranscriptStep[] = await progress.step('Recording the terminal path (kubectl, curl, vault)', (update) =>
    runTranscript(
      clean,
      (command) => {
        update(command);
        ctx.log?.(`     $ ${ctx.redact(command)}`);
      },
      ctx.state.podImage,
    ),
  );
  writeFileSync(join(ctx.staging, TRANSCRIPT.markdown), transcriptMarkdown(steps, ctx.state.backend));
  writeFileSync(join(ctx.staging, TRANSCRIPT.html), transcriptHtml(steps, ctx.state.backend));
  const scenes = steps.map((s) => ({
    comments: [s.heading ? `${s.heading.replace(/`/g, '')}.` : '', s.say?.replace(/`/g, '') ?? ''].filter(Boolean),
    command: s.command,
    output: s.output,
  }));
  writeFileSync(
    join(ctx.staging, TRANSCRIPT.cast),
    toCast(scenes, { title: `auth-delegator-lab: ${TRANSCRIPT_TITLE} (${ctx.state.backend} backend)` }),
  );
}

/** Every file of the recording through the credential scanner; any finding stops the recording. */
function assertNoCredentials(dir: string): void {
  const findings = readdirSync(dir).flatMap((f) => scanRecordingText(readFileSync(join(dir, f), 'utf8'), f));
  if (findings.length) {
    throw new LabError(
      `The recording holds ${findings.length} thing(s) that look like credentials, so nothing was written.`,
      'find where the value is shown and pass it through show.* (which redacts), or teach src/output/redact.ts its ' +
        'pattern',
      { details: findings.map((f) => `${f.file}:${f.line} ${f.kind}: ${f.excerpt}`).join('\n') },
    );
  }
}

/** Records the notebooks (all, or --only's) and the terminal path of the running lab into outDir. */
export async function recordLab(state: LabState, options: RecordingOptions): Promise<RecordResult> {
  const { progress } = options;
  const outDir = resolve(options.outDir ?? recordingsDir(state.backend));
  const notebooksDir = resolve(options.notebooksDir ?? NOTEBOOKS_DIR);
  const verbose = options.verbose ?? !(process.stderr.isTTY && !process.env.CI);
  const place = state.vault.place ?? 'host';
  const selection = selectNotebooks(readdirSync(notebooksDir), options.only, place);
  if (outDir === DEFAULT_OUT_DIR && outDir !== recordingsDir(state.backend)) {
    progress.warn(
      `Recording the ${state.backend} backend into recordings/, where the committed recordings are of the local ` +
        `backend.`,
    );
  }

  const staging = mkdtempSync(join(tmpdir(), 'lab-record-'));
  const log = verbose ? (options.log ?? ((line: string) => process.stderr.write(`${line}\n`))) : undefined;
  const ctx: RecordingContext = {
    state,
    known: knownValues(state),
    redact: recordingRedactor([state.vault.token]),
    staging,
    notebooksDir,
    log,
  };
  try {
    const warm = options.warmUp !== false;
    const executed = selection.notebooks.length ? await runNotebooks(selection.notebooks, ctx, progress, warm) : [];
    const recorded: RecordedNotebook[] = [];
    for (const [k, file] of selection.notebooks.entries())
      recorded.push(await recordNotebook(file, executed[k] as Notebook, ctx, progress));
    if (recorded.length) {
      const pages = recorded.map((r) => join(staging, `${r.name}.ipynb`));
      await progress.step(`Writing the HTML page${pages.length === 1 ? '' : 's'} (one nbconvert run)`, () =>
        notebooksToHtml(pages, staging),
      );
    }
    if (selection.transcript) await recordTranscript(ctx, progress);

    const full = !options.only?.length;
    // The notebooks already in outDir that this recording leaves as they are: the other Vault place's, and with
    // --only, the rest of this place's.
    const kept = !existsSync(outDir)
      ? []
      : readdirSync(outDir).filter(
          (f) =>
            NOTEBOOK_FILE.test(f) && !recorded.some((r) => `${r.name}.ipynb` === f) && !(full && ownedBy(f, place)),
        );
    const all = [
      ...recorded,
      ...kept.map((f) => ({
        name: basename(f, '.ipynb'),
        title: notebookTitle(JSON.parse(readFileSync(join(outDir, f), 'utf8')) as Notebook, basename(f, '.ipynb')),
      })),
    ].sort((a, b) => a.name.localeCompare(b.name));
    const hasTranscript = selection.transcript || existsSync(join(outDir, TRANSCRIPT.markdown));
    writeFileSync(join(staging, 'README.md'), indexMarkdown(all, state.backend, hasTranscript, warm));
    writeFileSync(join(staging, 'index.html'), indexHtml(all, state.backend, hasTranscript, warm));
    assertNoCredentials(staging);

    mkdirSync(outDir, { recursive: true });
    if (full) for (const f of readdirSync(outDir)) if (ownedBy(f, place)) rmSync(join(outDir, f));
    const files = readdirSync(staging).sort();
    for (const f of files) copyFileSync(join(staging, f), join(outDir, f));
    return {
      outDir,
      backend: state.backend,
      notebooks: recorded.map((r) => r.name),
      transcript: selection.transcript,
      files: files.map((f) => relative(repoRoot, join(outDir, f))),
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
