// What each show.* helper displays, built without displaying it: pure, so tests read it directly.
// Everything goes through redactText unless {reveal: true}.
import { STATUS_CODES } from 'node:http';
import { stringify as toYaml } from 'yaml';
import { isCredentialHeader, redactText } from './redact.js';
import {
  ansi,
  jsonSegments,
  render,
  toJson,
  yamlSegments,
  type HttpExchange,
  type Rendered,
  type Segment,
  type ShowOptions,
  type Style,
} from './render.js';
import { escapeHtml, toTable, type TableOptions, type TableRows } from './table.js';

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

function headerValue(name: string, value: string, reveal: boolean): string {
  if (reveal) return value;
  const redacted = redactText(value);
  if (redacted !== value || !isCredentialHeader(name)) return redacted;
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

export type VerdictOptions = Pick<ShowOptions, 'reveal'> & {
  /** The next step, printed dim under the verdict. */
  next?: string;
  /** The answer the lesson expects; false for a ✗ the notebook shows on purpose (a broken config, a refusal). */
  expected?: boolean;
};

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
    for (const [name, value] of Object.entries(exchange.requestHeaders ?? {}))
      dim(`> ${name}: ${headerValue(name, value, reveal)}`);
    dim('>');
    if (exchange.requestBody !== undefined) body(exchange.requestBody);
    const reason = exchange.statusText ?? STATUS_CODES[exchange.status] ?? '';
    const style: Style = exchange.status < 300 ? 'ok' : exchange.status < 400 ? 'warn' : 'bad';
    segments.push([style, `< HTTP/1.1 ${exchange.status} ${reason}`.trimEnd()], [undefined, '\n']);
    for (const [name, value] of Object.entries(exchange.responseHeaders ?? {}))
      dim(`< ${name}: ${headerValue(name, value, reveal)}`);
    dim('<');
    if (exchange.body !== undefined && exchange.body !== '') body(exchange.body);
    const last = segments.at(-1);
    if (last) segments[segments.length - 1] = [last[0], last[1].replace(/\n$/, '')];
    // The answer itself travels in the metadata, so a test holds the status, not the words around it.
    const errors = (exchange.body as { errors?: unknown } | undefined)?.errors;
    const path = url ? url.pathname : exchange.url;
    const answer = { method: exchange.method.toUpperCase(), path, status: exchange.status };
    const http = Array.isArray(errors) ? { ...answer, errors: errors.map(String) } : answer;
    return { ...render(segments, options.title), metadata: { lab: { http } } };
  },

  markdown(markdown: string, options: Pick<ShowOptions, 'reveal'> = {}): Rendered {
    const md = options.reveal ? markdown : redactText(markdown);
    return { bundle: { 'text/markdown': md, 'text/plain': md }, text: md };
  },

  /**
   * `expected` is the answer the lesson predicts (✓ unless said otherwise). It travels in the output's
   * metadata, so the headless runner fails a notebook whose server answered otherwise.
   */
  verdict(ok: boolean, message: string, options: VerdictOptions = {}): Rendered {
    const clean = (text: string) => (options.reveal ? text : redactText(text));
    const segments: Segment[] = [[ok ? 'ok' : 'bad', `${ok ? '✓' : '✗'} ${clean(message)}`]];
    if (options.next) segments.push([undefined, '\n'], ['dim', `  ${clean(options.next)}`]);
    return {
      ...render(segments, undefined, 'div'),
      metadata: { lab: { verdict: ok, expected: options.expected ?? true } },
    };
  },
};
