import { describe, expect, it } from 'vitest';
import { indexHtml, indexMarkdown, transcriptHtml, transcriptMarkdown } from '../../src/record/pages.js';
import type { TranscriptStep } from '../../src/record/terminal/transcript.js';

const steps: TranscriptStep[] = [
  {
    heading: 'Ask with `curl`',
    say: 'The answer is **403**.',
    command: 'curl -sk "$KUBE_API/readyz"',
    output: 'HTTP/1.1 403 Forbidden\n<script>alert(1)</script> at «time»\n',
  },
  { command: 'kubectl get ns', output: 'default\n', note: 'retried until «duration»' },
];

describe('transcript pages', () => {
  it('writes the Markdown once and renders the same page as HTML', () => {
    const markdown = transcriptMarkdown(steps, 'local');
    expect(markdown).toContain('## Ask with `curl`');
    expect(markdown).toContain('```console\n$ curl -sk "$KUBE_API/readyz"\nHTTP/1.1 403 Forbidden');
    const html = transcriptHtml(steps, 'local');
    expect(html).toContain('<h2 id="ask-with-curl">Ask with <code>curl</code></h2>');
    expect(html).toContain('<p>The answer is <strong>403</strong>.</p>');
    expect(html).toContain(
      '<span class="prompt">$</span> <span class="cmd">curl -sk &#34;$KUBE_API/readyz&#34;</span>',
    );
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; at <span class="mark">«time»</span>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<em>retried until <span class="mark">«duration»</span></em>');
  });

  it('links the HTML pages where the Markdown links the Markdown ones', () => {
    expect(transcriptMarkdown(steps, 'local')).toContain('(README.md#placeholders)');
    expect(transcriptHtml(steps, 'local')).toContain('<a href="index.html#placeholders">');
  });
});

describe('index pages', () => {
  const notebooks = [{ name: '01-the-clusterrole', title: 'The | ClusterRole' }];

  it('lists the notebooks and the legend, with the placeholders anchor the transcript links to', () => {
    expect(indexMarkdown(notebooks, 'local', true)).toContain(
      '| The \\| ClusterRole | [01-the-clusterrole.ipynb](01-the-clusterrole.ipynb) |',
    );
    const html = indexHtml(notebooks, 'local', true);
    expect(html).toContain('<td>The | ClusterRole</td>');
    expect(html).toContain('<a href="01-the-clusterrole.html">01-the-clusterrole.html</a>');
    expect(html).toContain('<h2 id="placeholders">Placeholders</h2>');
    expect(html).toContain('<a href="terminal.html">terminal.md</a>');
    expect(html).toContain('<td><span class="mark">«kid»</span></td>');
  });
});
