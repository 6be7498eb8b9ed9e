// The leftover-process check used after a failed `up`, shown to fail when a process is really left behind.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { isAlive } from '../../src/processes.js';
import { processesMatching } from './leftovers.js';

describe('processesMatching', () => {
  it('finds a planted process whose command line carries the marker, and nothing once it is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-leftover-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const marker = `--data-dir=${join(dir, 'etcd')}`;
    expect(await processesMatching(marker)).toEqual([]);

    // A sleeping stand-in for a leftover etcd: the same flag on its command line.
    const planted = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 300_000)', '--', marker], { stdio: 'ignore' });
    const pid = planted.pid;
    if (pid === undefined) throw new Error('could not start the planted process');
    try {
      await vi.waitFor(async () => expect(await processesMatching(marker)).toEqual([pid]), {
        timeout: 10_000,
        interval: 50,
      });
    } finally {
      planted.kill('SIGKILL');
      await vi.waitFor(() => expect(isAlive(pid)).toBe(false), { timeout: 10_000, interval: 50 });
    }
    expect(await processesMatching(marker)).toEqual([]);
  });

  it('throws where pgrep cannot look, instead of reporting nothing found', async () => {
    // Without `--`, pgrep reads a marker that starts with `--` as an option and exits 2 with empty output.
    const bare = await execa('pgrep', ['-f', '--data-dir=/nowhere'], { reject: false });
    expect(bare.exitCode).toBe(2);
    expect(bare.stdout).toBe('');
    await expect(processesMatching('(')).rejects.toThrow(/pgrep -f -- \( exited 2/);
  });
});
