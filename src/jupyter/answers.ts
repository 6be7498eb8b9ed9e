// The HTTP answers and TokenReviews a run showed, read from the {lab: {http}} and {lab: {trace}} metadata that
// show.http and show.trace attach, never from the text around them: an explanation that prints "permission
// denied" proves nothing. (Verdicts, beside the runner in notebooks.ts, are read from show.verdict's the same way.)
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

/** Each display output's {lab: {KEY}} metadata, in order, with the index of its cell. */
function labMetadata<T>(nb: Notebook, key: 'http' | 'trace'): { index: number; value: T }[] {
  return nb.cells.flatMap((cell, index) =>
    (cell.outputs ?? []).flatMap((o) => {
      const value = (o.metadata?.lab as Record<string, T | undefined> | undefined)?.[key];
      return o.output_type === 'display_data' && value !== undefined ? [{ index, value }] : [];
    }),
  );
}

/** Every TokenReview a run drew with show.trace, in order, from the tracer's record in the metadata. */
export function traces(nb: Notebook): TracedExchange[] {
  return labMetadata<Omit<TracedExchange, 'index'>[]>(nb, 'trace').flatMap(({ index, value }) =>
    value.map((t) => ({ index, ...t })),
  );
}

/** Every HTTP exchange a run showed with show.http, in order, as its metadata recorded it. */
export function exchanges(nb: Notebook): Exchange[] {
  return labMetadata<Omit<Exchange, 'index'>>(nb, 'http').map(({ index, value }) => ({ index, ...value }));
}
