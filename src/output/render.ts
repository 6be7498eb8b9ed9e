// The pure core of every notebook rendering: styled segments drawn once as ANSI text and once as an HTML
// MIME bundle, and the JSON and YAML highlighters. Nothing here touches the kernel or prints.
import { color } from './color.js';
import { escapeHtml } from './table.js';

export type Style = 'key' | 'string' | 'number' | 'literal' | 'dim' | 'ok' | 'bad' | 'warn' | 'title' | 'mask';
export type Segment = readonly [Style | undefined, string];

/** One thing to show: the bundle the kernel receives and the coloured text printed outside it. */
export interface Rendered {
  /** MIME type to content; always has text/plain. */
  bundle: Record<string, string>;
  /** What console.log prints outside the kernel; ANSI colour only when `color` is enabled. */
  text: string;
  /** The output's Jupyter metadata; a verdict carries {lab: {verdict, expected}} for the headless runner. */
  metadata?: Record<string, unknown>;
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

/** One style as ANSI colour, through the lab's single chalk instance. */
export function ansi(style: Style, text: string): string {
  const c = color;
  const paint = {
    key: c.cyan,
    string: c.green,
    number: c.yellow,
    literal: c.magenta,
    dim: c.dim,
    ok: c.green.bold,
    bad: c.red.bold,
    warn: c.yellow.bold,
    title: c.bold,
    mask: c.magenta.italic,
  }[style];
  return paint(text);
}

/** Splits redaction marks out of plain segments so they stand out in every rendering. */
function markMasks(segments: readonly Segment[]): Segment[] {
  return segments.flatMap(([style, text]): Segment[] =>
    text
      .split(/(«[^»\n]*»)/)
      .filter(Boolean)
      .map((part) => (part.startsWith('«') ? ['mask', part] : [style, part])),
  );
}

/** Draws styled segments twice, as coloured text and as escaped HTML, under an optional title. */
export function render(segments: readonly Segment[], title?: string, block: 'pre' | 'div' = 'pre'): Rendered {
  const parts = markMasks(segments);
  const plain = parts.map(([, text]) => text).join('');
  const text = parts.map(([style, part]) => (style ? ansi(style, part) : part)).join('');
  const inner = parts
    .map(([style, part]) =>
      style ? `<span style="${HTML_STYLE[style]}">${escapeHtml(part)}</span>` : escapeHtml(part),
    )
    .join('');
  const head = title ? `<div style="font-weight:bold">${escapeHtml(title)}</div>` : '';
  return {
    bundle: {
      'text/plain': title ? `${title}\n${plain}` : plain,
      'text/html':
        block === 'pre' ? `${head}<pre>${inner}</pre>` : `${head}<div style="white-space:pre-wrap">${inner}</div>`,
    },
    text: title ? `${ansi('title', title)}\n${text}` : text,
  };
}

/** JSON.stringify that survives what API objects carry: bigint, cycles, Error, Map and Set. */
export function toJson(value: unknown): string {
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

/** Highlights pretty JSON: keys, strings, numbers and literals. */
export function jsonSegments(json: string): Segment[] {
  const out: Segment[] = [];
  let from = 0;
  for (const m of json.matchAll(
    /("(?:[^"\\\n]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g,
  )) {
    const at = m.index ?? 0;
    if (at > from) out.push([undefined, json.slice(from, at)]);
    if (m[1]) out.push([m[2] ? 'key' : 'string', m[1]], ...(m[2] ? [[undefined, m[2]] as const] : []));
    else out.push([m[3] ? 'literal' : 'number', m[0]]);
    from = at + m[0].length;
  }
  if (from < json.length) out.push([undefined, json.slice(from)]);
  return out;
}

/** Highlights YAML the way kubectl prints it: keys and comments. */
export function yamlSegments(yaml: string): Segment[] {
  return yaml.split('\n').flatMap((line, i): Segment[] => {
    const nl: Segment[] = i ? [[undefined, '\n']] : [];
    const comment = /^(\s*)(#.*)$/.exec(line);
    if (comment) return [...nl, [undefined, comment[1] ?? ''], ['dim', comment[2] ?? '']];
    const key = /^(\s*(?:- )*)([^\s:#'"-][^:#]*?|"[^"]*"|'[^']*')(:)(?=\s|$)(.*)$/.exec(line);
    if (!key) return [...nl, [undefined, line]];
    return [...nl, [undefined, key[1] ?? ''], ['key', key[2] ?? ''], [undefined, `${key[3]}${key[4]}`]];
  });
}
