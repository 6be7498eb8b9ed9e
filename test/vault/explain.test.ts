import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultClient } from '../../src/vault/vault-client.js';
import { describeReason, loginRows, loginWithReason } from '../../src/vault/explain.js';

// A stand-in for Vault on a local port: it answers sys/auth and the login, and for a refused login it
// writes the plugin's DEBUG line to the log first, as the real server does.
const dir = mkdtempSync(join(tmpdir(), 'vault-explain-'));
const logFile = join(dir, 'vault.log');
const ACCESSOR = 'auth_kubernetes_0f1e2d3c';
const REASON =
  'Post "https://127.0.0.1:1/apis/authentication.k8s.io/v1/tokenreviews": dial tcp 127.0.0.1:1: connect: connection refused';
let server: Server;
let vault: VaultClient;

beforeAll(async () => {
  writeFileSync(logFile, '2025-11-29T17:00:00.000Z [INFO]  core: vault is unsealed\n');
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/v1/sys/auth/kubernetes')
        return res.end(JSON.stringify({ data: { type: 'kubernetes', accessor: ACCESSOR } }));
      if (req.url?.startsWith('/v1/sys/auth/')) {
        // What Vault answers for a path where nothing is mounted.
        res.statusCode = 400;
        return res.end(JSON.stringify({ errors: [`No auth engine at ${req.url.slice('/v1/sys/auth/'.length)}/`] }));
      }
      const { jwt } = JSON.parse(body) as { jwt: string };
      if (jwt === 'good')
        return res.end(JSON.stringify({ auth: { client_token: 'hvs.x', metadata: { service_account_name: 'app' } } }));
      if (jwt === 'refused') {
        // An older refusal of another mount, then this one.
        appendFileSync(
          logFile,
          `2025-11-29T17:00:01.000Z [DEBUG] auth.kubernetes.auth_kubernetes_99999999: login unauthorized: err="other mount"\n`,
        );
        appendFileSync(
          logFile,
          `2025-11-29T17:00:01.000Z [DEBUG] auth.kubernetes.${ACCESSOR}: login unauthorized: err=${JSON.stringify(REASON)}\n`,
        );
        res.statusCode = 403;
        return res.end(JSON.stringify({ errors: ['permission denied'] }));
      }
      res.statusCode = 403;
      res.end(JSON.stringify({ errors: ['service account name not authorized'] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  vault = new VaultClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'root');
});

afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('loginWithReason', () => {
  it('pairs "permission denied" with the reason the plugin logged for this mount', async () => {
    const res = await loginWithReason(vault, logFile, 'app', 'refused');
    expect(res.status).toBe(403);
    expect(res.errors).toEqual(['permission denied']);
    expect(res.reason).toBe(REASON);
  });

  it('has no reason when Vault told the client already, or granted the login', async () => {
    const named = await loginWithReason(vault, logFile, 'app', 'other');
    expect(named.errors).toEqual(['service account name not authorized']);
    expect(named.reason).toBeUndefined();
    const granted = await loginWithReason(vault, logFile, 'app', 'good');
    expect(granted.status).toBe(200);
    expect(granted.json?.auth?.metadata.service_account_name).toBe('app');
  });

  it('says plainly that the log was not read when there is no log file (a shared Vault, or one in a pod)', async () => {
    const res = await loginWithReason(vault, '', 'app', 'refused');
    expect(res.logRead).toBe(false);
    expect(loginRows(res)[1]).toEqual([
      'Vault logged (DEBUG)',
      "(no log file here: a shared Vault's log is the host's, a pod's is in kubectl logs)",
    ]);
  });

  it('names the missing mount', async () => {
    await expect(loginWithReason(vault, logFile, 'app', 'good', 'kubernetes-none')).rejects.toThrow(
      /no auth method is mounted at kubernetes-none\//,
    );
  });
});

describe('loginRows and describeReason', () => {
  const base = { method: 'POST', url: 'http://127.0.0.1/v1/auth/kubernetes/login', text: '', warnings: [] };

  it('turns the API server Status the plugin logged into its code and message', () => {
    const status = {
      kind: 'Status',
      code: 403,
      reason: 'Forbidden',
      message: 'tokenreviews.authentication.k8s.io is forbidden: ... at the cluster scope',
    };
    expect(describeReason(JSON.stringify(status))).toBe(
      'the API server answered 403 Forbidden: tokenreviews.authentication.k8s.io is forbidden: ... at the cluster scope',
    );
    expect(describeReason(REASON)).toBe(REASON);
  });

  it('shows a refusal with its logged reason, or says there was none', () => {
    expect(loginRows({ ...base, status: 403, errors: ['permission denied'], json: undefined, reason: REASON })).toEqual(
      [
        ['Vault answered the client', '403: permission denied'],
        ['Vault logged (DEBUG)', REASON],
      ],
    );
    expect(loginRows({ ...base, status: 403, errors: ['namespace not authorized'], json: undefined })[1]?.[1]).toMatch(
      /nothing/,
    );
  });

  it('shows a granted login with the service account Vault recorded', () => {
    const auth = {
      client_token: 'hvs.x',
      accessor: 'a',
      policies: ['default'],
      metadata: { service_account_name: 'app', service_account_namespace: 'ns' },
      lease_duration: 600,
    };
    expect(loginRows({ ...base, status: 200, errors: [], json: { auth } })).toEqual([
      ['Vault answered the client', '200: a Vault token with policies default'],
      ['token metadata', 'service_account_name=app, service_account_namespace=ns'],
    ]);
  });
});
