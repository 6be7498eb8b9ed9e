// VaultClient over a local HTTP server: refusals come back as answers, and no answer at all is a LabError.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { describe as describeError, LabError } from '../../src/errors.js';
import { VaultClient } from '../../src/vault/vault-client.js';

async function closedAddr(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** A Vault stand-in that answers every GET with `data`, and records the path and token of each request. */
async function vaultAnswering(data: unknown): Promise<{ addr: string; seen: Array<{ url?: string; token?: string }> }> {
  const seen: Array<{ url?: string; token?: string }> = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url, token: req.headers['x-vault-token'] as string | undefined });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { addr: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('VaultClient typed reads', () => {
  it("reads the kubernetes config as `vault read` shows it: the lab's four fields, the CA without its newline", async () => {
    const { addr, seen } = await vaultAnswering({
      kubernetes_host: 'https://127.0.0.1:6443',
      kubernetes_ca_cert: '-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n',
      disable_local_ca_jwt: true,
      token_reviewer_jwt_set: false,
      pem_keys: [],
    });
    expect(await new VaultClient(addr, 'root').kubernetesConfig('k8s')).toEqual({
      kubernetes_host: 'https://127.0.0.1:6443',
      kubernetes_ca_cert: '-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----',
      disable_local_ca_jwt: true,
      token_reviewer_jwt_set: false,
    });
    expect(seen).toEqual([{ url: '/v1/auth/k8s/config', token: 'root' }]);
  });

  it("reads a role's bindings, policies and TTL, in that order", async () => {
    const { addr } = await vaultAnswering({
      alias_name_source: 'serviceaccount_uid',
      token_ttl: 600,
      token_policies: ['default'],
      bound_service_account_namespaces: ['lab'],
      bound_service_account_names: ['app'],
    });
    const role = await new VaultClient(addr, 'root').role('app');
    expect(Object.entries(role)).toEqual([
      ['bound_service_account_names', ['app']],
      ['bound_service_account_namespaces', ['lab']],
      ['token_policies', ['default']],
      ['token_ttl', 600],
    ]);
  });

  it('looks up the token it is given, not its own', async () => {
    const { addr, seen } = await vaultAnswering({
      display_name: 'kubernetes-lab-app',
      path: 'auth/kubernetes/login',
      policies: ['default'],
      ttl: 599,
      meta: { role: 'app' },
      id: 'x',
    });
    const lookup = await new VaultClient(addr, 'root').tokenLookup('hvs.client');
    expect(lookup).toEqual({
      display_name: 'kubernetes-lab-app',
      path: 'auth/kubernetes/login',
      policies: ['default'],
      ttl: 599,
      meta: { role: 'app' },
    });
    expect(seen).toEqual([{ url: '/v1/auth/token/lookup-self', token: 'hvs.client' }]);
  });
});

describe('VaultClient', () => {
  it('returns a refused login as an answer, with Vault errors and the token header left out', async () => {
    const seen: Array<string | undefined> = [];
    const server = createServer((req, res) => {
      seen.push(req.headers['x-vault-token'] as string | undefined);
      res.writeHead(403, { 'content-type': 'application/json' }).end('{"errors":["permission denied"]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const addr = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const res = await new VaultClient(addr, 'root').login('demo', 'jwt');
    expect(res).toMatchObject({
      method: 'POST',
      url: `${addr}/v1/auth/kubernetes/login`,
      status: 403,
      errors: ['permission denied'],
    });
    expect(seen).toEqual([undefined]);
  });

  it('returns the warnings of a write that succeeded next to its errors', async () => {
    const server = createServer((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"warnings":["Role app does not have an audience."]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const addr = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const res = await new VaultClient(addr, 'root').writeRole('app', {
      boundServiceAccountNames: ['app'],
      boundServiceAccountNamespaces: ['lab'],
    });
    expect(res).toMatchObject({ status: 200, errors: [], warnings: ['Role app does not have an audience.'] });
  });

  it('names the request, ECONNREFUSED and the fix when Vault is not there', async () => {
    const addr = await closedAddr();
    const error = await new VaultClient(addr, 'root').role('demo').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    const text = describeError(error);
    expect(text).toMatch(new RegExp(`^GET ${addr}/v1/auth/kubernetes/role/demo failed: .*ECONNREFUSED`));
    expect(text).toMatch(/\nFix: .*Vault/);
  });
});
