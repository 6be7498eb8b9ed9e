// paths.ts: both lab directories follow the environment when they are asked for, not when the module is imported.
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cacheDir, labDir, repoRoot } from '../src/paths.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('labDir', () => {
  it('is .lab/ in the checkout by default', () => {
    vi.stubEnv('LAB_STATE_DIR', undefined);
    expect(labDir()).toBe(join(repoRoot, '.lab'));
  });

  it('follows LAB_STATE_DIR set after import, resolved to an absolute path', () => {
    vi.stubEnv('LAB_STATE_DIR', 'some/relative/state');
    expect(labDir()).toBe(resolve('some/relative/state'));
  });
});

describe('cacheDir', () => {
  it('follows LAB_CACHE_DIR, then XDG_CACHE_HOME', () => {
    vi.stubEnv('LAB_CACHE_DIR', '/tmp/lab-cache');
    expect(cacheDir()).toBe('/tmp/lab-cache');
    vi.stubEnv('LAB_CACHE_DIR', undefined);
    vi.stubEnv('XDG_CACHE_HOME', '/tmp/xdg');
    expect(cacheDir()).toBe(join('/tmp/xdg', 'auth-delegator-lab'));
  });
});
