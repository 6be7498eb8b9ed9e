// Renders the recording's Markdown pages (the transcript, the index) as HTML with markdown-it, so each page
// is written once, in Markdown, and the HTML is that same page for a browser.
import MarkdownIt from 'markdown-it';
import { escapeHtml } from '../output/table.js';

/** Escapes text and shows every «mark» in its own colour, so nothing normalized passes unnoticed. */
export function marked(text: string): string {
  return escapeHtml(text).replace(/«[^»\n]*»/g, (m) => `<span class="mark">${m}</span>`);
}

/** A console block as a terminal shows it: the `$ command` lines bold after a green prompt. */
function terminal(body: string): string {
  const lines = body.replace(/\n+$/, '').split('\n');
  const shown = lines.map((line) =>
    line.startsWith('$ ')
      ? `<span class="prompt">$</span> <span class="cmd">${marked(line.slice(2))}</span>`
      : marked(line),
  );
  return `<pre class="term">${shown.join('\n')}</pre>\n`;
}

/** The pages link each other by their Markdown names; in HTML they link the HTML pages. */
const HTML_PAGE: Record<string, string> = { 'README.md': 'index.html', 'terminal.md': 'terminal.html' };

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
md.renderer.rules.text = (tokens, i) => marked(tokens[i]?.content ?? '');
md.renderer.rules.code_inline = (tokens, i) => `<code>${marked(tokens[i]?.content ?? '')}</code>`;
md.renderer.rules.fence = (tokens, i) => terminal(tokens[i]?.content ?? '');
const renderToken = md.renderer.renderToken.bind(md.renderer);
md.renderer.rules.link_open = (tokens, i, options) => {
  const token = tokens[i];
  const href = token?.attrGet('href') ?? '';
  const [page = '', anchor] = href.split('#');
  if (token && HTML_PAGE[page]) token.attrSet('href', `${HTML_PAGE[page]}${anchor ? `#${anchor}` : ''}`);
  return renderToken(tokens, i, options);
};
md.renderer.rules.heading_open = (tokens, i, options) => {
  // Headings get ids from their text, so README.md#placeholders has a target in index.html too.
  const token = tokens[i];
  const text = tokens[i + 1]?.content ?? '';
  if (token && token.tag !== 'h1')
    token.attrSet(
      'id',
      text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, ''),
    );
  return renderToken(tokens, i, options);
};

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 2rem auto;
  padding: 0 1rem; color: #1f2328; line-height: 1.5; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
code { background: #f6f8fa; padding: 0 .25em; border-radius: 4px; }
pre.term { background: #0d1117; color: #e6edf3; padding: .8rem 1rem; border-radius: 6px; overflow-x: auto;
  font-size: .85rem; line-height: 1.4; }
pre.term .prompt { color: #3fb950; font-weight: bold; } pre.term .cmd { color: #ffffff; font-weight: bold; }
.mark { color: #8250df; font-style: italic; } pre.term .mark { color: #d2a8ff; }
blockquote { border-left: 4px solid #d0d7de; margin: 0; padding: 0 1rem; color: #59636e; }
table { border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: .3rem .8rem; border-bottom: 1px solid #d0d7de; }
em { color: #59636e; }`;

/** One self-contained HTML page with the Markdown page's content. */
export function markdownPage(title: string, markdown: string): string {
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
    md.render(markdown).trimEnd(),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
