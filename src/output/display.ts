// What the notebooks call to show things. Inside the tslab kernel each helper sends one MIME bundle
// (text/html for the notebook, text/plain for exports); anywhere else it prints coloured text, so the
// same cell code runs in tests and scripts. Everything goes through redactText unless {reveal: true}.
// The renderers are pure (renderers.ts, render.ts); kernel.ts is the only part that talks to tslab.
import { setColorLevel } from './color.js';
import { emit } from './kernel.js';
import type { HttpExchange, ShowOptions } from './render.js';
import { renderers, type VerdictOptions } from './renderers.js';
import { renderTrace, type TracedReview, type TraceOptions } from './sequence.js';
import type { TableOptions, TableRows } from './table.js';

export { emit, inKernel } from './kernel.js';
export { renderers, type VerdictOptions } from './renderers.js';
export type { HttpExchange, Rendered, ShowOptions } from './render.js';

/**
 * The notebooks' display helpers. Each returns nothing on purpose: tslab prints a cell's last
 * expression, and a returned object would be printed again under the rich output.
 */
export const show = {
  /** Rows or [key, value] pairs as a table, like `kubectl get` or `vault read`. */
  table: (rows: TableRows, options?: ShowOptions & TableOptions): void => emit(renderers.table(rows, options)),
  /** What a command did to each object ("created", "deleted", "already exists"), one [object, result] row each. */
  results: (rows: ReadonlyArray<readonly [string, unknown]>, options?: ShowOptions): void =>
    emit(renderers.table(rows, { ...options, pairHeaders: ['object', 'result'] })),
  /** Pretty JSON, like `kubectl get -o json` or `vault read -format=json`. */
  json: (value: unknown, options?: ShowOptions): void => emit(renderers.json(value, options)),
  /** YAML as `kubectl get -o yaml` prints it. */
  yaml: (value: unknown, options?: ShowOptions): void => emit(renderers.yaml(value, options)),
  /** An HTTP exchange the way `curl -v` summarises it. */
  http: (exchange: HttpExchange, options?: ShowOptions): void => emit(renderers.http(exchange, options)),
  /** Prose computed at run time (a cell's Markdown cannot interpolate values). */
  markdown: (markdown: string, options?: Pick<ShowOptions, 'reveal'>): void =>
    emit(renderers.markdown(markdown, options)),
  /** The answer to a cell's question: green ✓ or red ✗, then the next step; the headless runner checks it. */
  verdict: (ok: boolean, message: string, options?: VerdictOptions): void =>
    emit(renderers.verdict(ok, message, options)),
  /** A login as a sequence diagram, from the TokenReviews the tracer saw: application → Vault → API server. */
  trace: (reviews: readonly TracedReview[], options?: TraceOptions): void => emit(renderTrace(reviews, options)),
};

/** Jupyter renders ANSI colour but the kernel has no TTY; the setup cell turns colour on with this. */
export function enableKernelColor(level: 1 | 2 | 3 = 1): void {
  setColorLevel(level);
}
