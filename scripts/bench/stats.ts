// The arithmetic of the bench: a figure is the median of its runs, with min and max; latencies add p50 and p99.

export interface Stats {
  n: number;
  median: number;
  min: number;
  max: number;
  p50?: number;
  p99?: number;
}

/** The value below which `p` percent of the samples fall (nearest rank), so p99 of 300 samples is the 297th. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Median, min and max of several runs; the median of an even count is the mean of the middle two. */
export function summarize(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new Error('summary of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { n: sorted.length, median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number };
}

/** A latency summary: the run summary plus p50 and p99. */
export function latency(samples: readonly number[]): Stats {
  return { ...summarize(samples), p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/** Times one call in milliseconds, with the monotonic clock. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/** Runs `work` `runs` times, one after another, and summarises the times in milliseconds. */
export async function repeatTimed(runs: number, work: (run: number) => Promise<unknown>): Promise<Stats> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push((await timed(() => work(i))).ms);
  return summarize(samples);
}
