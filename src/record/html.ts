// One self-contained HTML page per recorded notebook, through Jupyter's own exporter (nbconvert in the
// venv): pictures embedded as data URIs, ANSI colour turned into styled spans, no script from a CDN.
// Every «placeholder» is then coloured, so a reader sees at a glance what the recorder replaced.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { run } from '../exec.js';
import { venvBin } from '../jupyter/venv.js';
import { repoRoot } from '../paths.js';

/** The lab template minus its CDN scripts (src/record/recording.html.j2). */
export const HTML_TEMPLATE = join(repoRoot, 'src', 'record', 'recording.html.j2');

const MARK_STYLE = '<style type="text/css">.lab-mark { color: #8250df; font-style: italic; }</style>';

/** nbconvert's argv for one notebook, written as NAME.html into outDir. */
export function nbconvertArgs(notebookPath: string, outDir: string): string[] {
  return ['nbconvert', '--to', 'html', '--embed-images', '--template-file', HTML_TEMPLATE, '--output-dir', outDir, notebookPath];
}

/** Wraps each «mark» in the page's text (never inside a tag) in a coloured span; pure. */
export function markPlaceholders(html: string): string {
  const marked = html.replace(/>([^<]*)</g, (whole, text: string) =>
    text.includes('«') ? `>${text.replace(/«[^»<>\n]*»/g, (mark) => `<span class="lab-mark">${mark}</span>`)}<` : whole,
  );
  return marked.replace('</head>', `${MARK_STYLE}\n</head>`);
}

/** Converts a recorded notebook to HTML next to where it is written; returns the page's path. */
export async function notebookToHtml(notebookPath: string, outDir: string): Promise<string> {
  await run(venvBin('jupyter'), nbconvertArgs(notebookPath, outDir), {
    cwd: repoRoot,
    fix: 'run `npm run lab -- install` so the venv has nbconvert',
  });
  const page = join(outDir, `${basename(notebookPath, '.ipynb')}.html`);
  writeFileSync(page, markPlaceholders(readFileSync(page, 'utf8')));
  return page;
}
