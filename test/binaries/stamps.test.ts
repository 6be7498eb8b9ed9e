// A version check passed once is remembered for the same file, and forgotten when the file changes.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isStamped, stamp } from '../../src/binaries/stamps.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stamps-'));
  vi.stubEnv('LAB_CACHE_DIR', join(dir, 'cache'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('version stamps', () => {
  it('remembers a checked binary for the version it answered', () => {
    const bin = join(dir, 'kube-apiserver');
    writeFileSync(bin, '#!/bin/sh\n');
    expect(isStamped(bin, 'v1.36.3')).toBe(false);
    stamp(bin, 'v1.36.3');
    expect(isStamped(bin, 'v1.36.3')).toBe(true);
    expect(isStamped(bin, 'v1.37.0')).toBe(false);
  });

  it('forgets it once the file changes', () => {
    const bin = join(dir, 'etcd');
    writeFileSync(bin, '#!/bin/sh\n');
    stamp(bin, 'v3.6.8');
    appendFileSync(bin, 'echo replaced\n');
    expect(isStamped(bin, 'v3.6.8')).toBe(false);
  });

  it('does not count a file that is gone', () => {
    const bin = join(dir, 'vault');
    writeFileSync(bin, '#!/bin/sh\n');
    stamp(bin, 'v1.21.1');
    rmSync(bin);
    expect(isStamped(bin, 'v1.21.1')).toBe(false);
  });
});
