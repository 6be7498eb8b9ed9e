// VaultClient over a local HTTP server: refusals come back as answers, and no answer at all is a LabError.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { describe as describeError, LabError } from '../../src/errors.js';
import { VaultClient } from '../../src/vault/client.js';

async function closedAddr(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

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
    expect(res).toMatchObject({ method: 'POST', url: `${addr}/v1/auth/kubernetes/login`, status: 403, errors: ['permission denied'] });
    expect(seen).toEqual([undefined]);
  });

  it('names the request, ECONNREFUSED and the fix when Vault is not there', async () => {
    const addr = await closedAddr();
    const error = await new VaultClient(addr, 'root').readRole('demo').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    const text = describeError(error);
    expect(text).toMatch(new RegExp(`^GET ${addr}/v1/auth/kubernetes/role/demo failed: .*ECONNREFUSED`));
    expect(text).toMatch(/\nFix: .*Vault/);
  });
});
