import { describe, expect, it } from 'vitest';
import { devServerVault } from '../../../src/backends/dev-vault.js';
import { existingBackend } from '../../../src/backends/existing/existing-backend.js';
import { inClusterVault } from '../../../src/backends/kind/in-cluster-vault.js';
import { kindBackend } from '../../../src/backends/kind/kind-backend.js';
import { vaultImage } from '../../../src/backends/kind/cluster.js';
import {
  VAULT_BINDING,
  VAULT_CONFIG,
  VAULT_NODE_PORT,
  vaultManifests,
} from '../../../src/backends/kind/vault-manifests.js';
import { localBackend } from '../../../src/backends/local/local-backend.js';
import { parseVaultPlace } from '../../../src/cli/args.js';
import { LabError } from '../../../src/errors.js';

// biome-ignore lint/suspicious/noExplicitAny: the manifests are read field by field, as kubectl reads YAML
type Obj = Record<string, any>;
const objects = vaultManifests('lab/vault:test') as Obj[];
const of = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

describe("Vault in the cluster, with the Helm chart's names", () => {
  it('binds the service account vault in namespace vault to system:auth-delegator, as vault-server-binding', () => {
    expect(of('Namespace', 'vault')).toBeDefined();
    expect(of('ServiceAccount', 'vault')?.metadata.namespace).toBe('vault');
    expect(of('ClusterRoleBinding', VAULT_BINDING)).toMatchObject({
      metadata: { name: 'vault-server-binding' },
      roleRef: { kind: 'ClusterRole', name: 'system:auth-delegator' },
      subjects: [{ kind: 'ServiceAccount', name: 'vault', namespace: 'vault' }],
    });
  });

  it('runs one pod, vault-0, as that account, with the file storage the chart mounts at /vault/data', () => {
    const sts = of('StatefulSet', 'vault');
    expect(sts?.spec.replicas).toBe(1);
    const pod = sts?.spec.template.spec;
    expect(pod.serviceAccountName).toBe('vault');
    expect(pod.automountServiceAccountToken).toBeUndefined();
    expect(pod.containers[0].image).toBe('lab/vault:test');
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/vault/data' });
    expect(VAULT_CONFIG).toMatch(/storage "file" \{\s+path = "\/vault\/data"/);
    // The PersistentVolume is made for the claim the StatefulSet's template names: data-vault-0.
    expect(sts?.spec.volumeClaimTemplates[0].metadata.name).toBe('data');
    expect(of('PersistentVolume', 'vault-data')?.spec.claimRef).toEqual({ namespace: 'vault', name: 'data-vault-0' });
  });

  it('reaches a sealed Vault too, through the node port kind publishes', () => {
    const svc = of('Service', 'vault');
    expect(svc?.spec).toMatchObject({ type: 'NodePort', publishNotReadyAddresses: true });
    expect(svc?.spec.ports).toContainEqual(expect.objectContaining({ port: 8200, nodePort: VAULT_NODE_PORT }));
    expect(svc?.spec.selector).toEqual(of('StatefulSet', 'vault')?.spec.template.metadata.labels);
  });

  it('uses LAB_VAULT_IMAGE, loaded with kind load, else the image the chart would pull', () => {
    expect(vaultImage({ LAB_VAULT_IMAGE: ' lab/vault:1 ' })).toEqual({ ref: 'lab/vault:1', local: true });
    expect(vaultImage({})).toEqual({ ref: 'hashicorp/vault:1.21.1', local: false });
  });
});

describe('where Vault runs, a second axis beside the backend', () => {
  it('kind offers both places', () => {
    expect(kindBackend.vaultHost({})).toBe(devServerVault);
    expect(kindBackend.vaultHost({ vault: 'host' })).toBe(devServerVault);
    expect(kindBackend.vaultHost({ vault: 'in-cluster' })).toBe(inClusterVault);
  });

  it('local and existing refuse the cluster in one line, with the command that runs it', () => {
    for (const backend of [localBackend, existingBackend]) {
      expect(() => backend.vaultHost({ vault: 'in-cluster' })).toThrow(LabError);
      expect(() => backend.vaultHost({ vault: 'in-cluster' })).toThrow(
        /--vault in-cluster runs Vault as a pod in the lab's own kind cluster[^\n]*\nFix: run `npm run lab -- up --backend kind --vault in-cluster`/,
      );
      expect(() => backend.vaultHost({ vault: 'host' })).not.toThrow();
    }
  });

  it('parses --vault', () => {
    expect(parseVaultPlace(undefined)).toBeUndefined();
    expect(parseVaultPlace('in-cluster')).toBe('in-cluster');
    expect(() => parseVaultPlace('pod')).toThrow(/Unknown Vault place "pod"/);
  });
});
