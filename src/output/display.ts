// What the notebooks call to show things. Inside the tslab kernel each helper sends one MIME bundle
// (text/html for the notebook, text/plain for exports); anywhere else it prints coloured text, so the
// same cell code runs in tests and scripts. Everything goes through redactText unless {reveal: true}.
import { STATUS_CODES } from 'node:http';
import { createRequire } from 'node:module';
import { stringify as toYaml } from 'yaml';
import { color, setColorLevel } from './color.js';
import { redactText } from './redact.js';
import { escapeHtml, toTable, type TableOptions, type TableRows } from './table.js';

type Style = 'key' | 'string' | 'number' | 'literal' | 'dim' | 'ok' | 'bad' | 'warn' | 'title' | 'mask';
type Segment = readonly [Style | undefined, string];

/** One thing to show: the bundle the kernel receives and the coloured text printed outside it. */
export interface Rendered {
  /** MIME type to content; always has text/plain. */
  bundle: Record<string, string>;
  /** What console.log prints outside the kernel; ANSI colour only when `color` is enabled. */
  text: string;
}

export interface ShowOptions {
  title?: string;
  /** Show credentials as they are; only for a value the learner must copy. */
  reveal?: boolean;
}

export interface HttpExchange {
  method: string;
  url: string;
  status: number;
  statusText?: string;
  requestHeaders?: Record<string, string>;
  requestBody?: unknown;
  responseHeaders?: Record<string, string>;
  body?: unknown;
}

const HTML_STYLE: Record<Style, string> = {
  key: 'color:#0550ae',
  string: 'color:#116329',
  number: 'color:#953800',
  literal: 'color:#8250df',
  dim: 'color:#6e7781',
  ok: 'color:#1a7f37;font-weight:bold',
  bad: 'color:#cf222e;font-weight:bold',
  warn: 'color:#9a6700;font-weight:bold',
  title: 'font-weight:bold',
  mask: 'color:#8250df;font-style:italic',
};

function ansi(style: Style, text: string): string {
  const c = color;
  const paint = {
    key: c.cyan, string: c.green, number: c.yellow, literal: c.magenta, dim: c.dim,
    ok: c.green.bold, bad: c.red.bold, warn: c.yellow.bold, title: c.bold, mask: c.magenta.italic,
  }[style];
  return paint(text);
}

/** Splits redaction marks out of plain segments so they stand out in every rendering. */
function markMasks(segments: readonly Segment[]): Segment[] {
  return segments.flatMap(([style, text]): Segment[] =>
    text.split(/(«[^»\n]*»)/).filter(Boolean).map((part) => (part.startsWith('«') ? ['mask', part] : [style, part])),
  );
}

function render(segments: readonly Segment[], title?: string, block: 'pre' | 'div' = 'pre'): Rendered {
  const parts = markMasks(segments);
  const plain = parts.map(([, text]) => text).join('');
  const text = parts.map(([style, part]) => (style ? ansi(style, part) : part)).join('');
  const inner = parts
    .map(([style, part]) => (style ? `<span style="${HTML_STYLE[style]}">${escapeHtml(part)}</span>` : escapeHtml(part)))
    .join('');
  const head = title ? `<div style="font-weight:bold">${escapeHtml(title)}</div>` : '';
  return {
    bundle: {
      'text/plain': title ? `${title}\n${plain}` : plain,
      'text/html': block === 'pre' ? `${head}<pre>${inner}</pre>` : `${head}<div style="white-space:pre-wrap">${inner}</div>`,
    },
    text: title ? `${ansi('title', title)}\n${text}` : text,
  };
}

/** JSON.stringify that survives what API objects carry: bigint, cycles, Error, Map and Set. */
function toJson(value: unknown): string {
  const seen = new WeakSet<object>();
  const json = JSON.stringify(
    value,
    (_key, inner: unknown) => {
      if (typeof inner === 'bigint') return inner.toString();
      if (inner instanceof Error) return { name: inner.name, message: inner.message };
      if (inner instanceof Map) return Object.fromEntries(inner);
      if (inner instanceof Set) return [...inner];
      if (typeof inner === 'object' && inner !== null) {
        if (seen.has(inner)) return '[Circular]';
        seen.add(inner);
      }
      return inner;
    },
    2,
  );
  return json ?? String(value);
}

function jsonSegments(json: string): Segment[] {
  const out: Segment[] = [];
  let from = 0;
  for (const m of json.matchAll(/("(?:[^"\\\n]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g)) {
    const at = m.index ?? 0;
    if (at > from) out.push([undefined, json.slice(from, at)]);
    if (m[1]) out.push([m[2] ? 'key' : 'string', m[1]], ...(m[2] ? [[undefined, m[2]] as const] : []));
    else out.push([m[3] ? 'literal' : 'number', m[0]]);
    from = at + m[0].length;
  }
  if (from < json.length) out.push([undefined, json.slice(from)]);
  return out;
}

function yamlSegments(yaml: string): Segment[] {
  return yaml.split('\n').flatMap((line, i): Segment[] => {
    const nl: Segment[] = i ? [[undefined, '\n']] : [];
    const comment = /^(\s*)(#.*)$/.exec(line);
    if (comment) return [...nl, [undefined, comment[1] ?? ''], ['dim', comment[2] ?? '']];
    const key = /^(\s*(?:- )*)([^\s:#'"-][^:#]*?|"[^"]*"|'[^']*')(:)(?=\s|$)(.*)$/.exec(line);
    if (!key) return [...nl, [undefined, line]];
    return [...nl, [undefined, key[1] ?? ''], ['key', key[2] ?? ''], [undefined, `${key[3]}${key[4]}`]];
  });
}

/** Pretty JSON, or the text itself when a body is not JSON. */
function bodyText(body: unknown): { text: string; json: boolean } {
  if (typeof body === 'string') {
    try {
      return { text: toJson(JSON.parse(body)), json: true };
    } catch {
      return { text: body, json: false };
    }
  }
  return { text: toJson(body), json: true };
}

const SENSITIVE_HEADERS = /^(authorization|proxy-authorization|x-vault-token|cookie|set-cookie)$/i;

function headerValue(name: string, value: string, reveal: boolean): string {
  if (reveal) return value;
  const redacted = redactText(value);
  if (redacted !== value || !SENSITIVE_HEADERS.test(name)) return redacted;
  const scheme = /^(Bearer|Basic)\s+/i.exec(value)?.[0] ?? '';
  return `${scheme}«redacted ${name.toLowerCase()}: ${value.length - scheme.length} chars»`;
}

/** Redacts a value as JSON, so a secret is recognised by its key (client_token) even when it looks opaque. */
function redactValue<T>(value: T): T {
  try {
    return JSON.parse(redactText(toJson(value))) as T;
  } catch {
    return value;
  }
}

/** Redacts rows with their keys as context: a [key, value] pair is read as {key: value}. */
function redactRows(rows: TableRows): TableRows {
  return (rows as readonly unknown[]).map((row) => {
    if (!Array.isArray(row)) return redactValue(row);
    const key = String(row[0]);
    return [row[0], (redactValue({ [key]: row[1] }) as Record<string, unknown>)[key]];
  }) as TableRows;
}

/** Builds what each show.* helper displays, without displaying it: pure, so tests read it directly. */
export const renderers = {
  table(rows: TableRows, options: ShowOptions & TableOptions = {}): Rendered {
    const table = options.reveal
      ? toTable(rows, options)
      : toTable(redactRows(rows), { ...options, cell: (cell) => redactText(options.cell?.(cell) ?? cell) });
    const head = options.title ? `<div style="font-weight:bold">${escapeHtml(options.title)}</div>` : '';
    const plain = options.title ? `${options.title}\n${table.text}` : table.text;
    return {
      bundle: { 'text/plain': plain, 'text/html': `${head}${table.html}` },
      text: options.title ? `${ansi('title', options.title)}\n${table.text}` : table.text,
    };
  },

  json(value: unknown, options: ShowOptions = {}): Rendered {
    const json = toJson(value);
    return render(jsonSegments(options.reveal ? json : redactText(json)), options.title);
  },

  yaml(value: unknown, options: ShowOptions = {}): Rendered {
    const yaml = (toYaml(value, { indentSeq: false, lineWidth: 0 }) ?? String(value)).trimEnd();
    return render(yamlSegments(options.reveal ? yaml : redactText(yaml)), options.title);
  },

  http(exchange: HttpExchange, options: ShowOptions = {}): Rendered {
    const reveal = Boolean(options.reveal);
    const url = URL.canParse(exchange.url) ? new URL(exchange.url) : undefined;
    const segments: Segment[] = [];
    const dim = (line: string) => segments.push(['dim', `${line}\n`]);
    const body = (value: unknown) => {
      const { text, json } = bodyText(value);
      const shown = reveal ? text : redactText(text);
      segments.push(...(json ? jsonSegments(shown) : ([[undefined, shown]] as Segment[])), [undefined, '\n']);
    };
    dim(`> ${exchange.method.toUpperCase()} ${url ? `${url.pathname}${url.search}` : exchange.url} HTTP/1.1`);
    if (url) dim(`> Host: ${url.host}`);
    for (const [name, value] of Object.entries(exchange.requestHeaders ?? {})) dim(`> ${name}: ${headerValue(name, value, reveal)}`);
    dim('>');
    if (exchange.requestBody !== undefined) body(exchange.requestBody);
    const reason = exchange.statusText ?? STATUS_CODES[exchange.status] ?? '';
    const style: Style = exchange.status < 300 ? 'ok' : exchange.status < 400 ? 'warn' : 'bad';
    segments.push([style, `< HTTP/1.1 ${exchange.status} ${reason}`.trimEnd()], [undefined, '\n']);
    for (const [name, value] of Object.entries(exchange.responseHeaders ?? {})) dim(`< ${name}: ${headerValue(name, value, reveal)}`);
    dim('<');
    if (exchange.body !== undefined && exchange.body !== '') body(exchange.body);
    const last = segments.at(-1);
    if (last) segments[segments.length - 1] = [last[0], last[1].replace(/\n$/, '')];
    return render(segments, options.title);
  },

  markdown(markdown: string, options: Pick<ShowOptions, 'reveal'> = {}): Rendered {
    const md = options.reveal ? markdown : redactText(markdown);
    return { bundle: { 'text/markdown': md, 'text/plain': md }, text: md };
  },

  verdict(ok: boolean, message: string, options: Pick<ShowOptions, 'reveal'> & { next?: string } = {}): Rendered {
    const clean = (text: string) => (options.reveal ? text : redactText(text));
    const segments: Segment[] = [[ok ? 'ok' : 'bad', `${ok ? '✓' : '✗'} ${clean(message)}`]];
    if (options.next) segments.push([undefined, '\n'], ['dim', `  ${clean(options.next)}`]);
    return render(segments, undefined, 'div');
  },
};

interface TslabModule {
  display: { html(s: string): void; markdown(s: string): void; text(s: string): void };
}
type WriteDisplayData = (data: { data: Record<string, string>; metadata: object; transient: object }, update: boolean) => void;

const nodeRequire = createRequire(import.meta.url);
const jupyterModules = new WeakMap<object, { lastWriteDisplayData?: unknown }>();

/**
 * The kernel's own tslab module, or undefined outside the kernel. tslab's executor sets
 * globalThis.__tslab__ before running a cell, and its `require` maps 'tslab' to the kernel's copy,
 * the one whose display is wired to the running cell (a plain `import('tslab')` may load another copy,
 * and would load TypeScript into every test run).
 */
function kernelTslab(): TslabModule | undefined {
  const marker = (globalThis as { __tslab__?: { require?: unknown } }).__tslab__;
  if (typeof marker?.require !== 'function') return undefined;
  try {
    const tslab = (marker.require as (id: string) => unknown)('tslab') as TslabModule | undefined;
    return typeof tslab?.display?.html === 'function' ? tslab : undefined;
  } catch {
    return undefined;
  }
}

/** True inside the tslab kernel, where output is shown as rich MIME bundles. */
export function inKernel(): boolean {
  return kernelTslab() !== undefined;
}

/**
 * tslab's public display takes one MIME type per call; a bundle needs the writer tslab keeps for the
 * running cell (dist/jupyter.js, tslab 1.0.x). Found next to the kernel's tslab module, or undefined.
 */
function bundleWriter(tslab: TslabModule): WriteDisplayData | undefined {
  let jupyter = jupyterModules.get(tslab);
  if (!jupyter) {
    const entry = Object.values(nodeRequire.cache).find((mod) => mod?.exports === tslab);
    if (!entry) return undefined;
    try {
      jupyter = createRequire(entry.filename)('./jupyter.js') as { lastWriteDisplayData?: unknown };
    } catch {
      return undefined;
    }
    jupyterModules.set(tslab, jupyter);
  }
  const write = jupyter.lastWriteDisplayData;
  return typeof write === 'function' ? (write as WriteDisplayData) : undefined;
}

/** Sends one rendering to the notebook as a MIME bundle, or prints its text outside the kernel. */
export function emit(rendered: Rendered): void {
  const tslab = kernelTslab();
  if (tslab) {
    const write = bundleWriter(tslab);
    try {
      const { 'text/html': html, 'text/markdown': md } = rendered.bundle;
      if (write) write({ data: rendered.bundle, metadata: {}, transient: {} }, false);
      else if (html !== undefined) tslab.display.html(html);
      else if (md !== undefined) tslab.display.markdown(md);
      else tslab.display.text(rendered.bundle['text/plain'] ?? rendered.text);
      return;
    } catch {
      // tslab throws "Not ready" between cells; the text below still reaches the cell's stdout.
    }
  }
  console.log(rendered.text);
}

/**
 * The notebooks' display helpers. Each returns nothing on purpose: tslab prints a cell's last
 * expression, and a returned object would be printed again under the rich output.
 */
export const show = {
  /** Rows or [key, value] pairs as a table, like `kubectl get` or `vault read`. */
  table: (rows: TableRows, options?: ShowOptions & TableOptions): void => emit(renderers.table(rows, options)),
  /** Pretty JSON, like `kubectl get -o json` or `vault read -format=json`. */
  json: (value: unknown, options?: ShowOptions): void => emit(renderers.json(value, options)),
  /** YAML as `kubectl get -o yaml` prints it. */
  yaml: (value: unknown, options?: ShowOptions): void => emit(renderers.yaml(value, options)),
  /** An HTTP exchange the way `curl -v` summarises it. */
  http: (exchange: HttpExchange, options?: ShowOptions): void => emit(renderers.http(exchange, options)),
  /** Prose computed at run time (a cell's Markdown cannot interpolate values). */
  markdown: (markdown: string, options?: Pick<ShowOptions, 'reveal'>): void => emit(renderers.markdown(markdown, options)),
  /** The answer to a cell's question: green ✓ or red ✗, then the next step. */
  verdict: (ok: boolean, message: string, options?: Pick<ShowOptions, 'reveal'> & { next?: string }): void =>
    emit(renderers.verdict(ok, message, options)),
};

/** Jupyter renders ANSI colour but the kernel has no TTY; the setup cell turns colour on with this. */
export function enableKernelColor(level: 1 | 2 | 3 = 1): void {
  setColorLevel(level);
}
