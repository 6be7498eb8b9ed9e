import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { VaultClient } from '../../src/vault/vault-client.js';

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

/** A local HTTP server standing in for Vault: records each request and answers from `reply`. */
async function fakeVault(
  reply: (method: string, url: string) => unknown,
): Promise<{ vault: VaultClient; seen: Array<{ method: string; url: string; token: unknown; body: unknown }> }> {
  const seen: Array<{ method: string; url: string; token: unknown; body: unknown }> = [];
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        token: req.headers['x-vault-token'],
        body: text ? JSON.parse(text) : undefined,
      });
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(reply(req.method ?? '', req.url ?? '')));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { vault: new VaultClient(`http://127.0.0.1:${port}`, 'root'), seen };
}

describe('writeRole', () => {
  it("writes every option under the plugin's own names, with the defaults spelled out, so a rewrite resets the rest", async () => {
    const { vault, seen } = await fakeVault(() => ({}));
    await vault.writeRole(
      'by-label',
      { boundServiceAccountNames: ['app'], namespaceSelector: '{"matchLabels":{"a":"b"}}' },
      'kubernetes-beyond',
    );
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/auth/kubernetes-beyond/role/by-label' });
    expect(seen[0]?.body).toEqual({
      bound_service_account_names: ['app'],
      bound_service_account_namespaces: [],
      bound_service_account_namespace_selector: '{"matchLabels":{"a":"b"}}',
      alias_name_source: 'serviceaccount_uid',
      audience: '',
      token_policies: ['default'],
      token_ttl: '10m',
    });
  });
});

describe('aliasOfLogin', () => {
  it("reads the login's entity with the login's own token and picks the alias of the given mount", async () => {
    const entity = {
      data: {
        aliases: [
          { id: 'alias-other', name: 'x', mount_accessor: 'auth_userpass_1', metadata: null },
          {
            id: 'alias-k8s',
            name: 'lab-beyond/worker',
            mount_accessor: 'auth_kubernetes_1',
            metadata: { team: 'payments' },
          },
        ],
      },
    };
    const { vault, seen } = await fakeVault(() => entity);
    const login = {
      method: 'POST',
      url: '',
      status: 200,
      errors: [],
      warnings: [],
      text: '',
      json: { auth: { entity_id: 'e-1', client_token: 'login-token' } as never },
    };
    expect(await vault.aliasOfLogin(login, 'auth_kubernetes_1')).toEqual({
      entityId: 'e-1',
      aliasId: 'alias-k8s',
      aliasName: 'lab-beyond/worker',
      metadata: { team: 'payments' },
    });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/v1/identity/entity/id/e-1', token: 'login-token' });
  });
});
