// The pages around the recorded notebooks: the terminal transcript as Markdown and HTML, and the index
// (index.html for a browser, README.md for GitHub). Pure: text in, text out, the same every time.
import { escapeHtml } from '../output/table.js';
import { PLACEHOLDER_LEGEND } from './rules.js';
import type { TranscriptStep } from './transcript.js';

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
  `Recorded by \`npm run record\` against the lab's **${backend}** backend: every command below ran for real, in bash, in this order, ` +
  `right after \`npm run lab -- up\`. Values that change from run to run are replaced by marked «placeholders» and credentials by ` +
  `«redacted …» marks ([what each mark means](README.md#placeholders)).`;

/** Groups steps into blocks: a heading or a sentence starts a new block, bare commands join the one before. */
function blocks(steps: readonly TranscriptStep[]): TranscriptStep[][] {
  const out: TranscriptStep[][] = [];
  for (const step of steps) {
    const last = out.at(-1);
    if (!last || step.heading || step.say || step.command === undefined || last.at(-1)?.command === undefined || last.at(-1)?.note) out.push([step]);
    else last.push(step);
  }
  return out;
}

const fence = (text: string) => (text.includes('```') ? '~~~~' : '```');

/** The transcript as Markdown, which GitHub renders; console blocks hold `$ command` and its output. */
export function transcriptMarkdown(steps: readonly TranscriptStep[], backend: string): string {
  const parts = [`# ${TRANSCRIPT_TITLE}`, '', `> ${intro(backend)} Replay it in a terminal with \`asciinema play recordings/${TRANSCRIPT.cast}\`.`, ''];
  for (const block of blocks(steps)) {
    const first = block[0] as TranscriptStep;
    if (first.heading) parts.push(`## ${first.heading}`, '');
    if (first.say) parts.push(first.say, '');
    const body = block
      .map((s) => [s.command !== undefined ? `$ ${s.command}` : '', s.output.replace(/\n+$/, '')].filter(Boolean).join('\n'))
      .join('\n');
    const lang = first.command === undefined ? 'json' : 'console';
    const f = fence(body);
    parts.push(`${f}${lang}`, body, f, '');
    const note = block.at(-1)?.note;
    if (note) parts.push(`*${note}*`, '');
  }
  return `${parts.join('\n').trimEnd()}\n`;
}

/** Escapes text and shows every «mark» in its own colour, so nothing normalized passes unnoticed. */
function marked(text: string): string {
  return escapeHtml(text).replace(/«[^»\n]*»/g, (m) => `<span class="mark">${m}</span>`);
}

function inlineMarkdown(text: string): string {
  return marked(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
}

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; line-height: 1.5; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
code { background: #f6f8fa; padding: 0 .25em; border-radius: 4px; }
pre.term { background: #0d1117; color: #e6edf3; padding: .8rem 1rem; border-radius: 6px; overflow-x: auto; font-size: .85rem; line-height: 1.4; }
pre.term .prompt { color: #3fb950; font-weight: bold; } pre.term .cmd { color: #ffffff; font-weight: bold; }
.mark { color: #8250df; font-style: italic; } pre.term .mark { color: #d2a8ff; }
blockquote { border-left: 4px solid #d0d7de; margin: 0; padding: 0 1rem; color: #59636e; }
table { border-collapse: collapse; } th, td { text-align: left; vertical-align: top; padding: .3rem .8rem; border-bottom: 1px solid #d0d7de; }
.note { color: #59636e; font-style: italic; }`;

function page(title: string, body: string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}\n</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The transcript as one self-contained HTML page, dark like a terminal. */
export function transcriptHtml(steps: readonly TranscriptStep[], backend: string): string {
  const body = [`<h1>${escapeHtml(TRANSCRIPT_TITLE)}</h1>`, `<blockquote><p>${inlineMarkdown(intro(backend)).replace('README.md#placeholders', 'index.html#placeholders')}</p></blockquote>`];
  for (const block of blocks(steps)) {
    const first = block[0] as TranscriptStep;
    if (first.heading) body.push(`<h2>${inlineMarkdown(first.heading)}</h2>`);
    if (first.say) body.push(`<p>${inlineMarkdown(first.say)}</p>`);
    const lines = block.map((s) => {
      const command = s.command !== undefined ? `<span class="prompt">$</span> <span class="cmd">${marked(s.command)}</span>` : '';
      return [command, marked(s.output.replace(/\n+$/, ''))].filter(Boolean).join('\n');
    });
    body.push(`<pre class="term">${lines.join('\n').replace(/\n+$/, '')}</pre>`);
    const note = block.at(-1)?.note;
    if (note) body.push(`<p class="note">${inlineMarkdown(note)}</p>`);
  }
  return page(TRANSCRIPT_TITLE, body);
}

const INDEX_TITLE = 'auth-delegator-lab · recordings';
const indexIntro = (backend: string, warm: boolean) =>
  `Every notebook of the lab, executed top to bottom by \`npm run record\` against the **${backend}** backend with the tslab kernel, ` +
  `and the article's terminal path run with kubectl and curl. ` +
  (warm
    ? 'The notebooks had all run once before (a warm-up), so what they show does not depend on what ran in the lab earlier. '
    : 'Recorded with `--quick`, without the warm-up run: outputs may depend on what ran in the lab before. ') +
  `Nothing here was edited by hand: run \`npm run record\` to make them again, and \`git diff recordings/\` shows what changed.`;

/** recordings/README.md: what GitHub shows when a reader opens the folder. */
export function indexMarkdown(notebooks: readonly RecordedNotebook[], backend: string, transcript: boolean, warm = true): string {
  const lines = [`# ${INDEX_TITLE}`, '', indexIntro(backend, warm), '', '| Notebook | Executed notebook | Page |', '|---|---|---|'];
  for (const nb of notebooks) lines.push(`| ${nb.title.replace(/\|/g, '\\|')} | [${nb.name}.ipynb](${nb.name}.ipynb) | [${nb.name}.html](${nb.name}.html) |`);
  if (transcript) {
    lines.push('', '## The terminal path', '', `[${TRANSCRIPT.markdown}](${TRANSCRIPT.markdown}) shows the article's \`kubectl\` and \`curl\` steps with their real answers (also as [${TRANSCRIPT.html}](${TRANSCRIPT.html})).`);
    lines.push(`Replay them in a terminal with the standard player: \`asciinema play recordings/${TRANSCRIPT.cast}\`.`);
  }
  lines.push('', '## Placeholders', '', 'What the recorder replaced, so that two recordings of the same lab are identical and no credential is ever written:', '', '| Mark | Stands for |', '|---|---|');
  for (const [mark, meaning] of PLACEHOLDER_LEGEND) lines.push(`| ${mark} | ${meaning} |`);
  return `${lines.join('\n')}\n`;
}

/** recordings/index.html: the same index for a browser, linking the pages. */
export function indexHtml(notebooks: readonly RecordedNotebook[], backend: string, transcript: boolean, warm = true): string {
  const body = [`<h1>${escapeHtml(INDEX_TITLE)}</h1>`, `<p>${inlineMarkdown(indexIntro(backend, warm))}</p>`, '<h2>Notebooks</h2>', '<table>', '<tr><th>Notebook</th><th>Page</th><th>Executed notebook</th></tr>'];
  for (const nb of notebooks) {
    body.push(`<tr><td>${escapeHtml(nb.title)}</td><td><a href="${nb.name}.html">${nb.name}.html</a></td><td><a href="${nb.name}.ipynb">${nb.name}.ipynb</a></td></tr>`);
  }
  body.push('</table>');
  if (transcript) {
    body.push('<h2>The terminal path</h2>', `<p><a href="${TRANSCRIPT.html}">${escapeHtml(TRANSCRIPT_TITLE)}</a>: the article's <code>kubectl</code> and <code>curl</code> steps with their real answers (also as <a href="${TRANSCRIPT.markdown}">Markdown</a>).`);
    body.push(`Replay them in a terminal with <code>asciinema play recordings/${TRANSCRIPT.cast}</code> (<a href="${TRANSCRIPT.cast}">${TRANSCRIPT.cast}</a>).</p>`);
  }
  body.push('<h2 id="placeholders">Placeholders</h2>', '<table>', '<tr><th>Mark</th><th>Stands for</th></tr>');
  for (const [mark, meaning] of PLACEHOLDER_LEGEND) body.push(`<tr><td>${marked(mark)}</td><td>${escapeHtml(meaning)}</td></tr>`);
  body.push('</table>');
  return page(INDEX_TITLE, body);
}
