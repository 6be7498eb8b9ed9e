import { describe, expect, it } from 'vitest';
import { upGoal } from '../../../scripts/bench/lifecycle.js';
import { verdict, type Row } from '../../../scripts/bench/report.js';
import { summarize } from '../../../scripts/bench/stats.js';

describe('the goal for a warm up', () => {
  it('is 1.2 times the floor, and never more than 5 s', () => {
    expect(upGoal(2000)).toEqual({ max: 2400, text: '≤ 1.2× floor, ≤ 5 s' });
    expect(upGoal(6000).max).toBe(5000);
  });

  it('passes an up within it and fails one beyond it', () => {
    const row = (ms: number): Row => ({
      group: 'lab',
      name: 'up',
      unit: 'ms',
      value: summarize([ms]),
      goal: upGoal(2000),
    });
    expect(verdict(row(2400))).toBe('✓');
    expect(verdict(row(2401))).toBe('✗');
  });
});
