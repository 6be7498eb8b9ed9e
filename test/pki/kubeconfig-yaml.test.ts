import { KubeConfig } from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LabError } from '../../src/errors.js';
import { kubeconfigYaml, tokenKubeconfigYaml } from '../../src/pki/kubeconfig-yaml.js';
import { generatePki, type LabPki } from '../../src/pki/pki.js';

const SERVER = 'https://127.0.0.1:6443';
// A JWT-shaped token; the kubeconfig only reads its `sub`, never checks the signature.
const claims = Buffer.from(JSON.stringify({ sub: 'system:serviceaccount:vault:vault-auth' })).toString('base64url');
const TOKEN = `eyJhbGciOiJFUzI1NiJ9.${claims}.c2lnbmF0dXJl`;

interface Kubeconfig {
  apiVersion: string;
  kind: string;
  clusters: Array<{ name: string; cluster: Record<string, string> }>;
  users: Array<{ name: string; user: Record<string, string> }>;
  contexts: Array<{ name: string; context: { cluster: string; user: string; namespace?: string } }>;
  'current-context': string;
}

const decode = (data: string | undefined) => Buffer.from(data ?? '', 'base64').toString('utf8');

let pki: LabPki;
beforeAll(async () => {
  pki = await generatePki();
});

describe('kubeconfigYaml', () => {
  it('embeds the CA and client credentials as base64 and selects the context', () => {
    const text = kubeconfigYaml({
      server: SERVER,
      caCert: pki.caCert,
      clientCert: pki.adminCert,
      clientKey: pki.adminKey,
    });
    const config = parse(text) as Kubeconfig;
    expect(config.apiVersion).toBe('v1');
    expect(config.kind).toBe('Config');
    expect(config.clusters).toHaveLength(1);
    expect(config.clusters[0]?.name).toBe('auth-delegator-lab');
    expect(config.clusters[0]?.cluster.server).toBe(SERVER);
    expect(decode(config.clusters[0]?.cluster['certificate-authority-data'])).toBe(pki.caCert);
    // The user defaults to the certificate's CN, the name kube-apiserver will see.
    expect(config.users).toEqual([{ name: 'lab-admin', user: expect.any(Object) }]);
    expect(decode(config.users[0]?.user['client-certificate-data'])).toBe(pki.adminCert);
    expect(decode(config.users[0]?.user['client-key-data'])).toBe(pki.adminKey);
    expect(config.contexts).toEqual([
      { name: 'lab-admin@auth-delegator-lab', context: { cluster: 'auth-delegator-lab', user: 'lab-admin' } },
    ]);
    expect(config['current-context']).toBe('lab-admin@auth-delegator-lab');
  });

  it('uses the names it is given', () => {
    const text = kubeconfigYaml({
      server: SERVER,
      caCert: pki.caCert,
      clientCert: pki.controllerManagerCert,
      clientKey: pki.controllerManagerKey,
      clusterName: 'lab',
      userName: 'kcm',
      contextName: 'kcm-ctx',
    });
    const config = parse(text) as Kubeconfig;
    expect(config.clusters[0]?.name).toBe('lab');
    expect(config.users[0]?.name).toBe('kcm');
    expect(config.contexts[0]).toEqual({ name: 'kcm-ctx', context: { cluster: 'lab', user: 'kcm' } });
    expect(config['current-context']).toBe('kcm-ctx');
  });

  it('is read by @kubernetes/client-node the way kubectl would read it', () => {
    const kc = new KubeConfig();
    kc.loadFromString(
      kubeconfigYaml({
        server: SERVER,
        caCert: pki.caCert,
        clientCert: pki.controllerManagerCert,
        clientKey: pki.controllerManagerKey,
      }),
    );
    expect(kc.getCurrentContext()).toBe('system:kube-controller-manager@auth-delegator-lab');
    expect(kc.getCurrentCluster()?.server).toBe(SERVER);
    expect(decode(kc.getCurrentCluster()?.caData)).toBe(pki.caCert);
    expect(decode(kc.getCurrentUser()?.certData)).toBe(pki.controllerManagerCert);
    expect(decode(kc.getCurrentUser()?.keyData)).toBe(pki.controllerManagerKey);
  });

  it('keeps long values on one line', () => {
    const text = kubeconfigYaml({
      server: SERVER,
      caCert: pki.caCert,
      clientCert: pki.adminCert,
      clientKey: pki.adminKey,
    });
    expect(text).toMatch(/^ +client-certificate-data: [A-Za-z0-9+/=]{200,}$/m);
  });

  it('rejects a file path or a non-https server with the fix', () => {
    expect(() =>
      kubeconfigYaml({ server: SERVER, caCert: 'ca.crt', clientCert: pki.adminCert, clientKey: pki.adminKey }),
    ).toThrow(/caCert is not a PEM CERTIFICATE[\s\S]*Fix: Pass the PEM text/);
    expect(() =>
      kubeconfigYaml({ server: SERVER, caCert: pki.caCert, clientCert: pki.adminCert, clientKey: pki.adminCert }),
    ).toThrow(LabError);
    expect(() =>
      kubeconfigYaml({
        server: 'http://127.0.0.1:8080',
        caCert: pki.caCert,
        clientCert: pki.adminCert,
        clientKey: pki.adminKey,
      }),
    ).toThrow(/must be an https:\/\/ URL/);
    const broken = pki.adminCert.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA');
    expect(() =>
      kubeconfigYaml({ server: SERVER, caCert: pki.caCert, clientCert: broken, clientKey: pki.adminKey }),
    ).toThrow(/does not parse/);
  });
});

describe('tokenKubeconfigYaml', () => {
  it('authenticates with the token and names the user after its subject', () => {
    const config = parse(
      tokenKubeconfigYaml({ server: SERVER, caCert: pki.caCert, token: `${TOKEN}\n` }),
    ) as Kubeconfig;
    expect(decode(config.clusters[0]?.cluster['certificate-authority-data'])).toBe(pki.caCert);
    expect(config.users).toEqual([{ name: 'system:serviceaccount:vault:vault-auth', user: { token: TOKEN } }]);
    expect(config['current-context']).toBe('system:serviceaccount:vault:vault-auth@auth-delegator-lab');
    expect(config.contexts[0]?.context).toEqual({
      cluster: 'auth-delegator-lab',
      user: 'system:serviceaccount:vault:vault-auth',
    });
  });

  it('falls back to a generic user name for an opaque token, and honours given names', () => {
    const opaque = parse(
      tokenKubeconfigYaml({ server: SERVER, caCert: pki.caCert, token: 'abcdef.0123456789abcdef' }),
    ) as Kubeconfig;
    expect(opaque.users[0]?.name).toBe('service-account');
    const named = parse(
      tokenKubeconfigYaml({
        server: SERVER,
        caCert: pki.caCert,
        token: TOKEN,
        userName: 'vault',
        contextName: 'as-vault',
      }),
    ) as Kubeconfig;
    expect(named.users[0]?.name).toBe('vault');
    expect(named['current-context']).toBe('as-vault');
  });

  it('names a namespace in the context when given one, which kubectl and client-node then use', () => {
    const kc = new KubeConfig();
    kc.loadFromString(
      tokenKubeconfigYaml({ server: SERVER, caCert: pki.caCert, token: TOKEN, namespace: 'ws-01-lab-review' }),
    );
    expect(kc.getContextObject(kc.getCurrentContext())?.namespace).toBe('ws-01-lab-review');
  });

  it('is read by @kubernetes/client-node with the bearer token', () => {
    const kc = new KubeConfig();
    kc.loadFromString(tokenKubeconfigYaml({ server: SERVER, caCert: pki.caCert, token: TOKEN }));
    expect(kc.getCurrentUser()?.token).toBe(TOKEN);
  });

  it('rejects an empty token', () => {
    expect(() => tokenKubeconfigYaml({ server: SERVER, caCert: pki.caCert, token: '  ' })).toThrow(
      /token for the kubeconfig is empty/,
    );
  });
});
