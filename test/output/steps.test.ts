// Steps in kind's manner, written to a stream the test reads: steps, outcomes, elapsed time, the spinner on a TTY only.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setColorLevel } from '../../src/output/color.js';
import { Steps, formatElapsed, silent } from '../../src/output/steps.js';

function stream(): { out: NodeJS.WriteStream; text: () => string } {
  const out = new PassThrough();
  let written = '';
  out.on('data', (chunk: Buffer) => (written += chunk.toString()));
  return { out: out as unknown as NodeJS.WriteStream, text: () => written };
}

// A step's time as formatElapsed writes it: a loaded machine can take a 250 ms step past a second.
const ELAPSED = String.raw`(?:\d+ms|\d+\.\ds)`;

beforeEach(() => setColorLevel(0));
afterEach(() => vi.useRealTimers());

describe('formatElapsed', () => {
  it('reads like a person would say it', () => {
    expect(formatElapsed(850)).toBe('850ms');
    expect(formatElapsed(4200)).toBe('4.2s');
    expect(formatElapsed(185_000)).toBe('3m05s');
  });
});

describe('Steps', () => {
  it("prints the step, then ✓ with the elapsed time, and returns the work's result", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { out, text } = stream();
    const progress = new Steps(out, false);
    const result = await progress.step('Building etcd', async () => {
      vi.advanceTimersByTime(4200);
      return 'built';
    });
    expect(result).toBe('built');
    expect(text()).toBe(' • Building etcd ...\n ✓ Building etcd (4.2s)\n');
  });

  it('prints ✗ for a step that throws, and passes the error on', async () => {
    const { out, text } = stream();
    const progress = new Steps(out, false);
    await expect(progress.step('Starting Vault', async () => Promise.reject(new Error('port in use')))).rejects.toThrow(
      'port in use',
    );
    expect(text()).toMatch(new RegExp(String.raw`^ • Starting Vault \.\.\.\n ✗ Starting Vault \(${ELAPSED}\)\n$`));
  });

  it('draws a spinner with the latest detail on a terminal, then clears it for the outcome', async () => {
    const { out, text } = stream();
    const progress = new Steps(out, true);
    await progress.step('Downloading vault', async (update) => {
      update(`${'x'.repeat(80)}`);
      await new Promise((done) => setTimeout(done, 250));
    });
    expect(text()).toContain('\r\x1b[2K ⠋ Downloading vault');
    expect(text()).toContain(` ${'x'.repeat(67)}...`);
    expect(text()).toMatch(new RegExp(String.raw`\r\x1b\[2K ✓ Downloading vault \(${ELAPSED}\)\n$`));
  });

  it('writes results and warnings to the stream it was given', () => {
    const { out, text } = stream();
    const progress = new Steps(out, false);
    progress.info('The lab is up');
    progress.warn('A previous lab stopped uncleanly');
    expect(text()).toBe('The lab is up\n ! A previous lab stopped uncleanly\n');
  });
});

describe('Steps transcript', () => {
  it('appends finished steps, recorded steps and warnings as plain text under one header', async () => {
    setColorLevel(1);
    const dir = mkdtempSync(join(tmpdir(), 'progress-'));
    try {
      const path = join(dir, 'logs', 'install.log');
      const progress = new Steps(stream().out, false);
      progress.keepTranscript(path, 'install');
      progress.recordStep('Installing npm dependencies (npm ci)', 17_000);
      await progress.step('Compiling etcd v3.6.8', async () => undefined);
      progress.warn('No download for etcd');
      const lines = readFileSync(path, 'utf8').split('\n');
      expect(lines[0]).toMatch(/^# install \d{4}-\d\d-\d\dT/);
      expect(lines[1]).toBe(' ✓ Installing npm dependencies (npm ci) (17.0s)');
      expect(lines[2]).toMatch(new RegExp(String.raw`^ ✓ Compiling etcd v3\.6\.8 \(${ELAPSED}\)$`));
      expect(lines[3]).toBe(' ! No download for etcd');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes nothing, not even the header, for a run with no steps', () => {
    const dir = mkdtempSync(join(tmpdir(), 'progress-'));
    try {
      new Steps(stream().out, false).keepTranscript(join(dir, 'install.log'), 'install');
      expect(existsSync(join(dir, 'install.log'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('silent', () => {
  it('prints nothing and still runs the work', async () => {
    expect(await silent.step('quiet', async () => 42)).toBe(42);
  });
});
