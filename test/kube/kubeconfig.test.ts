// Kubeconfigs read as kubectl reads them: the server and CA of a context, one context alone, and a
// kubeconfig that names no CA refused with the fix the caller gave.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextCluster, loadKubeconfig, onlyContext, serverAndCa } from '../../src/kube/kubeconfig.js';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const kubeconfig = (cluster: string) => `apiVersion: v1
kind: Config
current-context: kind-lab
clusters:
- name: kind-lab
  cluster:
${cluster}
contexts:
- name: kind-lab
  context: { cluster: kind-lab, user: kind-lab }
users:
- name: kind-lab
  user: { token: abc }
`;

const withCa = kubeconfig(
  `    server: https://127.0.0.1:6443\n    certificate-authority-data: ${Buffer.from(CA).toString('base64')}`,
);

describe('serverAndCa', () => {
  it("reads the current cluster's server and CA, as kind writes them", async () => {
    expect(await serverAndCa(withCa, 'The kind kubeconfig', 'look at it')).toEqual({
      server: 'https://127.0.0.1:6443',
      ca: CA,
    });
  });

  it('refuses a kubeconfig without CA data, or one that is not YAML, naming it and the fix it was given', async () => {
    await expect(
      serverAndCa(kubeconfig('    server: https://127.0.0.1:6443'), 'The kind kubeconfig', 'run `kind get kubeconfig`'),
    ).rejects.toThrow('The kind kubeconfig has no server or CA data.\nFix: run `kind get kubeconfig`');
    await expect(serverAndCa(': [', 'The kind kubeconfig', 'look')).rejects.toThrow(
      'The kind kubeconfig cannot be read.',
    );
  });
});

describe('contextCluster and onlyContext', () => {
  it('reads a CA from the file a context points at, as kubectl does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-'));
    try {
      writeFileSync(join(dir, 'ca.crt'), CA);
      const config = await loadKubeconfig({
        text: kubeconfig(`    server: https://10.0.0.1\n    certificate-authority: ${join(dir, 'ca.crt')}`),
      });
      expect(contextCluster(config, 'kind-lab')).toEqual({ server: 'https://10.0.0.1', ca: CA });
      expect(contextCluster(config, 'no-such-context')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cuts a kubeconfig down to one context, its cluster and its user', async () => {
    const two = `${withCa}- name: other\n  user: { token: def }\n`.replace(
      'contexts:\n',
      'contexts:\n- name: other\n  context: { cluster: kind-lab, user: other }\n',
    );
    const one = await loadKubeconfig({ text: await onlyContext(await loadKubeconfig({ text: two }), 'kind-lab') });
    expect(one.getContexts().map((c) => c.name)).toEqual(['kind-lab']);
    expect(one.getUsers().map((u) => u.name)).toEqual(['kind-lab']);
    expect(one.getCurrentContext()).toBe('kind-lab');
  });
});
