// The pages around the recorded notebooks: the terminal transcript and the index, each written once as
// Markdown (terminal.md, README.md for GitHub) and rendered to HTML for a browser. Pure: text in, text out.
import { markdownPage } from './markdown.js';
import { PLACEHOLDER_LEGEND } from './placeholder-rules.js';
import type { TranscriptStep } from './terminal/transcript.js';

export interface RecordedNotebook {
  /** File name without extension: 01-the-clusterrole. */
  name: string;
  title: string;
}

export interface TranscriptFiles {
  markdown: string;
  html: string;
  cast: string;
}

/** Where the transcript's files live inside recordings/. */
export const TRANSCRIPT: TranscriptFiles = { markdown: 'terminal.md', html: 'terminal.html', cast: 'terminal.cast' };
export const TRANSCRIPT_TITLE = "The article's terminal path, recorded";

const intro = (backend: string) =>
  `Recorded by \`npm run record\` against the lab's **${backend}** backend: every command below ran for real, ` +
  'in bash, in this order, right after `npm run lab -- up`. Values that change from run to run are replaced by ' +
  'marked «placeholders» and credentials by «redacted …» marks ([what each mark means](README.md#placeholders)).';

/** Groups steps into blocks: a heading or a sentence starts a new block, bare commands join the one before. */
function blocks(steps: readonly TranscriptStep[]): TranscriptStep[][] {
  const out: TranscriptStep[][] = [];
  for (const step of steps) {
    const last = out.at(-1);
    if (
      !last ||
      step.heading ||
      step.say ||
      step.command === undefined ||
      last.at(-1)?.command === undefined ||
      last.at(-1)?.note
    )
      out.push([step]);
    else last.push(step);
  }
  return out;
}

const fence = (text: string) => (text.includes('```') ? '~~~~' : '```');

/** The transcript as Markdown, which GitHub renders; console blocks hold `$ command` and its output. */
export function transcriptMarkdown(steps: readonly TranscriptStep[], backend: string): string {
  const parts = [
    `# ${TRANSCRIPT_TITLE}`,
    '',
    `> ${intro(backend)} Replay it in a terminal with \`asciinema play recordings/${TRANSCRIPT.cast}\`.`,
    '',
  ];
  for (const block of blocks(steps)) {
    const first = block[0] as TranscriptStep;
    if (first.heading) parts.push(`## ${first.heading}`, '');
    if (first.say) parts.push(first.say, '');
    const body = block
      .map((s) =>
        [s.command !== undefined ? `$ ${s.command}` : '', s.output.replace(/\n+$/, '')].filter(Boolean).join('\n'),
      )
      .join('\n');
    const lang = first.command === undefined ? 'json' : 'console';
    const f = fence(body);
    parts.push(`${f}${lang}`, body, f, '');
    const note = block.at(-1)?.note;
    if (note) parts.push(`*${note}*`, '');
  }
  return `${parts.join('\n').trimEnd()}\n`;
}

/** The transcript as one self-contained HTML page: the Markdown page, rendered. */
export function transcriptHtml(steps: readonly TranscriptStep[], backend: string): string {
  return markdownPage(TRANSCRIPT_TITLE, transcriptMarkdown(steps, backend));
}

const INDEX_TITLE = 'auth-delegator-lab · recordings';
const indexIntro = (backend: string, warm: boolean) =>
  `Every notebook of the lab, executed top to bottom by \`npm run record\` against the **${backend}** backend ` +
  "with the tslab kernel, and the article's terminal path run with kubectl, curl and vault. " +
  (warm
    ? 'The notebooks had all run once before (a warm-up), so what they show does not depend on what ran in the lab ' +
      'earlier. '
    : 'Recorded with `--quick`, without the warm-up run: outputs may depend on what ran in the lab before. ') +
  `Nothing here was edited by hand: run \`npm run record\` to make them again, and \`git diff recordings/\` shows ` +
  `what changed.`;

/** recordings/README.md: what GitHub shows when a reader opens the folder. */
export function indexMarkdown(
  notebooks: readonly RecordedNotebook[],
  backend: string,
  transcript: boolean,
  warm = true,
): string {
  const lines = [
    `# ${INDEX_TITLE}`,
    '',
    indexIntro(backend, warm),
    '',
    '| Notebook | Executed notebook | Page |',
    '|---|---|---|',
  ];
  for (const nb of notebooks)
    lines.push(
      `| ${nb.title.replace(/\|/g, '\\|')} | [${nb.name}.ipynb](${nb.name}.ipynb) | ` +
        `[${nb.name}.html](${nb.name}.html) |`,
    );
  if (transcript) {
    lines.push(
      '',
      '## The terminal path',
      '',
      `[${TRANSCRIPT.markdown}](${TRANSCRIPT.markdown}) shows the article's \`kubectl\` and \`curl\` steps with ` +
        `their real answers (also as [${TRANSCRIPT.html}](${TRANSCRIPT.html})).`,
    );
    lines.push(
      `Replay [${TRANSCRIPT.cast}](${TRANSCRIPT.cast}) in a terminal with the standard player: \`asciinema play ` +
        `recordings/${TRANSCRIPT.cast}\`.`,
    );
  }
  lines.push(
    '',
    '## Placeholders',
    '',
    'What the recorder replaced, so that two recordings of the same lab are identical and no credential is ever ' +
      'written:',
    '',
    '| Mark | Stands for |',
    '|---|---|',
  );
  for (const [mark, meaning] of PLACEHOLDER_LEGEND) lines.push(`| ${mark} | ${meaning} |`);
  return `${lines.join('\n')}\n`;
}

/** recordings/index.html: the same index for a browser, linking the HTML pages. */
export function indexHtml(
  notebooks: readonly RecordedNotebook[],
  backend: string,
  transcript: boolean,
  warm = true,
): string {
  return markdownPage(INDEX_TITLE, indexMarkdown(notebooks, backend, transcript, warm));
}
