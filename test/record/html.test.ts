import { describe, expect, it } from 'vitest';
import { markPlaceholders, nbconvertArgs } from '../../src/record/html.js';

describe('markPlaceholders', () => {
  it('colours every «mark» in the text, never inside a tag, and adds the style once', () => {
    const html =
      '<html><head><title>x</title></head><body><td title="«uid-1»">uid «uid-1»</td><pre>«redacted JWT eyJ… (1 chars)» and «time»</pre></body></html>';
    expect(markPlaceholders(html)).toBe(
      '<html><head><title>x</title><style type="text/css">.lab-mark { color: #8250df; font-style: italic; }</style>\n</head><body><td title="«uid-1»">uid <span class="lab-mark">«uid-1»</span></td>' +
        '<pre><span class="lab-mark">«redacted JWT eyJ… (1 chars)»</span> and <span class="lab-mark">«time»</span></pre></body></html>',
    );
  });

  it('leaves a page without marks as it was, apart from the style', () => {
    expect(markPlaceholders('<head></head><p>plain</p>')).toBe(
      '<head><style type="text/css">.lab-mark { color: #8250df; font-style: italic; }</style>\n</head><p>plain</p>',
    );
  });
});

describe('nbconvertArgs', () => {
  it('exports HTML with embedded images and the template without CDN scripts, every notebook in one run', () => {
    const args = nbconvertArgs(['/r/01.ipynb', '/r/02.ipynb'], '/r');
    expect(args).toEqual(expect.arrayContaining(['--to', 'html', '--embed-images', '--output-dir', '/r']));
    expect(args.slice(-2)).toEqual(['/r/01.ipynb', '/r/02.ipynb']);
    expect(args[args.indexOf('--template-file') + 1]).toMatch(/src\/record\/recording\.html\.j2$/);
  });
});
