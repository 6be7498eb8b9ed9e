// Every kind of credential the lab knows, as one list of patterns: redactText (redact.ts) masks each of them
// before anything is shown or written, and the repository scanner refuses to commit them.
import { isJwt } from '../jwt.js';
import { base64Bytes, isPlaceholder, redactJwt } from './masks.js';

export interface CredentialPattern {
  /** Short name, also the scanner's finding kind. */
  name: string;
  /** A global regex; use it with matchAll or replace, which do not share lastIndex. */
  regex: RegExp;
  /** The mask that replaces the whole match, or undefined when the match is no credential (a placeholder, a mask). */
  describe(match: RegExpMatchArray): string | undefined;
  /** For the scanner: does a committed file holding this match leak a live credential? Absent: never reported. */
  leak?(match: RegExpMatchArray): boolean;
}

const VAULT_KINDS: Record<string, string> = { hvs: 'service', hvb: 'batch', hvr: 'recovery' };

// Values under these keys are secrets whatever they look like (JSON, YAML, HCL, env, `vault` tables).
const SECRET_KEYS = [
  'token_reviewer_jwt',
  'token_accessor',
  'client_token',
  'root_token',
  'accessor',
  'secret_id',
  'token',
  'jwt',
  'unseal_keys_b64',
  'unseal_keys_hex',
  'recovery_keys_b64',
  'recovery_keys_hex',
];
const KUBECONFIG_KEYS = ['client-key-data', 'client-certificate-data'];

/** Builds the regex for `key: value` in its JSON, YAML, HCL, env and `vault` table spellings. */
function labelledRegex(keys: readonly string[]): RegExp {
  const k = keys.map((key) => key.replace(/[-]/g, '\\-')).join('|');
  const value = String.raw`"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|\[[^\]]*\]|[^\s,;}\]"'\[]+`;
  const quoted = String.raw`(?<q>["'])(?:${k})\k<q>[ \t]*[:=][ \t]*`;
  const bare = String.raw`(?<![\w.]|\w-)(?:${k})[ \t]*[:=][ \t]*`;
  const tabled = String.raw`^[ \t]*(?:${k})[ \t]{2,}`;
  const prefix = `${quoted}|${bare}|${tabled}`;
  return new RegExp(`(?<prefix>${prefix})(?<value>${value})`, 'gim');
}

/** Masks the value of a labelled secret, keeping the key and the quoting so JSON stays JSON. */
function maskLabelled(
  match: RegExpMatchArray,
  describeValue: (key: string, raw: string) => string,
): string | undefined {
  const prefix = match.groups?.prefix ?? '';
  const value = match.groups?.value ?? '';
  const key = (/[\w-]+/.exec(prefix.trim().replace(/^["']/, ''))?.[0] ?? 'secret').toLowerCase();
  const quote = /^["']/.test(value) ? value[0] : '';
  if (value.startsWith('[')) {
    const items = [...value.matchAll(/"(?:[^"\\]|\\.)*"|'[^']*'/g)].filter((item) => !isPlaceholder(item[0]));
    return items.length ? `${prefix}["«redacted ${key}: ${items.length} values»"]` : undefined;
  }
  const raw = quote ? value.slice(1, -1) : value;
  if (isPlaceholder(raw) || (!quote && raw.length < 8)) return undefined;
  return `${prefix}${quote}«redacted ${describeValue(key, raw)}»${quote}`;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * A PEM block: the BEGIN line, then only lines of base64 or `Name: value` headers (newlines real or
 * JSON-escaped, lines indented as in YAML), then END. A block cut short still matches up to its last
 * base64 line; a BEGIN line quoted in code or prose matches alone and has nothing to mask.
 */
function pemRegex(label: string, endLabel: string): RegExp {
  const newline = String.raw`(?:\r?\n|(?:\\r)?\\n)`;
  const line = String.raw`(?:[A-Za-z0-9+/]+={0,2}[ \t]*(?=[\r\n\\"',]|$)|[A-Za-z-]+: [^\n\\]*)`;
  return new RegExp(
    String.raw`-----BEGIN ${label}-----(?:${newline}[ \t]*${line}?)*(?:-----END ${endLabel}-----)?`,
    'g',
  );
}

// A PEM block base64-encoded once more, as Secret data and kubeconfigs carry it: "-----BEGIN" is "LS0tLS1CRUdJTi".
const BASE64_PEM = /\bLS0tLS1CRUdJTi[A-Za-z0-9+/]*={0,2}/g;

/** The label of a base64-encoded PEM block (CERTIFICATE, PRIVATE KEY, …), or undefined. */
function base64PemLabel(text: string): string | undefined {
  return /^-----BEGIN ([A-Z0-9 ]+)-----/.exec(Buffer.from(text, 'base64').toString('latin1'))?.[1];
}

/**
 * Every kind of credential the lab knows, in the order redactText applies them (the lab's own first, blocks next,
 * labels last).
 */
export const CREDENTIAL_PATTERNS: readonly CredentialPattern[] = [
  {
    // The dev root token `up` generates (src/vault/dev-server.ts): no generic pattern knows its shape.
    name: 'vault-root-token',
    regex: /\blab-root-[0-9a-f]{24}\b/g,
    describe: () => '«redacted Vault root token»',
    leak: () => true,
  },
  {
    name: 'private-key',
    regex: pemRegex('((?:[A-Z0-9]+ )*)PRIVATE KEY', '\\1PRIVATE KEY'),
    describe: (m) => {
      const label = (m[1] ?? '').trim();
      const bytes = base64Bytes(m[0]);
      return bytes ? `«private key${label ? ` (${label})` : ''}: ${bytes} bytes, redacted»` : undefined;
    },
    leak: (m) => base64Bytes(m[0]) >= 48,
  },
  {
    name: 'certificate',
    regex: pemRegex('CERTIFICATE', 'CERTIFICATE'),
    describe: (m) => (base64Bytes(m[0]) ? `«certificate: ${base64Bytes(m[0])} bytes, redacted»` : undefined),
  },
  {
    name: 'jwt',
    regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g,
    describe: (m) => redactJwt(m[0]),
    leak: (m) => (m[0].split('.')[2] ?? '').length > 0 && isJwt(m[0]),
  },
  {
    name: 'vault-token',
    regex: /\b(hv[sbr])\.[A-Za-z0-9_-]{20,}(?:\.[A-Za-z0-9]{1,16})?/g,
    describe: (m) =>
      isPlaceholder(m[0])
        ? undefined
        : `«redacted Vault ${VAULT_KINDS[m[1] ?? ''] ?? ''} token ${m[1]}.… (${m[0].length} chars)»`,
    leak: (m) => !isPlaceholder(m[0]),
  },
  {
    name: 'vault-token-legacy',
    // s. and 24 letters and digits with at least one capital, one small letter and one digit.
    regex: new RegExp(
      String.raw`(?<![\w.-])s\.(?=[A-Za-z0-9]{0,23}[A-Z])(?=[A-Za-z0-9]{0,23}[a-z])` +
        String.raw`(?=[A-Za-z0-9]{0,23}\d)[A-Za-z0-9]{24}(?![\w-])`,
      'g',
    ),
    describe: (m) => (isPlaceholder(m[0]) ? undefined : `«redacted Vault token s.… (${m[0].length} chars)»`),
  },
  {
    name: 'kubeconfig-credential',
    regex: labelledRegex(KUBECONFIG_KEYS),
    describe: (m) =>
      maskLabelled(
        m,
        (key, raw) => `${key}: ${BASE64.test(raw) ? `${base64Bytes(raw)} bytes` : `${raw.length} chars`}`,
      ),
    leak: (m) => {
      const raw = (m.groups?.value ?? '').replace(/^["']|["']$/g, '');
      return (
        /client-key-data/i.test(m.groups?.prefix ?? '') && BASE64.test(raw) && raw.length >= 64 && !isPlaceholder(raw)
      );
    },
  },
  {
    name: 'labelled-secret',
    regex: labelledRegex(SECRET_KEYS),
    describe: (m) => maskLabelled(m, (key, raw) => `${key}: ${raw.length} chars`),
  },
  {
    // Unlabelled base64 PEM (Secret data): a key is a credential, a certificate differs in every lab.
    name: 'private-key-base64',
    regex: BASE64_PEM,
    describe: (m) => {
      const label = base64PemLabel(m[0]);
      if (!label) return undefined;
      return /PRIVATE KEY/.test(label)
        ? '«private key (base64 PEM), redacted»'
        : `«${label.toLowerCase()} (base64 PEM), redacted»`;
    },
    leak: (m) => /PRIVATE KEY/.test(base64PemLabel(m[0]) ?? '') && m[0].length >= 64,
  },
  {
    // A JWT base64-encoded once more, as a Secret's data carries it: "eyJ" is "ZXlK".
    name: 'jwt-base64',
    regex: /\bZXlK[A-Za-z0-9+/]{40,}={0,2}/g,
    describe: (m) =>
      isJwt(Buffer.from(m[0], 'base64').toString('latin1')) ? '«JWT (base64, as Secret data), redacted»' : undefined,
    leak: (m) => isJwt(Buffer.from(m[0], 'base64').toString('latin1')),
  },
];
