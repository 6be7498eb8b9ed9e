// Cold provisioning is read back from what an install printed; these are the forms Progress and npm write.
import { describe, expect, it } from 'vitest';
import { lastColdRun, parseElapsed, parseRuns } from '../../../scripts/bench/cold.js';

describe('parseElapsed', () => {
  it("reads formatElapsed's forms and npm's seconds", () => {
    expect(parseElapsed('850ms')).toBe(850);
    expect(parseElapsed('4.2s')).toBe(4200);
    expect(parseElapsed('3m05s')).toBe(185_000);
    expect(parseElapsed('17s')).toBe(17_000);
  });

  it('answers undefined for anything else', () => {
    expect(parseElapsed('')).toBeUndefined();
    expect(parseElapsed('soon')).toBeUndefined();
  });
});

const COLD = [
  '# install 2026-12-02T04:51:00.000Z',
  ' ✓ Installing npm dependencies (npm ci) (17.0s)',
  ' ✗ Downloading etcd v3.6.8 (19ms)',
  ' ! No download for etcd (GET https://example.invalid failed); building it from source with go instead.',
  ' ✓ Preparing the build module for go.etcd.io/etcd/server/v3@v3.6.8 (5.5s)',
  ' ✓ Compiling etcd v3.6.8 (full output: /cache/logs/build-etcd-v3.6.8.log) (2m37s)',
].join('\n');

describe('parseRuns and lastColdRun', () => {
  it('lists each finished step with its time and outcome, without the log path', () => {
    expect(lastColdRun(COLD)).toEqual([
      { name: 'Installing npm dependencies (npm ci)', ms: 17_000, ok: true },
      { name: 'Downloading etcd v3.6.8', ms: 19, ok: false },
      { name: 'Preparing the build module for go.etcd.io/etcd/server/v3@v3.6.8', ms: 5500, ok: true },
      { name: 'Compiling etcd v3.6.8', ms: 157_000, ok: true },
    ]);
  });

  it('keeps the last install that provisioned a binary when a warm one follows', () => {
    const warm = '# install 2026-12-02T06:00:00.000Z\n ✓ Compiling the notebook library (src/ → dist/) (5.8s)';
    expect(lastColdRun(`${COLD}\n${warm}`)?.map((p) => p.name)).toContain('Compiling etcd v3.6.8');
  });

  it('finds no cold run in a log of warm installs only, so the bench cannot report one', () => {
    const warm = '# install 2026-12-02T06:00:00.000Z\n ✓ Compiling the notebook library (src/ → dist/) (5.8s)';
    expect(parseRuns(warm)).toHaveLength(1);
    expect(lastColdRun(warm)).toBeUndefined();
  });

  it("reads npm's own summary line from a captured terminal, with colour codes", () => {
    expect(
      parseRuns(
        'added 265 packages in 17s\n\x1b[32m ✓\x1b[39m Compiling the notebook library (src/ → dist/) \x1b[2m(5.8s)\x1b[22m',
      ),
    ).toEqual([
      [
        { name: 'Installing npm dependencies (npm ci)', ms: 17_000, ok: true },
        { name: 'Compiling the notebook library (src/ → dist/)', ms: 5800, ok: true },
      ],
    ]);
  });
});
