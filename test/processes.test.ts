import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { RequestError } from '../src/errors.js';
import { waitUntilReady } from '../src/processes.js';

describe('waitUntilReady', () => {
  it('says why the last probe failed when it times out, with the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-processes-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const logFile = join(dir, 'vault.log');
    writeFileSync(logFile, 'core: still unsealing\n');
    // This test's own process stands in for the server: it is alive for the whole wait.
    const proc = { name: 'vault', pid: process.pid, binary: process.execPath, logFile };
    const refused = async (): Promise<boolean> => {
      throw new RequestError(
        'GET',
        'http://127.0.0.1:1/v1/sys/health',
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      );
    };
    const error = await waitUntilReady(proc, refused, 50, 'Vault /v1/sys/health').catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(
      /Timed out after 0s waiting for Vault \/v1\/sys\/health\.\nLast probe: GET http:\/\/127\.0\.0\.1:1\/v1\/sys\/health failed: connect ECONNREFUSED/,
    );
    expect((error as Error).message).toContain('core: still unsealing');
  });
});
