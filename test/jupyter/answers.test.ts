import { describe, expect, it } from 'vitest';
import { exchanges } from '../../src/jupyter/answers.js';
import type { Notebook } from '../../src/jupyter/notebooks.js';
import { renderers } from '../../src/output/renderers.js';

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
