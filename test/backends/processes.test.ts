// Server processes, with a real child process standing in for a server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { LabError } from '../../src/errors.js';
import { stop, waitUntilReady, type ManagedProcess } from '../../src/backends/processes.js';
import { startDaemon } from '../../src/exec.js';

describe('waitUntilReady', () => {
  it('says why the last readiness probe failed when it times out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-processes-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const logFile = join(dir, 'server.log');
    const proc: ManagedProcess = { name: 'server', binary: '/bin/sh', logFile, pid: startDaemon('/bin/sh', ['-c', 'echo listening soon; sleep 30'], { logFile }) };
    onTestFinished(() => stop(proc, 1000));
    const probe = async (): Promise<boolean> => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6443');
    };
    const error = await waitUntilReady(proc, probe, 500, 'the server to answer').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).problem).toBe('Timed out after 1s waiting for the server to answer.');
    expect((error as LabError).details).toContain('Last probe failed: connect ECONNREFUSED 127.0.0.1:6443');
  });
});
