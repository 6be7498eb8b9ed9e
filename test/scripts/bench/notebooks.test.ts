import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Notebook } from '../../../src/jupyter/notebooks.js';
import { repoRoot } from '../../../src/paths.js';
import { declaredWaits } from '../../../scripts/bench/notebooks.js';

const code = (metadata: Record<string, unknown> = {}) => ({ cell_type: 'code' as const, source: '', metadata });

describe('declaredWaits', () => {
  it('finds the cells whose metadata says what they wait for, by index', () => {
    const nb: Notebook = {
      cells: [
        code(),
        code({ lab: { waits: 'a pod to start' } }),
        code({ lab: { task: '01-clusterrole' } }),
        code({ lab: { waits: 42 } }),
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    };
    expect([...declaredWaits(nb)]).toEqual([[1, 'a pod to start']]);
  });

  it("finds notebook 06's wait for the API server's token cache", () => {
    const nb = JSON.parse(readFileSync(join(repoRoot, 'notebooks', '06-beyond-the-article.ipynb'), 'utf8')) as Notebook;
    expect([...declaredWaits(nb).values()]).toEqual([
      expect.stringContaining('10 s cache of successful token authentications'),
    ]);
  });
});
