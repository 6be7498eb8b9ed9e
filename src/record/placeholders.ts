// Makes two recordings of the same lab byte-identical: every value that changes from run to run (uids,
// resourceVersions, times, ports, pids, durations, key ids, accessors) becomes a visible «placeholder».
// Pure: a Normalizer only remembers which value got which number, so the numbering follows first appearance.
import { escapeRegex } from '../text.js';
import { KID_RULE, RULES, matchOf, type Numbering, type Rule } from './placeholder-rules.js';
import { realignTables } from './tables.js';

/** A value of this lab or machine that has a name, e.g. the API server's port or the checkout's path. */
export interface KnownValue {
  kind: 'path' | 'port';
  value: string;
  /** The name inside the placeholder: «repo», «api-port». */
  name: string;
}

/** Runs the placeholder rules over text and keeps the numbering consistent across a whole page. */
export class Normalizer implements Numbering {
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
    const paths = known
      .filter((k) => k.kind === 'path' && k.value.length > 1)
      .sort((a, b) => b.value.length - a.value.length);
    this.literals = paths.map((k) => ({
      regex: new RegExp(`${escapeRegex(k.value)}(?![\\w-])`, 'g'),
      replace: () => `«${k.name}»`,
    }));
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
    for (const [value, placeholder] of [...this.learned].sort((a, b) => b[0].length - a[0].length))
      out = out.split(value).join(placeholder);
    return out;
  }

  /**
   * Reads a whole page before it is normalized: names made from metadata.generateName (whose random
   * suffix is replaced, the prefix kept) and key ids, so a mention before the keyed one is caught too.
   */
  learnFrom(text: string): void {
    for (const m of text.matchAll(KID_RULE.regex)) this.learn(m.groups?.value ?? '', '«kid»');
    const prefixes = new Set(this.generated.map((r) => r.regex.source));
    for (const m of text.matchAll(
      /generateName(?:["']|&#34;|<\/span>)*:\s*(?:<span[^>]*>)?(?:["']|&#34;)?([a-z0-9][a-z0-9.-]*-)/g,
    )) {
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
    for (const rule of [...this.literals, ...this.generated, ...RULES])
      out = out.replace(rule.regex, (...args) => rule.replace(matchOf(args), this));
    out = this.replaceLearned(out);
    const kinds = new Map([...this.ids].map(([key, id]) => [id, key.slice(0, key.indexOf('\u0000'))]));
    return out.replace(/«\u0001(\d+)»/g, (_m, id: string) =>
      this.publish(Number(id), kinds.get(Number(id)) ?? 'value'),
    );
  }

  /**
   * Like text(), but re-aligns the plain-text tables the display helpers print (see tables.ts): a placeholder
   * is rarely as wide as the value it replaces, and a value's width changes between runs.
   */
  block(input: string): string {
    return realignTables(input, (text) => this.text(text));
  }
}
