import { describe, expect, it } from 'vitest';
import { Latencies } from '../../../src/lab/workshop/latency.js';

describe('Latencies', () => {
  it('records failed calls too, and reads nearest-rank percentiles', async () => {
    const l = new Latencies();
    await l.time('vault', async () => 1);
    await expect(l.time('vault', async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(l.count('vault')).toBe(2);
    expect(Number.isNaN(l.percentile('kube', 50))).toBe(true);
  });

  it('p50 and p99 of 1..100 are 50 and 99', () => {
    const l = new Latencies();
    for (let ms = 100; ms >= 1; ms--) l.record('kube', ms);
    expect([l.percentile('kube', 50), l.percentile('kube', 99), l.percentile('kube', 100)]).toEqual([50, 99, 100]);
  });
});
