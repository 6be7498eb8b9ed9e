import { describe, expect, it } from 'vitest';
import { apiServerArgs, controllerManagerArgs, etcdArgs } from '../../../src/backends/local/flags.js';

const pki = {
  caCert: 'ca.crt',
  servingCert: 'apiserver.crt',
  servingKey: 'apiserver.key',
  serviceAccountKey: 'sa.key',
  serviceAccountPub: 'sa.pub',
};

/** Every address a server is told to listen on or advertise. */
const addresses = (args: string[]) => args.flatMap((a) => a.match(/\d+\.\d+\.\d+\.\d+/g) ?? []);

describe('local backend arguments', () => {
  it('keeps etcd on 127.0.0.1', () => {
    const args = etcdArgs('/data', 2379, 2380);
    expect(new Set(addresses(args))).toEqual(new Set(['127.0.0.1']));
    expect(args).toContain('--listen-client-urls=http://127.0.0.1:2379');
  });

  it('binds kube-apiserver to 127.0.0.1 with RBAC and the service-account issuer and keys', () => {
    const args = apiServerArgs({ etcdPort: 2379, port: 6443, pki, certDir: '/certs' });
    expect(args).toContain('--bind-address=127.0.0.1');
    expect(args).toContain('--authorization-mode=RBAC');
    expect(args).toContain('--service-account-signing-key-file=sa.key');
    expect(args).toContain('--service-account-key-file=sa.pub');
    expect(args.some((a) => a.startsWith('--service-account-issuer=https://'))).toBe(true);
    expect(addresses(args).filter((a) => a !== '127.0.0.1' && !a.startsWith('10.0.0.'))).toEqual([]);
  });

  it('runs kube-controller-manager with the token controllers and without a serving port', () => {
    const args = controllerManagerArgs({ kubeconfig: 'kcm.kubeconfig', pki });
    expect(args).toContain('--secure-port=0');
    expect(args).toContain('--service-account-private-key-file=sa.key');
    const controllers = args
      .find((a) => a.startsWith('--controllers='))
      ?.split('=')[1]
      ?.split(',');
    expect(controllers).toEqual(
      expect.arrayContaining(['serviceaccount-controller', 'serviceaccount-token-controller']),
    );
  });
});
