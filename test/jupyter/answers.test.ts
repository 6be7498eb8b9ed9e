import { describe, expect, it } from 'vitest';
import { exchanges, traces } from '../../src/jupyter/answers.js';
import type { Notebook } from '../../src/jupyter/notebooks.js';
import type { Rendered } from '../../src/output/render.js';
import { renderers } from '../../src/output/renderers.js';
import { renderTrace } from '../../src/output/sequence.js';

const shown = (status: number, body: unknown) => {
  const r = renderers.http({ method: 'POST', url: 'http://127.0.0.1:8200/v1/auth/k/login', status, body });
  return { output_type: 'display_data', data: r.bundle, metadata: r.metadata ?? {} };
};

describe('exchanges', () => {
  it('reads each show.http answer from its metadata, and never from text that only looks like one', () => {
    const nb: Notebook = {
      cells: [
        { cell_type: 'markdown', source: 'HTTP/1.1 403 permission denied' },
        {
          cell_type: 'code',
          source: '',
          outputs: [
            { output_type: 'stream', name: 'stdout', text: '< HTTP/1.1 200 OK\n' },
            shown(403, { errors: ['permission denied'] }),
          ],
        },
        { cell_type: 'code', source: '', outputs: [shown(200, { auth: {} })] },
      ],
    } as Notebook;
    expect(exchanges(nb)).toEqual([
      { index: 1, method: 'POST', path: '/v1/auth/k/login', status: 403, errors: ['permission denied'] },
      { index: 2, method: 'POST', path: '/v1/auth/k/login', status: 200 },
    ]);
  });
});

const shownCell = (r: Rendered) => ({
  cell_type: 'code',
  source: '',
  outputs: [{ output_type: 'display_data', data: r.bundle, metadata: r.metadata ?? {} }],
});
const exchangeShown = (status: number) =>
  renderers.http({ method: 'GET', url: 'http://127.0.0.1:8200/v1/sys/health', status, body: {} });

describe('traces', () => {
  it("reads each show.trace review from the tracer's record in its metadata, never from the drawn text", () => {
    const review = {
      bearer: 'system:serviceaccount:vault:vault',
      reviewed: 'system:serviceaccount:lab-app:app',
      audiences: [],
      status: 403,
      authenticated: false,
      latencyMs: 2,
      cacheable: false,
    };
    const drawn = renderTrace([review, { ...review, status: 201, authenticated: true }]);
    const nb = {
      cells: [
        { cell_type: 'code', source: '', outputs: [{ output_type: 'stream', name: 'stdout', text: drawn.text }] },
        shownCell(drawn),
        shownCell(exchangeShown(200)),
      ],
    } as Notebook;
    expect(traces(nb)).toEqual([
      { index: 1, bearer: review.bearer, reviewed: review.reviewed, status: 403, authenticated: false },
      { index: 1, bearer: review.bearer, reviewed: review.reviewed, status: 201, authenticated: true },
    ]);
    expect(exchanges(nb).map((e) => e.index)).toEqual([2]);
  });
});
