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

/** nbconvert's argv for the notebooks, each written as NAME.html into outDir. */
export function nbconvertArgs(notebookPaths: readonly string[], outDir: string): string[] {
  return [
    'nbconvert',
    '--to',
    'html',
    '--embed-images',
    '--template-file',
    HTML_TEMPLATE,
    '--output-dir',
    outDir,
    ...notebookPaths,
  ];
}

/** Wraps each «mark» in the page's text (never inside a tag) in a coloured span; pure. */
export function markPlaceholders(html: string): string {
  const wrap = (text: string) => text.replace(/«[^»<>\n]*»/g, (mark) => `<span class="lab-mark">${mark}</span>`);
  const marked = html.replace(/>([^<]*)</g, (whole, text: string) => (text.includes('«') ? `>${wrap(text)}<` : whole));
  return marked.replace('</head>', `${MARK_STYLE}\n</head>`);
}

/**
 * Converts recorded notebooks to HTML next to where they are written, in one nbconvert run; returns the pages' paths.
 */
export async function notebooksToHtml(notebookPaths: readonly string[], outDir: string): Promise<string[]> {
  if (notebookPaths.length === 0) return [];
  await run(venvBin('jupyter'), nbconvertArgs(notebookPaths, outDir), {
    cwd: repoRoot,
    fix: 'run `npm run lab -- install` so the venv has nbconvert',
  });
  return notebookPaths.map((path) => {
    const page = join(outDir, `${basename(path, '.ipynb')}.html`);
    writeFileSync(page, markPlaceholders(readFileSync(page, 'utf8')));
    return page;
  });
}
