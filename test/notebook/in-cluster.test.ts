import { describe, expect, it } from 'vitest';
import { appPod, READ_SECRET, requireVaultInCluster } from '../../src/notebook/in-cluster.js';
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

describe('requireVaultInCluster', () => {
  const lab = (place?: 'host' | 'in-cluster', backend = 'kind') =>
    ({ backend, state: { vault: { place } } }) as unknown as Lab;

  it('lets a lab with Vault in the cluster through', () => {
    expect(() => requireVaultInCluster(lab('in-cluster'))).not.toThrow();
  });

  it('stops any other lab, naming where its Vault runs and the command that starts one in the cluster', () => {
    expect(() => requireVaultInCluster(lab())).toThrow(/as a process on this machine \(backend kind\)/);
    expect(() => requireVaultInCluster(lab(undefined, 'existing'))).toThrow(/someone else's server/);
    expect(() => requireVaultInCluster(lab('host', 'local'))).toThrow(
      /npm run lab -- down && npm run lab -- up --backend kind --vault in-cluster/,
    );
  });
});
