// Server processes, with a real child process standing in for a server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { LabError } from '../../src/errors.js';
import { launch, stop, waitUntilReady } from '../../src/backends/processes.js';

describe('waitUntilReady', () => {
  it('says why the last readiness probe failed when it times out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-processes-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const proc = launch('server', '/bin/sh', ['-c', 'echo listening soon; exec sleep 30'], join(dir, 'server.log'));
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
