// The placeholder rules: which run-specific values a recording replaces, and with which «placeholder».
// Each rule is a regex over plain, ANSI-coloured or HTML text; the Normalizer (normalizer.ts) runs them in order.
import { escapeRegex } from '../text.js';

/** What each placeholder stands for, for the legend the recordings print. */
export const PLACEHOLDER_LEGEND: ReadonlyArray<readonly [string, string]> = [
  [
    '«uid-N»',
    'a UID (Kubernetes object, Vault request or entity, JWT jti); the same number is the same UID within one page',
  ],
  ['«time»', 'a point in time (ISO 8601, HTTP date, Go time, or a JWT NumericDate)'],
  ['«date»', 'a calendar date (e.g. the day a legacy token was last used)'],
  ['«duration»', 'how long something took or how long until it expires'],
  ['«resourceVersion»', "an object's resourceVersion (etcd's revision counter)"],
  ['«api-port», «vault-port», «NAME-port», «port-N»', 'a port on 127.0.0.1, chosen free when the lab started'],
  ['«pid»', 'a process id'],
  ['«node-address»', "a kind node's address on Docker's kind network, which depends on what else is on it"],
  ['«kid»', "the key id of the lab's service-account signing key, generated per lab"],
  ['«accessor-N»', 'a Vault mount accessor'],
  ['«lease-id»', 'a Vault lease id'],
  ['«name-N»', 'the random suffix of a generated name (metadata.generateName, kube-api-access-…)'],
  ['«fingerprint-N»', 'a certificate fingerprint or serial number'],
  ['«hmac»', 'an HMAC of a value in a Vault audit record'],
  [
    '«repo», «lab-dir», «home»',
    'the checkout, the lab state directory and the home directory on the recording machine',
  ],
  ['«version»', "the kernel's language version in the notebook metadata"],
  ['«redacted …»', 'a credential (token, key, certificate) that is never recorded; the mark says what it was'],
];

/** What a rule may ask of the Normalizer running it: numbered placeholders, port names, learned values. */
export interface Numbering {
  numbered(kind: string, value: string): string;
  port(value: string): string;
  learn(value: string, placeholder: string): string;
}

type Replacer = (match: RegExpMatchArray, n: Numbering) => string;
export interface Rule {
  regex: RegExp;
  replace: Replacer;
}

// Between a key and its value: quotes (raw or HTML-escaped), colons, table gaps, ANSI colour and the
// span/td tags the notebook's HTML views wrap around keys and values.
// \u0002 separates the cells of a text table while its rows are normalized (see Normalizer.block).
const GLUE_PARTS = [
  String.raw`[ \t\u0002]`,
  `["']|&#34;|&#39;|&quot;`,
  '[:=│|]',
  String.raw`\x1b\[[\d;]*m`,
  String.raw`</?(?:span|td|th|code)\b[^>]*>`,
];
const GLUE = `(?:${GLUE_PARTS.join('|')}){1,40}?`;
export const CELL = '\u0002';

function keyed(
  keys: readonly string[],
  value: string,
  replace: (value: string, key: string, n: Numbering) => string,
): Rule {
  const k = keys.map(escapeRegex).join('|');
  return {
    regex: new RegExp(String.raw`(?<![\w.\/-])(?<key>${k})(?![\w-])(?<glue>${GLUE})(?<value>${value})(?![\w-])`, 'g'),
    replace: (m, n) => `${m.groups?.key}${m.groups?.glue}${replace(m.groups?.value ?? '', m.groups?.key ?? '', n)}`,
  };
}

const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const SPAN = String.raw`\d+(?:\.\d+)?(?:ms|[smhd])(?: ?\d+(?:\.\d+)?[smhd])*`;
const TIME_KEYS = [
  'iat',
  'exp',
  'nbf',
  'auth_time',
  'creation_time',
  'issue_time',
  'last_renewal_time',
  'kubernetes.io/warnafter',
  'warnafter',
];

// A key id found under its key is replaced wherever else it shows up too (a table row "kid in app's token").
export const KID_RULE = keyed(['kid'], String.raw`[A-Za-z0-9_-]{16,}`, (value, _key, n) => n.learn(value, '«kid»'));

/** The rules, in the order they run; each placeholder is «…», which no later rule matches. */
export const RULES: readonly Rule[] = [
  // Times before ports and uids: "17:05:00" must not look like anything else. (?<!\d), not \b: a time
  // right after an ANSI colour code (\x1b[35m2026-…) follows a letter.
  {
    regex: /(?<!\d)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g,
    replace: () => '«time»',
  },
  { regex: /(?<!\d)\d{4}-\d{2}-\d{2}(?:T[\d:.]*)?…/g, replace: () => '«time»…' },
  {
    regex: /(?<!\d)\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? [+-]\d{4} [A-Z]{2,5}(?: m=[+-]\d+\.\d+)?/g,
    replace: () => '«time»',
  },
  {
    regex: new RegExp(
      String.raw`\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (?:${MONTHS}) \d{4} \d{2}:\d{2}:\d{2} GMT\b`,
      'g',
    ),
    replace: () => '«time»',
  },
  // A date alone (kubernetes.io/legacy-token-last-used: 2026-11-29) changes every day.
  { regex: /(?<!\d)20\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b(?![\d:T])/g, replace: () => '«date»' },
  keyed(TIME_KEYS, String.raw`\d{9,11}(?:\.\d+)?`, () => '«time»'),
  // Durations: "(1.2s)", "(expires in 59m)", "(3m ago)", "(expired 2h 5m ago)", "(9.8s after the delete)".
  {
    regex: new RegExp(
      String.raw`\((expires in |expired |not valid for another |in |took )?(${SPAN})( ago| after [a-z ]+)?\)`,
      'g',
    ),
    replace: (m) => `(${m[1] ?? ''}«duration»${m[3] ?? ''})`,
  },
  { regex: new RegExp(UUID, 'g'), replace: (m, n) => n.numbered('uid', m[0].toLowerCase()) },
  { regex: /\b[0-9a-f]{8}-[0-9a-f-]{0,27}…/g, replace: () => '«uid»…' },
  // What is left of a Vault token's TTL when it is looked up: 600 one second, 599 the next.
  keyed(['ttl'], String.raw`\d+`, () => '«duration»'),
  keyed(['resourceVersion'], String.raw`\d+`, () => '«resourceVersion»'),
  KID_RULE,
  keyed(['lease_id'], String.raw`[\w./-]{8,}`, () => '«lease-id»'),
  keyed(['mount_accessor', 'accessor'], String.raw`[a-z][\w-]*_[0-9a-f]{8}`, (value, _key, n) =>
    n.numbered('accessor', value),
  ),
  { regex: /\bauth_[a-z0-9-]+_[0-9a-f]{8}\b/g, replace: (m, n) => n.numbered('accessor', m[0]) },
  keyed(['pid'], String.raw`\d+`, () => '«pid»'),
  keyed(['port'], String.raw`\d{2,5}`, (value, _key, n) => n.port(value)),
  // Inside a kind node the API server is https://NODE-IP:6443, the node's address on Docker's kind network.
  { regex: /\bhttps:\/\/(?!127\.)\d{1,3}(?:\.\d{1,3}){3}:6443\b/g, replace: () => 'https://«node-address»:6443' },
  {
    regex: /\b(127\.0\.0\.1|localhost|0\.0\.0\.0|\[::1\]):(\d{2,5})\b/g,
    replace: (m, n) => `${m[1]}:${n.port(m[2] ?? '')}`,
  },
  // Names with a random suffix that no generateName in the output announces: the kubelet's token volume.
  {
    regex: /\b(kube-api-access-)([bcdfghjklmnpqrstvwxz2456789]{5})\b/g,
    replace: (m, n) => `${m[1]}${n.numbered('name', m[0])}`,
  },
  { regex: /\bhmac-sha256:[0-9a-f]{16,}/g, replace: () => '«hmac»' },
  {
    regex: /\b[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){15,}\b/g,
    replace: (m, n) => n.numbered('fingerprint', m[0].toUpperCase()),
  },
  // A certificate's or key's DER length moves by a byte between runs; the mask stays, the size goes.
  { regex: /«(certificate|private key[^:»]*): \d+ bytes, redacted»/g, replace: (m) => `«${m[1]}, redacted»` },
];

/** Rebuilds a RegExpMatchArray (with groups) from String.replace's callback arguments. */
export function matchOf(args: unknown[]): RegExpMatchArray {
  const last = args.at(-1);
  const hasGroups = typeof last === 'object' && last !== null;
  const groups = hasGroups ? (last as Record<string, string>) : undefined;
  const captures = args.slice(0, hasGroups ? -3 : -2) as string[];
  const match = captures as unknown as RegExpMatchArray;
  match.groups = groups;
  return match;
}
