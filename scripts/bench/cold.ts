// Cold provisioning, per phase, read from what an install printed: `npm run lab -- install` keeps its
// steps in the cache's logs/install.log, so a cold run never has to be repeated for the bench.
import { existsSync, readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { installLogPath } from '../../src/lab/install.js';
import type { Row } from './report.js';
import { summarize } from './stats.js';

export interface Phase {
  name: string;
  ms: number;
  ok: boolean;
}

/** Reads "850ms", "4.2s", "3m05s" (formatElapsed's forms) and npm's "17s" back into milliseconds. */
export function parseElapsed(text: string): number | undefined {
  const m = /^(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$|^(\d+(?:\.\d+)?)ms$/.exec(text.trim());
  if (!m || text.trim() === '') return undefined;
  if (m[3] !== undefined) return Number(m[3]);
  return Number(m[1] ?? 0) * 60_000 + Number(m[2] ?? 0) * 1000;
}

const BINARY_PHASE = /^(Compiling \S+ v\d|Preparing the build module |Downloading )/;

/** The finished steps of one install run's lines. */
function phasesOf(text: string): Phase[] {
  const phases: Phase[] = [];
  for (const raw of text.split('\n')) {
    const line = stripVTControlCharacters(raw).trim();
    const npm = /^added \d+ packages.* in ([\dms.]+)$/.exec(line);
    if (npm?.[1]) {
      const ms = parseElapsed(npm[1]);
      if (ms !== undefined) phases.push({ name: 'Installing npm dependencies (npm ci)', ms, ok: true });
      continue;
    }
    const step = /^([✓✗]) (.*) \(([^()]+)\)$/.exec(line);
    const ms = step?.[3] ? parseElapsed(step[3]) : undefined;
    if (!step?.[2] || ms === undefined) continue;
    phases.push({ name: step[2].replace(/\s*\(full output: [^)]*\)/, ''), ms, ok: step[1] === '✓' });
  }
  return phases;
}

/** The finished steps of each install in the log (text split at its "# install" headers), oldest first. */
export function parseRuns(text: string): Phase[][] {
  return text
    .split(/^# install .*$/m)
    .map(phasesOf)
    .filter((p) => p.length);
}

/**
 * The last install that provisioned a server binary: a later warm install that only recompiled the library
 * does not hide it, and a log of warm installs alone has none (its times say nothing about a cold machine).
 */
export function lastColdRun(text: string): Phase[] | undefined {
  return parseRuns(text)
    .filter((phases) => phases.some((p) => p.ok && BINARY_PHASE.test(p.name)))
    .pop();
}

export function coldRows(path = installLogPath()): Row[] {
  if (!existsSync(path))
    return [
      {
        group: 'cold',
        name: 'provisioning',
        unit: 'ms',
        note: `not measured: no install log at ${path} (run \`npm run lab -- install\` on a fresh machine)`,
      },
    ];
  const phases = lastColdRun(readFileSync(path, 'utf8'));
  if (!phases) {
    const why = `no install in ${path} built or downloaded a server binary (they were cached already)`;
    return [
      {
        group: 'cold',
        name: 'provisioning',
        unit: 'ms',
        note: `not measured: ${why}; pass --install-log with a cold install's output`,
      },
    ];
  }
  const rows: Row[] = phases.map((p) => ({
    group: 'cold',
    name: p.name,
    unit: 'ms',
    value: summarize([p.ms]),
    note: p.ok ? undefined : 'failed',
  }));
  const total = phases.reduce((sum, p) => sum + p.ms, 0);
  rows.push({
    group: 'cold',
    name: 'all phases together',
    unit: 'ms',
    value: summarize([total]),
    goal: { max: 25 * 60_000, text: '≤ 25 min' },
    note: `from ${path}`,
  });
  return rows;
}
