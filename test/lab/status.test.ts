// `status` keeps why a probe failed: a refused connection, a certificate from another CA, an unready answer.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { LabState } from '../../src/backends/state.js';
import { health } from '../../src/lab/status.js';
import { generatePki } from '../../src/pki/pki.js';

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function stateFor(kubeServer: string, ca: string, vaultAddr: string): LabState {
  const dir = mkdtempSync(join(tmpdir(), 'lab-status-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'ca.crt'), ca);
  return {
    backend: 'local',
    startedAt: new Date(0).toISOString(),
    kubeconfig: join(dir, 'kubeconfig'),
    kubeServer,
    kubeCaFile: join(dir, 'ca.crt'),
    vault: { addr: vaultAddr, token: 'root', logFile: join(dir, 'vault.log'), auditFile: join(dir, 'audit.log') },
    processes: [],
  };
}

describe('health', () => {
  it('says why each server did not answer', async () => {
    const [served, other] = await Promise.all([generatePki(), generatePki()]);
    const api = await listen(
      createHttpsServer({ cert: served.servingCert, key: served.servingKey }, (_req, res) =>
        res.end('ok'),
      ) as unknown as Server,
    );
    const vault = await closedPort();
    const checks = await health(stateFor(`https://127.0.0.1:${api}`, other.caCert, `http://127.0.0.1:${vault}`));
    const byName = Object.fromEntries(checks.map((c) => [c.name, c]));
    expect(byName['API server /readyz']).toMatchObject({ ok: false, detail: expect.stringMatching(/certificate/) });
    expect(byName['Vault /v1/sys/health']).toMatchObject({
      ok: false,
      detail: expect.stringContaining('ECONNREFUSED'),
    });
  }, 60_000);

  it('shows the status and first line of an unready answer', async () => {
    const pki = await generatePki();
    const api = await listen(
      createHttpsServer({ cert: pki.servingCert, key: pki.servingKey }, (_req, res) =>
        res.writeHead(500).end('[-]etcd failed: reason withheld\n'),
      ) as unknown as Server,
    );
    const vault = await listen(createServer((_req, res) => res.writeHead(503).end('{"sealed":true}')));
    const checks = await health(stateFor(`https://127.0.0.1:${api}`, pki.caCert, `http://127.0.0.1:${vault}`));
    expect(checks.map((c) => [c.ok, c.detail])).toEqual([
      [false, `https://127.0.0.1:${api}: answered 500: [-]etcd failed: reason withheld`],
      [false, `http://127.0.0.1:${vault}: answered 503: {"sealed":true}`],
    ]);
  }, 60_000);
});
