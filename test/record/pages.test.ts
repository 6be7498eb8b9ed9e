// The HTML pages around the recordings (the transcript and the index), read as a browser would: what
// text they show, which files they link, and that nothing recorded can inject markup.
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_LEGEND } from '../../src/record/placeholder-rules.js';
import {
  indexHtml,
  indexMarkdown,
  TRANSCRIPT,
  TRANSCRIPT_TITLE,
  transcriptHtml,
  type RecordedNotebook,
} from '../../src/record/pages.js';
import type { TranscriptStep } from '../../src/record/terminal/transcript.js';

/** The text a browser shows: tags dropped, entities (named or numeric) decoded. */
function textOf(html: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, code: string) => String.fromCharCode(Number.parseInt(code, 16)))
    .replace(/&(lt|gt|amp|quot|apos);/g, (_m, name: string) => named[name] ?? '');
}

const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
const markdownLinks = (md: string) => [...md.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '');

/** A page stands alone: a document with its title, and nothing fetched from elsewhere. */
function expectStandalonePage(html: string, title: string): void {
  expect(html).toMatch(/^<!DOCTYPE html>/i);
  expect(html).toMatch(/<meta charset="utf-8">/i);
  expect(textOf(/<title>(.*?)<\/title>/s.exec(html)?.[1] ?? '')).toBe(title);
  expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
  expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
}

const steps: TranscriptStep[] = [
  {
    heading: 'A token for `app`',
    say: 'Ask the API server for a **short-lived** token:',
    command: 'export TOKEN=$(kubectl -n demo create token app)',
    output: '',
  },
  {
    command: 'curl -sk -H "Authorization: Bearer $TOKEN" "$KUBE_API/apis" | head -n 2',
    output: '{\n  "kind": "<script>alert(1)</script>",\n',
  },
  { output: '{"uid": "«uid-1»", "exp": "«time»"}\n', note: 'decoded by the recorder & shown as JSON' },
];

describe('transcriptHtml', () => {
  const html = transcriptHtml(steps, 'local');
  const text = textOf(html);

  it('is one self-contained page titled like the Markdown transcript', () => {
    expectStandalonePage(html, TRANSCRIPT_TITLE);
    expect(text).toContain(TRANSCRIPT_TITLE);
  });

  it('shows every heading, sentence, command, output and note, in order', () => {
    const wanted = [
      'A token for app',
      'Ask the API server for a short-lived token:',
      '$ export TOKEN=$(kubectl -n demo create token app)',
      '$ curl -sk -H "Authorization: Bearer $TOKEN" "$KUBE_API/apis" | head -n 2',
      '"kind": "<script>alert(1)</script>",',
      '{"uid": "«uid-1»", "exp": "«time»"}',
      'decoded by the recorder & shown as JSON',
    ];
    const at = wanted.map((w) => text.indexOf(w));
    expect(
      at.every((i) => i >= 0),
      `missing: ${wanted.filter((_w, i) => (at[i] ?? -1) < 0).join(' | ')}`,
    ).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('never passes recorded output through as markup', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('"kind": "<');
  });

  it('marks every «placeholder» so a normalized value stands out', () => {
    for (const mark of ['«uid-1»', '«time»'])
      expect(html).toMatch(new RegExp(`<span class="[^"]*mark[^"]*">${mark}</span>`));
  });

  it('names the backend and points the placeholder legend at the HTML index, not the README', () => {
    expect(text).toContain("the lab's local backend");
    expect(hrefs(html)).toContain('index.html#placeholders');
    expect(hrefs(html)).not.toContain('README.md#placeholders');
  });
});

describe('indexHtml', () => {
  const notebooks: RecordedNotebook[] = [
    { name: '00-start-here', title: 'Start here' },
    { name: '03-tokenreview', title: 'TokenReview <by hand> & RBAC' },
  ];

  it('is one self-contained page that links each notebook to its page and its executed notebook', () => {
    const html = indexHtml(notebooks, 'local', true);
    expectStandalonePage(html, 'auth-delegator-lab · recordings');
    const links = hrefs(html);
    for (const nb of notebooks) expect(links).toEqual(expect.arrayContaining([`${nb.name}.html`, `${nb.name}.ipynb`]));
    expect(textOf(html)).toContain('TokenReview <by hand> & RBAC');
    expect(html).not.toContain('<by hand>');
  });

  it('links the transcript page and its cast only when there is one', () => {
    const withTranscript = hrefs(indexHtml(notebooks, 'local', true));
    expect(withTranscript).toEqual(expect.arrayContaining([TRANSCRIPT.html, TRANSCRIPT.cast]));
    const without = hrefs(indexHtml(notebooks, 'local', false));
    for (const file of Object.values(TRANSCRIPT)) expect(without).not.toContain(file);
  });

  it('says whether the notebooks were warmed up first', () => {
    expect(textOf(indexHtml(notebooks, 'kind', true))).toMatch(
      /against the kind backend[\s\S]*had all run once before/,
    );
    expect(textOf(indexHtml(notebooks, 'kind', true, false))).toContain(
      'Recorded with --quick, without the warm-up run',
    );
  });

  it('explains every placeholder mark under the #placeholders anchor the transcript links to', () => {
    const html = indexHtml(notebooks, 'local', true);
    expect(html).toMatch(/id="placeholders"/);
    const legend = textOf(html.slice(html.indexOf('id="placeholders"')));
    for (const [mark, meaning] of PLACEHOLDER_LEGEND) {
      expect(legend).toContain(mark);
      expect(legend).toContain(meaning);
    }
  });

  it('links every file the Markdown index GitHub shows links, a Markdown page as its HTML page', () => {
    const md = markdownLinks(indexMarkdown(notebooks, 'local', true));
    expect(md.length).toBeGreaterThan(notebooks.length);
    const asHtml = md.map((link) => link.replace(/\.md$/, '.html'));
    expect(hrefs(indexHtml(notebooks, 'local', true))).toEqual(expect.arrayContaining(asHtml));
  });
});
