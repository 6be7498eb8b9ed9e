// One table on stdout and the same rows as JSON: each figure beside the floor it is held against.
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, release, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { toTable } from '../../src/output/table.js';
import type { Stats } from './stats.js';

export type Unit = 'ms' | 'MB';

export interface Row {
  group: string;
  name: string;
  unit: Unit;
  /** The measured figure; absent when the row could not be measured (then `note` says why). */
  value?: Stats;
  floor?: { name: string; value: Stats };
  /** The target from the issue, in the row's unit, and how it reads ("≤ 25 s"). */
  goal?: { max: number; text: string };
  note?: string;
}

export interface Report {
  startedAt: string;
  backend: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; os: string; arch: string; node: string };
  rows: Row[];
}

export function machine(): Report['machine'] {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
    arch: arch(),
    node: process.version,
  };
}

/** 840 ms, 4.21 s, 312 MB: seconds past a second, so a row reads like the tables. */
export function formatValue(value: number, unit: Unit): string {
  if (unit === 'MB') return `${Math.round(value)} MB`;
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

function figure(stats: Stats, unit: Unit): string {
  if (stats.p99 !== undefined && stats.p50 !== undefined)
    return `p50 ${formatValue(stats.p50, unit)}, p99 ${formatValue(stats.p99, unit)}`;
  return formatValue(stats.median, unit);
}

function spread(stats: Stats, unit: Unit): string {
  return stats.n > 1 ? `${formatValue(stats.min, unit)}–${formatValue(stats.max, unit)} (n=${stats.n})` : 'n=1';
}

/** The number a goal and the ratio judge: p99 for latencies, the median otherwise. */
const judged = (stats: Stats) => stats.p99 ?? stats.median;

/** Whether the row meets its goal: ✓, ✗, or blank when it has none. */
export function verdict(row: Row): string {
  if (!row.goal || !row.value) return '';
  return judged(row.value) <= row.goal.max ? '✓' : '✗';
}

export function tableText(rows: readonly Row[]): string {
  const lines = rows.map((row) => ({
    ROW: `${row.group}: ${row.name}`,
    MEASURED: row.value ? figure(row.value, row.unit) : '—',
    'MIN–MAX': row.value ? spread(row.value, row.unit) : '',
    FLOOR: row.floor ? `${figure(row.floor.value, row.unit)} (${row.floor.name})` : '',
    '×FLOOR': row.value && row.floor ? `${(judged(row.value) / judged(row.floor.value)).toFixed(2)}×` : '',
    GOAL: row.goal ? `${row.goal.text} ${verdict(row)}` : '',
    NOTE: row.note ?? '',
  }));
  return toTable(lines, { maxWidth: 70 }).text;
}

export function writeReport(path: string, report: Report): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 1)}\n`);
}
