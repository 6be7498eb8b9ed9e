import { existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startDaemon } from '../src/exec.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('startDaemon', () => {
  it('gives the server its log file itself, not a pipe through this process (which dies with it)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'daemon-'));
    const logFile = join(dir, 'server.log');
    const pid = startDaemon('sh', ['-c', 'echo started; sleep 1; echo later'], { logFile });
    if (existsSync(`/proc/${pid}/fd/1`)) {
      expect(readlinkSync(`/proc/${pid}/fd/1`)).toBe(logFile);
      expect(readlinkSync(`/proc/${pid}/fd/2`)).toBe(logFile);
    }
    const deadline = Date.now() + 5000;
    while (!readFileSync(logFile, 'utf8').includes('later') && Date.now() < deadline) await sleep(50);
    expect(readFileSync(logFile, 'utf8')).toBe('started\nlater\n');
  });

  it('creates the log file’s directory (the kind backend starts Vault before anything else made .lab/logs)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'daemon-'));
    const logFile = join(dir, 'logs', 'vault.log');
    startDaemon('sh', ['-c', 'echo started'], { logFile });
    const deadline = Date.now() + 5000;
    while (!(existsSync(logFile) && readFileSync(logFile, 'utf8').includes('started')) && Date.now() < deadline) await sleep(50);
    expect(readFileSync(logFile, 'utf8')).toBe('started\n');
  });
});
