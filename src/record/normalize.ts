// Makes two recordings of the same lab byte-identical: every value that changes from run to run (uids,
// resourceVersions, times, ports, pids, durations, key ids, accessors) becomes a visible «placeholder».
// Pure: a Normalizer only remembers which value got which number, so the numbering follows first appearance.
import type { Notebook, NotebookCell, NotebookOutput } from '../jupyter/notebooks.js';

/** A value of this lab or machine that has a name, e.g. the API server's port or the checkout's path. */
export interface KnownValue {
  kind: 'path' | 'port';
  value: string;
  /** The name inside the placeholder: «repo», «api-port». */
  name: string;
}

/** What each placeholder stands for, for the legend the recordings print. */
export const PLACEHOLDER_LEGEND: ReadonlyArray<readonly [string, string]> = [
  ['«uid-N»', 'a UID (Kubernetes object, Vault request or entity, JWT jti); the same number is the same UID within one page'],
  ['«time»', 'a point in time (ISO 8601, HTTP date, Go time, or a JWT NumericDate)'],
  ['«date»', 'a calendar date (e.g. the day a legacy token was last used)'],
  ['«duration»', 'how long something took or how long until it expires'],
  ['«resourceVersion»', "an object's resourceVersion (etcd's revision counter)"],
  ['«api-port», «vault-port», «NAME-port», «port-N»', 'a port on 127.0.0.1, chosen free when the lab started'],
  ['«pid»', 'a process id'],
  ['«kid»', "the key id of the lab's service-account signing key, generated per lab"],
  ['«accessor-N»', 'a Vault mount accessor'],
  ['«lease-id»', 'a Vault lease id'],
  ['«name-N»', 'the random suffix of a generated name (metadata.generateName, kube-api-access-…)'],
  ['«fingerprint-N»', 'a certificate fingerprint or serial number'],
  ['«hmac»', 'an HMAC of a value in a Vault audit record'],
  ['«repo», «lab-dir», «home»', 'the checkout, the lab state directory and the home directory on the recording machine'],
  ['«version»', "the kernel's language version in the notebook metadata"],
  ['«redacted …»', 'a credential (token, key, certificate) that is never recorded; the mark says what it was'],
];

type Replacer = (match: RegExpMatchArray, n: Normalizer) => string;
interface Rule {
  regex: RegExp;
  replace: Replacer;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Between a key and its value: quotes (raw or HTML-escaped), colons, table gaps, ANSI colour and the
// span/td tags the notebook's HTML views wrap around keys and values.
// \u0002 separates the cells of a text table while its rows are normalized (see Normalizer.block).
const GLUE = String.raw`(?:[ \t\u0002]|["']|&#34;|&#39;|&quot;|[:=│|]|\x1b\[[\d;]*m|</?(?:span|td|th|code)\b[^>]*>){1,40}?`;
const CELL = '\u0002';

function keyed(keys: readonly string[], value: string, replace: (value: string, key: string, n: Normalizer) => string): Rule {
  const k = keys.map(escapeRegex).join('|');
  return {
    regex: new RegExp(String.raw`(?<![\w.\/-])(?<key>${k})(?![\w-])(?<glue>${GLUE})(?<value>${value})(?![\w-])`, 'g'),
    replace: (m, n) => `${m.groups?.key}${m.groups?.glue}${replace(m.groups?.value ?? '', m.groups?.key ?? '', n)}`,
  };
}

const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const SPAN = String.raw`\d+(?:\.\d+)?(?:ms|[smhd])(?: ?\d+(?:\.\d+)?[smhd])*`;
const TIME_KEYS = ['iat', 'exp', 'nbf', 'auth_time', 'creation_time', 'issue_time', 'last_renewal_time', 'kubernetes.io/warnafter', 'warnafter'];

// A key id found under its key is replaced wherever else it shows up too (a table row "kid in app's token").
const KID_RULE = keyed(['kid'], String.raw`[A-Za-z0-9_-]{16,}`, (value, _key, n) => n.learn(value, '«kid»'));

/** The rules, in the order they run; each placeholder is «…», which no later rule matches. */
const RULES: readonly Rule[] = [
  // Times before ports and uids: "17:05:00" must not look like anything else.
  { regex: /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g, replace: () => '«time»' },
  { regex: /\b\d{4}-\d{2}-\d{2}(?:T[\d:.]*)?…/g, replace: () => '«time»…' },
  { regex: /\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? [+-]\d{4} [A-Z]{2,5}(?: m=[+-]\d+\.\d+)?/g, replace: () => '«time»' },
  { regex: new RegExp(String.raw`\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (?:${MONTHS}) \d{4} \d{2}:\d{2}:\d{2} GMT\b`, 'g'), replace: () => '«time»' },
  // A date alone (kubernetes.io/legacy-token-last-used: 2026-11-29) changes every day.
  { regex: /\b20\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b(?![\d:T])/g, replace: () => '«date»' },
  keyed(TIME_KEYS, String.raw`\d{9,11}(?:\.\d+)?`, () => '«time»'),
  // Durations: "(1.2s)", "(expires in 59m)", "(3m ago)", "(expired 2h 5m ago)".
  {
    regex: new RegExp(String.raw`\((expires in |expired |not valid for another |in |took )?(${SPAN})( ago)?\)`, 'g'),
    replace: (m) => `(${m[1] ?? ''}«duration»${m[3] ?? ''})`,
  },
  { regex: new RegExp(UUID, 'g'), replace: (m, n) => n.numbered('uid', m[0].toLowerCase()) },
  { regex: /\b[0-9a-f]{8}-[0-9a-f-]{0,27}…/g, replace: () => '«uid»…' },
  // What is left of a Vault token's TTL when it is looked up: 600 one second, 599 the next.
  keyed(['ttl'], String.raw`\d+`, () => '«duration»'),
  keyed(['resourceVersion'], String.raw`\d+`, () => '«resourceVersion»'),
  KID_RULE,
  keyed(['lease_id'], String.raw`[\w./-]{8,}`, () => '«lease-id»'),
  keyed(['mount_accessor', 'accessor'], String.raw`[a-z][\w-]*_[0-9a-f]{8}`, (value, _key, n) => n.numbered('accessor', value)),
  { regex: /\bauth_[a-z0-9-]+_[0-9a-f]{8}\b/g, replace: (m, n) => n.numbered('accessor', m[0]) },
  keyed(['pid'], String.raw`\d+`, () => '«pid»'),
  keyed(['port'], String.raw`\d{2,5}`, (value, _key, n) => n.port(value)),
  { regex: /\b(127\.0\.0\.1|localhost|0\.0\.0\.0|\[::1\]):(\d{2,5})\b/g, replace: (m, n) => `${m[1]}:${n.port(m[2] ?? '')}` },
  // Names with a random suffix that no generateName in the output announces: the kubelet's token volume.
  { regex: /\b(kube-api-access-)([bcdfghjklmnpqrstvwxz2456789]{5})\b/g, replace: (m, n) => `${m[1]}${n.numbered('name', m[0])}` },
  { regex: /\bhmac-sha256:[0-9a-f]{16,}/g, replace: () => '«hmac»' },
  { regex: /\b[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){15,}\b/g, replace: (m, n) => n.numbered('fingerprint', m[0].toUpperCase()) },
  // A certificate's or key's DER length moves by a byte between runs; the mask stays, the size goes.
  { regex: /«(certificate|private key[^:»]*): \d+ bytes, redacted»/g, replace: (m) => `«${m[1]}, redacted»` },
];

/** A header over a line of dashes, in two or more columns whose gaps line up: what toTable() prints. */
function isTableHead(header: string, dashes: string): boolean {
  if (!header.trim() || !/^-+(?: {2}-+)+$/.test(dashes)) return false;
  const chars = [...header];
  return [...dashes.matchAll(/ {2}(?=-)/g)].every((m) => chars[m.index ?? 0] === ' ' && chars[(m.index ?? 0) + 1] === ' ');
}

export class Normalizer {
  /** kind + value → internal id; internal id → public number; kind → numbers handed out. */
  private readonly ids = new Map<string, number>();
  private readonly numbers = new Map<number, number>();
  private readonly counts = new Map<string, number>();
  private readonly ports = new Map<string, string>();
  private readonly literals: Rule[];
  private generated: Rule[] = [];
  /** Values a keyed rule identified (a kid), replaced wherever they appear later. */
  private readonly learned = new Map<string, string>();

  /** Known values (the checkout's path, the lab's ports) get names instead of numbers. */
  constructor(known: readonly KnownValue[] = []) {
    for (const k of known) if (k.kind === 'port') this.ports.set(k.value, `«${k.name}»`);
    const paths = known.filter((k) => k.kind === 'path' && k.value.length > 1).sort((a, b) => b.value.length - a.value.length);
    this.literals = paths.map((k) => ({ regex: new RegExp(`${escapeRegex(k.value)}(?![\\w-])`, 'g'), replace: () => `«${k.name}»` }));
  }

  /**
   * «kind-N», where N counts distinct values of that kind in order of first appearance in the text.
   * Rules run one after another, so a value first gets an internal mark; text() numbers the marks by position.
   */
  numbered(kind: string, value: string): string {
    const key = `${kind}\u0000${value}`;
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.ids.size));
    return `«\u0001${id}»`;
  }

  private publish(id: number, kind: string): string {
    let number = this.numbers.get(id);
    if (number === undefined) {
      number = (this.counts.get(kind) ?? 0) + 1;
      this.counts.set(kind, number);
      this.numbers.set(id, number);
    }
    return `«${kind}-${number}»`;
  }

  /** A port's name when the lab knows it («api-port»), a number otherwise («port-2»). */
  port(value: string): string {
    return this.ports.get(value) ?? this.numbered('port', value);
  }

  /** Remembers a high-entropy value found under its key, so other mentions of it are replaced too. */
  learn(value: string, placeholder: string): string {
    this.learned.set(value, placeholder);
    return placeholder;
  }

  private replaceLearned(text: string): string {
    let out = text;
    for (const [value, placeholder] of [...this.learned].sort((a, b) => b[0].length - a[0].length)) out = out.split(value).join(placeholder);
    return out;
  }

  /**
   * Reads a whole page before it is normalized: names made from metadata.generateName (whose random
   * suffix is replaced, the prefix kept) and key ids, so a mention before the keyed one is caught too.
   */
  learnFrom(text: string): void {
    for (const m of text.matchAll(KID_RULE.regex)) this.learn(m.groups?.value ?? '', '«kid»');
    const prefixes = new Set(this.generated.map((r) => r.regex.source));
    for (const m of text.matchAll(/generateName(?:["']|&#34;|<\/span>)*:\s*(?:<span[^>]*>)?(?:["']|&#34;)?([a-z0-9][a-z0-9.-]*-)/g)) {
      const prefix = m[1] ?? '';
      const regex = new RegExp(`(?<![\\w.-])${escapeRegex(prefix)}([a-z0-9]{5})(?![\\w-])`, 'g');
      if (prefixes.has(regex.source)) continue;
      prefixes.add(regex.source);
      this.generated.push({ regex, replace: (match, n) => `${prefix}${n.numbered('name', match[0])}` });
    }
  }

  /** Replaces every run-specific value in free text (plain, ANSI-coloured or HTML). */
  text(input: string): string {
    let out = input.replace(/\r\n/g, '\n');
    for (const rule of [...this.literals, ...this.generated, ...RULES]) out = out.replace(rule.regex, (...args) => rule.replace(matchOf(args), this));
    out = this.replaceLearned(out);
    const kinds = new Map([...this.ids].map(([key, id]) => [id, key.slice(0, key.indexOf('\u0000'))]));
    return out.replace(/«\u0001(\d+)»/g, (_m, id: string) => this.publish(Number(id), kinds.get(Number(id)) ?? 'value'));
  }

  /**
   * Like text(), but re-aligns the plain-text tables the display helpers print (a header, a line of
   * dashes, rows in columns two spaces apart): a placeholder is rarely as wide as the value it replaces,
   * and a value's width (a pid, a nanosecond time) changes between runs, so the padding must be redone.
   */
  block(input: string): string {
    const lines = input.replace(/\r\n/g, '\n').split('\n');
    const out: string[] = [];
    let plain: string[] = [];
    const flush = () => {
      if (plain.length) out.push(this.text(plain.join('\n')));
      plain = [];
    };
    for (let i = 0; i < lines.length; i++) {
      const dashes = lines[i + 1];
      if (dashes === undefined || !isTableHead(lines[i] ?? '', dashes)) {
        plain.push(lines[i] ?? '');
        continue;
      }
      let end = i + 2;
      while (end < lines.length && lines[end]?.trim()) end++;
      flush();
      out.push(this.table(lines.slice(i, end), dashes));
      i = end - 1;
    }
    flush();
    return out.join('\n');
  }

  private table(lines: string[], dashes: string): string {
    const starts = [...dashes.matchAll(/-+/g)].map((m) => m.index ?? 0);
    const split = (line: string) => {
      const chars = [...line];
      return starts.map((start, j) => chars.slice(start, j + 1 < starts.length ? (starts[j + 1] ?? 0) - 2 : undefined).join('').trimEnd());
    };
    const rows = lines.filter((_, k) => k !== 1).map((line) => this.text(split(line).join(CELL)).split(CELL));
    const widths = starts.map((_, j) => Math.max(...rows.map((row) => [...(row[j] ?? '')].length)));
    const render = (row: string[]) =>
      row.map((cell, j) => (j === row.length - 1 ? cell : cell + ' '.repeat((widths[j] ?? 0) - [...cell].length))).join('  ').trimEnd();
    const [header = [], ...body] = rows;
    return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(render)].join('\n');
  }
}

/** Rebuilds a RegExpMatchArray (with groups) from String.replace's callback arguments. */
function matchOf(args: unknown[]): RegExpMatchArray {
  const last = args.at(-1);
  const hasGroups = typeof last === 'object' && last !== null;
  const groups = hasGroups ? (last as Record<string, string>) : undefined;
  const captures = args.slice(0, hasGroups ? -3 : -2) as string[];
  const match = captures as unknown as RegExpMatchArray;
  match.groups = groups;
  return match;
}

const joinText = (text: string | string[] | undefined) => (Array.isArray(text) ? text.join('') : (text ?? ''));

/** Jupyter may split one print into several stream outputs depending on timing; one output per run of the same stream. */
export function coalesceStreams(outputs: readonly NotebookOutput[]): NotebookOutput[] {
  const out: NotebookOutput[] = [];
  for (const o of outputs) {
    const last = out.at(-1);
    if (o.output_type === 'stream' && last?.output_type === 'stream' && last.name === o.name) {
      out[out.length - 1] = { ...last, text: joinText(last.text) + joinText(o.text) };
    } else {
      out.push(o.output_type === 'stream' ? { ...o, text: joinText(o.text) } : o);
    }
  }
  return out;
}

function normalizeOutput(o: NotebookOutput, n: Normalizer): NotebookOutput {
  const copy: NotebookOutput & { traceback?: string[]; metadata?: Record<string, unknown> } = { ...o };
  if (o.output_type === 'stream') copy.text = n.block(joinText(o.text));
  if (o.data) {
    // text/plain first so numbering does not depend on how the other views order their values.
    const keys = Object.keys(o.data).sort((a, b) => Number(b === 'text/plain') - Number(a === 'text/plain') || a.localeCompare(b));
    const data: Record<string, string | string[]> = {};
    for (const key of keys) {
      const value = o.data[key];
      if (key.startsWith('image/') && !key.startsWith('image/svg')) data[key] = value as string;
      else if (key === 'text/plain') data[key] = n.block(joinText(value));
      else if (typeof value === 'string' || Array.isArray(value)) data[key] = n.text(joinText(value));
      else data[key] = JSON.parse(n.text(JSON.stringify(value))) as string;
    }
    copy.data = Object.fromEntries(Object.keys(o.data).map((key) => [key, data[key] as string]));
  }
  if (o.ename !== undefined) copy.ename = n.text(o.ename);
  if (o.evalue !== undefined) copy.evalue = n.text(o.evalue);
  const traceback = (o as { traceback?: string[] }).traceback;
  if (traceback) copy.traceback = traceback.map((line) => n.text(line));
  return copy;
}

/**
 * Normalizes an executed notebook: outputs through the Normalizer, cell ids taken from the source
 * notebook (nbformat invents random ones when a cell has none), timing metadata dropped, and the
 * kernel's language version replaced. The source of each cell is left exactly as written.
 */
export function normalizeNotebook(executed: Notebook, source: Notebook | undefined, n: Normalizer): Notebook {
  for (const cell of executed.cells) for (const o of cell.outputs ?? []) n.learnFrom(JSON.stringify(o));
  const cells = executed.cells.map((cell, index): NotebookCell & { id?: string } => {
    const { execution: _timing, ...metadata } = (cell.metadata ?? {}) as Record<string, unknown>;
    const sourceId = (source?.cells[index] as { id?: string } | undefined)?.id;
    const copy: NotebookCell & { id?: string } = { ...cell, metadata, id: sourceId ?? `cell-${index}` };
    if (cell.cell_type === 'code') copy.outputs = coalesceStreams(cell.outputs ?? []).map((o) => normalizeOutput(o, n));
    return copy;
  });
  const metadata = structuredClone(executed.metadata) as Record<string, unknown>;
  const info = metadata.language_info as Record<string, unknown> | undefined;
  if (info && 'version' in info) info.version = '«version»';
  for (const key of ['papermill', 'widgets', 'execution']) delete metadata[key];
  return { ...executed, metadata, cells };
}
