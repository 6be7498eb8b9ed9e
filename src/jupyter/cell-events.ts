// The progress lines scripts/execute_notebook.py writes to stderr: one JSON object per line.

/**
 * A cell started, or finished with the kernel's execute_reply status; `notebook` counts a series' notebooks from 0.
 */
export type CellEvent =
  | { event: 'start'; notebook: number; index: number; position: number; of: number }
  | { event: 'done'; notebook: number; index: number; status: string; seconds: number };

/** Reads one stderr line from the runner; anything that is not one of its events (kernel noise) is undefined. */
export function parseCellEvent(line: string): CellEvent | undefined {
  if (!line.startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const e = value as Partial<Record<string, unknown>>;
  if (typeof e.index !== 'number') return undefined;
  const notebook = typeof e.notebook === 'number' ? e.notebook : 0;
  if (e.event === 'start' && typeof e.position === 'number' && typeof e.of === 'number')
    return { event: 'start', notebook, index: e.index, position: e.position, of: e.of };
  if (e.event === 'done' && typeof e.status === 'string' && typeof e.seconds === 'number')
    return { event: 'done', notebook, index: e.index, status: e.status, seconds: e.seconds };
  return undefined;
}
