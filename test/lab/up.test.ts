// `up` when a lab already runs: reused as it is, unless another backend is asked for, which is refused with
// the fix. This refusal is what keeps `npm run test:kind` off a leftover local lab (its global set-up reuses
// any lab that runs). The running lab is a state file whose API server and Vault are two small local
// servers answering their health checks as the real ones do; it runs no process.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeState, type LabState } from '../../src/backends/state.js';
import { up } from '../../src/lab/up.js';
import { Steps } from '../../src/output/steps.js';
import { writePki } from '../../src/pki/files.js';
import { generatePki } from '../../src/pki/pki.js';

const dir = mkdtempSync(join(tmpdir(), 'lab-up-'));
const servers: Server[] = [];
const quiet = new Steps(new PassThrough() as unknown as NodeJS.WriteStream, false);
let state: LabState;

const listen = (server: Server) =>
  new Promise<number>((ok) => {
    servers.push(server);
    server.listen(0, '127.0.0.1', () => ok((server.address() as AddressInfo).port));
  });

beforeAll(async () => {
  const pki = await generatePki();
  const files = await writePki(join(dir, 'pki'), pki);
  const api = await listen(
    createHttps({ cert: pki.servingCert, key: pki.servingKey }, (req, res) =>
      res.writeHead(req.url === '/readyz' ? 200 : 404).end('ok'),
    ),
  );
  const vault = await listen(
    createHttp((req, res) =>
      res
        .writeHead(req.url === '/v1/sys/health' ? 200 : 404, { 'Content-Type': 'application/json' })
        .end('{"initialized":true,"sealed":false}'),
    ),
  );
  state = {
    backend: 'local',
    startedAt: new Date().toISOString(),
    kubeconfig: join(dir, 'kubeconfig'),
    kubeServer: `https://127.0.0.1:${api}`,
    kubeCaFile: files.caCert,
    vault: { addr: `http://127.0.0.1:${vault}`, token: 't', logFile: '', auditFile: '' },
    processes: [],
  };
  vi.stubEnv('LAB_STATE_DIR', join(dir, 'lab'));
  writeState(state);
});
// The unit tests undo environment stubs after each test.
beforeEach(() => vi.stubEnv('LAB_STATE_DIR', join(dir, 'lab')));

afterAll(() => {
  for (const server of servers) server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('up with a lab already running', () => {
  it('reuses it, with no backend asked for or the same one', async () => {
    expect(await up(quiet)).toEqual({ state, alreadyRunning: true });
    expect(await up(quiet, { backend: 'local' })).toEqual({ state, alreadyRunning: true });
  });

  it('refuses another backend, naming the one that runs and the command that switches', async () => {
    await expect(up(quiet, { backend: 'kind' })).rejects.toThrow(
      'The lab is already running on the local backend.\nFix: run `npm run lab -- down` first to switch to kind',
    );
  });

  it('refuses another place for Vault, naming where Vault runs now', async () => {
    await expect(up(quiet, { vault: 'in-cluster' })).rejects.toThrow(
      'The lab is already running on the local backend.\nFix: run `npm run lab -- down` first to switch to local ' +
        'with --vault in-cluster',
    );
    expect(await up(quiet, { vault: 'host' })).toEqual({ state, alreadyRunning: true });
  });
});
