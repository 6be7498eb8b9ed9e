// The bench's arithmetic: medians, spreads and nearest-rank percentiles.
import { describe, expect, it } from 'vitest';
import { latency, percentile, summarize } from '../../../scripts/bench/stats.js';

describe('summarize', () => {
  it('gives the median with min and max, whatever the order of the runs', () => {
    expect(summarize([5, 1, 3])).toEqual({ n: 3, median: 3, min: 1, max: 5 });
  });

  it('takes the mean of the middle two for an even count', () => {
    expect(summarize([4, 1, 2, 10]).median).toBe(3);
  });

  it('refuses no samples rather than inventing a figure', () => {
    expect(() => summarize([])).toThrow(/no samples/);
  });
});

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('is the nearest rank: p99 of 1..100 is 99, p50 is 50', () => {
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 50)).toBe(50);
  });

  it('is the largest sample for p100 and the smallest for p0', () => {
    expect(percentile([3, 1, 2], 100)).toBe(3);
    expect(percentile([3, 1, 2], 0)).toBe(1);
  });

  it('adds p50 and p99 to a latency summary', () => {
    expect(latency(hundred)).toMatchObject({ p50: 50, p99: 99, min: 1, max: 100 });
  });
});
