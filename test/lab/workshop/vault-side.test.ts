import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHostToken } from '../../../src/lab/workshop/vault-side.js';
import { VaultClient } from '../../../src/vault/vault-client.js';

// A stand-in for sys/capabilities-self: every path gets what CAPS says (Vault answers per path).
let caps: Record<string, string[]> = {};
let server: Server;
let addr = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const { paths } = JSON.parse(body) as { paths: string[] };
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(Object.fromEntries(paths.map((p) => [p, caps[p] ?? ['deny']]))));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  addr = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe('checkHostToken', () => {
  it('accepts a root token', async () => {
    caps = new Proxy({}, { get: () => ['root'] });
    await expect(checkHostToken(new VaultClient(addr, 't'), 'prepare')).resolves.toBeUndefined();
  });

  it('names the first capability the token lacks, in one line', async () => {
    caps = { 'sys/policies/acl/auth-delegator-lab-workshop-x': ['read', 'create', 'update', 'delete'] };
    await expect(checkHostToken(new VaultClient(addr, 't'), 'prepare')).rejects.toThrow(
      /^The Vault token lacks "create" on auth\/token\/roles\/auth-delegator-lab-workshop, which `workshop prepare` needs to make the token role that hands out learner policies\.\nFix: /,
    );
  });

  it('asks, before prepare writes anything, for every capability teardown will need', async () => {
    const everything = ['read', 'create', 'update', 'delete', 'list', 'sudo'];
    caps = new Proxy({}, { get: (_, path) => (path === 'identity/entity/id' ? ['read'] : everything) });
    await expect(checkHostToken(new VaultClient(addr, 't'), 'teardown')).rejects.toThrow(
      /^The Vault token lacks "list" on identity\/entity\/id, which `workshop teardown` needs to find the entities the learners' logins made, in teardown\./,
    );
  });
});
