// The bench's table: each figure beside its floor and goal, and a row that could not be measured says why.
import { describe, expect, it } from 'vitest';
import { formatValue, tableText, verdict, type Row } from '../../../scripts/bench/report.js';
import { latency, summarize } from '../../../scripts/bench/stats.js';

describe('formatValue', () => {
  it('reads like the issue: milliseconds below a second, seconds above, whole megabytes', () => {
    expect(formatValue(840, 'ms')).toBe('840 ms');
    expect(formatValue(4213, 'ms')).toBe('4.21 s');
    expect(formatValue(2.54, 'ms')).toBe('2.5 ms');
    expect(formatValue(311.6, 'MB')).toBe('312 MB');
  });
});

describe('the table', () => {
  const up: Row = {
    group: 'lab',
    name: 'up',
    unit: 'ms',
    value: summarize([5000, 5200, 5500]),
    floor: { name: 'bare', value: summarize([4000]) },
    goal: { max: 4800, text: '≤ 1.2× floor' },
  };

  it('judges a row by its median, and a latency row by its p99', () => {
    expect(verdict(up)).toBe('✗');
    const fast: Row = {
      group: 'latency',
      name: 'login',
      unit: 'ms',
      value: latency([1, 2, 3, 100]),
      goal: { max: 50, text: '≤ 50 ms' },
    };
    expect(verdict(fast)).toBe('✗');
  });

  it('shows the figure, its spread, the floor, the ratio and the goal on one line', () => {
    const line = tableText([up]).split('\n')[2] ?? '';
    expect(line).toMatch(/^lab: up\s+5\.20 s\s+5\.00 s–5\.50 s \(n=3\)\s+4\.00 s \(bare\)\s+1\.30×\s+≤ 1\.2× floor ✗$/);
  });

  it('marks a row within its goal with ✓, on the table as in the verdict', () => {
    const quick: Row = {
      group: 'lab',
      name: 'status',
      unit: 'ms',
      value: summarize([120, 140]),
      goal: { max: 500, text: '≤ 0.5 s' },
    };
    expect(verdict(quick)).toBe('✓');
    expect(tableText([quick]).split('\n')[2]).toMatch(/^lab: status\s+130 ms\s+120 ms–140 ms \(n=2\)\s+≤ 0\.5 s ✓$/);
  });

  it('keeps a row that could not be measured, with the reason and no number', () => {
    const text = tableText([
      { group: 'memory', name: 'lab processes', unit: 'MB', note: 'not measured: the lab is not running' },
    ]);
    expect(text).toContain('memory: lab processes  —');
    expect(text).toContain('not measured: the lab is not running');
  });
});
