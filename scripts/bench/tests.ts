// `npm test`, warm (binaries cached, venv made): its wall time and the slowest test files, from vitest's JSON report.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { run } from '../../src/exec.js';
import { repoRoot } from '../../src/paths.js';
import type { Row } from './report.js';
import { summarize, timed } from './stats.js';

interface VitestJson {
  success?: boolean;
  numFailedTests?: number;
  testResults?: { name: string; startTime: number; endTime: number; status: string }[];
}

/** The slowest files of a vitest JSON report, slowest first. */
export function slowestFiles(report: VitestJson, count: number): { file: string; ms: number }[] {
  return (report.testResults ?? [])
    .map((r) => ({ file: relative(repoRoot, r.name), ms: r.endTime - r.startTime }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count);
}

export async function testRows(log: (line: string) => void): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lab-bench-tests-'));
  try {
    const out = join(dir, 'vitest.json');
    log('npm test (takes minutes)');
    let failed = '';
    const { ms } = await timed(() =>
      run('npm', ['test', '--', '--reporter=json', `--outputFile=${out}`], { cwd: repoRoot }).catch(
        (error: unknown) => {
          failed = `npm test failed: ${String(error).split('\n')[0]}`;
        },
      ),
    );
    const report = JSON.parse(readFileSync(out, 'utf8')) as VitestJson;
    const rows: Row[] = [
      {
        group: 'tests',
        name: 'npm test (warm, local backend)',
        unit: 'ms',
        value: summarize([ms]),
        goal: { max: 240_000, text: '≤ 4 min' },
        note: failed || undefined,
      },
    ];
    for (const { file, ms: fileMs } of slowestFiles(report, 5))
      rows.push({ group: 'tests', name: `file ${file}`, unit: 'ms', value: summarize([fileMs]) });
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
