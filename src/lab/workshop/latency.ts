// Latency of the dashboard's calls, per system, for the scale benchmark's p50 and p99.

export class Latencies {
  private readonly samples: Record<string, number[]> = {};

  /** Runs the call and records how long it took under `system`, whether it succeeded or not. */
  async time<T>(system: string, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await call();
    } finally {
      this.record(system, performance.now() - started);
    }
  }

  record(system: string, ms: number): void {
    (this.samples[system] ??= []).push(ms);
  }

  /** The nearest-rank percentile (0–100) of a system's samples, in milliseconds; NaN without samples. */
  percentile(system: string, p: number): number {
    const sorted = [...(this.samples[system] ?? [])].sort((a, b) => a - b);
    if (sorted.length === 0) return Number.NaN;
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  }

  count(system: string): number {
    return this.samples[system]?.length ?? 0;
  }
}
