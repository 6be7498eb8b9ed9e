import { existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandError } from '../src/errors.js';
import { probe, run, runForeground, startDaemon } from '../src/exec.js';

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
    while (!(existsSync(logFile) && readFileSync(logFile, 'utf8').includes('started')) && Date.now() < deadline)
      await sleep(50);
    expect(readFileSync(logFile, 'utf8')).toBe('started\n');
  });
});

// Writes "first half, " and, a moment later, "second half": two chunks that make one line.
const SPLIT_LINE = (stream: 'stdout' | 'stderr') =>
  `process.${stream}.write('first half, '); setTimeout(() => process.${stream}.write('second half\\nnext line\\n'), 300);`;

describe('run', () => {
  it('names a missing command and how to get it', async () => {
    const error = await run('no-such-command-for-the-lab', ['--version']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).message).toBe(
      'Command not found: no-such-command-for-the-lab\nCommand output:\nspawn no-such-command-for-the-lab ENOENT\n' +
        'Fix: install no-such-command-for-the-lab or put it on PATH',
    );
  });

  it('stops a command that runs past its timeout and says so', async () => {
    const error = await run(process.execPath, ['-e', 'setTimeout(() => undefined, 60_000)'], {
      timeoutMs: 300,
      fix: 'wait less',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).problem).toBe(
      `Command timed out after 300 ms: ${process.execPath} -e setTimeout(() => undefined, 60_000)`,
    );
    expect((error as CommandError).fix).toBe('wait less');
  });

  it('hands the line callback whole lines, even when a line arrives in two writes', async () => {
    const lines: string[] = [];
    const result = await run(process.execPath, ['-e', `${SPLIT_LINE('stdout')} console.error('on stderr');`], {
      onLine: (line) => lines.push(line),
    });
    expect(lines.filter((l) => l !== 'on stderr')).toEqual(['first half, second half', 'next line']);
    expect(lines).toContain('on stderr');
    expect(result.stdout).toBe('first half, second half\nnext line');
    expect(result.stderr).toBe('on stderr');
  });
});

describe('probe', () => {
  it('answers with the output of a command that ran', async () => {
    expect(await probe('sh', ['-c', 'echo 1.2.3'])).toEqual({ ok: true, stdout: '1.2.3', stderr: '' });
  });

  it('keeps why a command failed, without throwing', async () => {
    const missing = await probe('no-such-command-for-the-lab', ['--version']);
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.error).toBeInstanceOf(CommandError);
    const failed = await probe('sh', ['-c', 'echo "daemon is down" >&2; exit 3']);
    expect(!failed.ok && (failed.error as CommandError).exitCode).toBe(3);
    expect(!failed.ok && (failed.error as CommandError).stderr).toBe('daemon is down');
  });
});

describe('runForeground', () => {
  it('hands the stderr watcher whole lines, even when a line arrives in two writes', async () => {
    const lines: string[] = [];
    const code = await runForeground(process.execPath, ['-e', SPLIT_LINE('stderr')], {
      onStderrLine: (line) => lines.push(line),
    });
    expect(code).toBe(0);
    expect(lines).toEqual(['first half, second half', 'next line']);
  });
});
