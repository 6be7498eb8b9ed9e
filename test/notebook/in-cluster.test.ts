import { describe, expect, it, vi } from 'vitest';
import { appPod, inClusterRefusal, READ_SECRET, requireVaultInCluster } from '../../src/notebook/in-cluster.js';
import type { Lab } from '../../src/exercises/types.js';

describe("notebook 07's application pod", () => {
  it("is notebook 02's restricted reader pod, with read-secret on its PATH and Vault's in-cluster address", () => {
    const pod = appPod({ namespace: 'lab-app', name: 'app' }, 'lab/busybox:1');
    expect(pod.metadata?.name).toBe('app');
    expect(pod.spec?.serviceAccountName).toBe('app');
    expect(pod.spec?.securityContext).toMatchObject({ runAsNonRoot: true });
    const [container] = pod.spec?.containers ?? [];
    expect(container?.image).toBe('lab/busybox:1');
    expect(container?.securityContext).toMatchObject({ allowPrivilegeEscalation: false });
    expect(container?.env).toContainEqual({ name: 'VAULT_ADDR', value: 'http://vault.vault.svc:8200' });
    expect(container?.volumeMounts).toEqual([{ name: 'app', mountPath: '/app' }]);
    expect(pod.spec?.volumes).toEqual([{ name: 'app', configMap: { name: 'app', defaultMode: 0o555 } }]);
  });

  it("logs in with the pod's own token file, then reads with the token it got", () => {
    expect(READ_SECRET).toContain('cat /var/run/secrets/kubernetes.io/serviceaccount/token');
    expect(READ_SECRET).toContain('$VAULT_ADDR/v1/auth/kubernetes/login');
    expect(READ_SECRET).toContain('X-Vault-Token: $token');
  });
});

describe('inClusterRefusal and requireVaultInCluster', () => {
  const lab = (place?: 'host' | 'in-cluster', backend = 'kind') =>
    ({ backend, state: { vault: { place } } }) as unknown as Lab;

  it('lets a lab with Vault in the cluster through', () => {
    expect(inClusterRefusal(lab('in-cluster'))).toBeUndefined();
    expect(() => requireVaultInCluster(lab('in-cluster'))).not.toThrow();
  });

  it('refuses any other lab, naming where its Vault runs and the command that starts one in the cluster', () => {
    expect(inClusterRefusal(lab())?.problem).toMatch(/Vault is not one \(backend kind\)/);
    expect(inClusterRefusal(lab(undefined, 'existing'))?.problem).toMatch(/is not one \(backend existing\)/);
    expect(inClusterRefusal(lab('host', 'local'))?.fix).toMatch(
      /npm run lab -- down && npm run lab -- up --backend kind --vault in-cluster/,
    );
  });

  it('stops the notebook with an error of one line, after showing the reason', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(() => requireVaultInCluster(lab())).toThrow(/^Stopped here: this notebook needs Vault in the cluster/);
      expect(String(log.mock.calls[0]?.[0])).toContain('npm run lab -- up --backend kind --vault in-cluster');
    } finally {
      log.mockRestore();
    }
  });
});
