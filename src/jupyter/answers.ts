// The HTTP answers a run showed, read from the {lab: {http}} metadata that show.http attaches, never from
// the text around them: an explanation that prints "permission denied" proves nothing. (verdicts, beside
// the runner in notebooks.ts, read show.verdict's the same way.)
import type { Notebook } from './notebooks.js';

export interface Exchange {
  index: number;
  method: string;
  /** The request's path, without the host. */
  path: string;
  status: number;
  /** Vault's `errors`, when the answer carried them. */
  errors?: string[];
}

/** One TokenReview a run showed with show.trace, as the tracer recorded it. */
export interface TracedExchange {
  index: number;
  bearer: string;
  reviewed: string;
  status: number;
  authenticated: boolean;
}

/** Every TokenReview a run drew with show.trace, in order, from the tracer's record in the metadata. */
export function traces(nb: Notebook): TracedExchange[] {
  return nb.cells.flatMap((cell, index) =>
    (cell.outputs ?? []).flatMap((o): TracedExchange[] => {
      const trace = (o.metadata?.lab as { trace?: Omit<TracedExchange, 'index'>[] } | undefined)?.trace;
      return o.output_type === 'display_data' && trace ? trace.map((t) => ({ index, ...t })) : [];
    }),
  );
}

/** Every HTTP exchange a run showed with show.http, in order, as its metadata recorded it. */
export function exchanges(nb: Notebook): Exchange[] {
  return nb.cells.flatMap((cell, index) =>
    (cell.outputs ?? []).flatMap((o): Exchange[] => {
      const http = (o.metadata?.lab as { http?: Omit<Exchange, 'index'> } | undefined)?.http;
      return o.output_type === 'display_data' && http ? [{ index, ...http }] : [];
    }),
  );
}
