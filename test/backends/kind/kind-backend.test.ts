// The kind backend's answers to the interface, against a fake docker that checks the argv it is given.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { KIND_SA_KEY, kindBackend } from '../../../src/backends/kind/kind-backend.js';

const dir = mkdtempSync(join(tmpdir(), 'kind-backend-iface-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());
const KEY = `-----BEGIN ${'PRIVATE'} KEY-----\nTEST\n-----END ${'PRIVATE'} KEY-----\n`;

describe('the kind backend', () => {
  it('reads the signing key from the node of the recorded cluster with docker exec', async () => {
    // A fake docker first on PATH: it prints the key only for the exact argv the lab should send.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const fake = join(bin, 'docker');
    writeFileSync(
      fake,
      `#!/bin/sh\n[ "$*" = "exec lab-x-control-plane cat ${KIND_SA_KEY}" ] || { echo "unexpected: $*" >&2; exit 2; }\nprintf '%s' '${KEY}'\n`,
    );
    chmodSync(fake, 0o755);
    vi.stubEnv('PATH', `${bin}${delimiter}${process.env.PATH ?? ''}`);
    const key = await kindBackend.signingKey({ kubeCaFile: '/unused', record: { cluster: 'lab-x' } });
    expect(key).toEqual({ pem: KEY, source: `docker exec lab-x-control-plane cat ${KIND_SA_KEY}` });
  });

  it('names the cluster it made as what it removes, and nothing without one', () => {
    expect(kindBackend.describe({ cluster: 'auth-delegator-lab', network: 'kind' })).toEqual([
      'kind cluster auth-delegator-lab',
    ]);
    expect(kindBackend.describe(undefined)).toEqual([]);
    // Notebook 07's second cluster, recorded beside the lab's, goes with it.
    expect(kindBackend.describe({ cluster: 'auth-delegator-lab', peer: 'auth-delegator-lab-peer' })).toEqual([
      'kind cluster auth-delegator-lab-peer',
      'kind cluster auth-delegator-lab',
    ]);
  });

  it('finds the cluster a dead `up` began from the marker it left in the state directory', () => {
    vi.stubEnv('LAB_STATE_DIR', join(dir, 'no-marker'));
    expect(kindBackend.leftover()).toBeUndefined();
    const state = join(dir, 'marked');
    mkdirSync(state);
    writeFileSync(join(state, 'kind-cluster.json'), '{"cluster":"lab-y","network":"kind"}\n');
    vi.stubEnv('LAB_STATE_DIR', state);
    expect(kindBackend.leftover()).toEqual({ cluster: 'lab-y', network: 'kind' });
  });
});
