// Reading service-account JWTs without verifying them: the lab shows what a token claims, Vault and the
// kube-apiserver decide whether to believe it.
import { LabError } from './errors.js';

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signaturePresent: boolean;
}

export interface ClaimRow {
  claim: string;
  value: string;
}

const PARTS = ['header', 'claims', 'signature'] as const;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const FIX = 'copy the whole token on one line, e.g. from `kubectl create token <service-account> -n <namespace>`';
const LEGACY_PREFIX = 'kubernetes.io/serviceaccount/';
// Legacy Secret tokens spell the service-account claims differently; map them onto the TokenRequest names.
const LEGACY_NAMES: Record<string, string> = {
  'service-account.name': 'serviceaccount.name',
  'service-account.uid': 'serviceaccount.uid',
};
const TIME_CLAIMS = new Set(['exp', 'iat', 'nbf', 'kubernetes.io/warnafter']);
const STANDARD = ['iss', 'sub', 'aud', 'exp', 'iat', 'nbf'];
// Legacy Secret tokens carry no exp at all, which is the point the lab makes about them.
const NEVER = Symbol('no exp claim');

function malformed(problem: string, cause?: unknown): LabError {
  return new LabError(`Malformed JWT: ${problem}`, FIX, { cause });
}

function decodeJsonPart(part: string, index: 0 | 1): Record<string, unknown> {
  const where = `the ${PARTS[index]} (part ${index + 1} of 3)`;
  if (!part) throw malformed(`${where} is empty`);
  if (!BASE64URL.test(part)) throw malformed(`${where} has characters outside base64url (A-Z a-z 0-9 - _)`);
  if (part.length % 4 === 1)
    throw malformed(`${where} has an impossible base64url length (${part.length}); was it cut short?`);
  let parsed: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(part, 'base64url'));
    parsed = JSON.parse(text);
  } catch (error) {
    throw malformed(`${where} does not decode to JSON (${part.length} chars)`, error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw malformed(`${where} decodes to JSON but not to an object`);
  }
  return parsed as Record<string, unknown>;
}

/** Decodes a JWT so a learner can read its claims; it never checks the signature, so never trust the result. */
export function decodeJwt(token: string): DecodedJwt {
  const trimmed = token.trim().replace(/^Bearer\s+/i, '');
  if (/\s/.test(trimmed))
    throw malformed(`the token contains whitespace (${trimmed.length} chars); was it wrapped when copied?`);
  const parts = trimmed.split('.');
  if (parts.length === 5) throw malformed('it has 5 parts, so it is an encrypted JWE, not a signed JWT');
  if (parts.length !== 3) {
    throw malformed(
      `expected 3 dot-separated parts (header.claims.signature), found ${parts.length} in ${trimmed.length} chars`,
    );
  }
  const [header, claims, signature] = parts as [string, string, string];
  const decoded = { header: decodeJsonPart(header, 0), claims: decodeJsonPart(claims, 1) };
  if (!BASE64URL.test(signature)) throw malformed('the signature (part 3 of 3) has characters outside base64url');
  return { ...decoded, signaturePresent: signature.length > 0 };
}

/** Tells a JWT from other text (a Vault token, a placeholder) so callers can decode only what decodes. */
export function isJwt(text: string): boolean {
  try {
    return typeof decodeJwt(text).header.alg === 'string';
  } catch {
    return false;
  }
}

/** Formats a span of seconds the way a person reads it: 42s, 59m, 5h 3m, 364d 23h. */
export function formatSpan(seconds: number): string {
  const s = Math.floor(Math.abs(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  const join = (big: number, bigUnit: string, small: number, smallUnit: string) =>
    small ? `${big}${bigUnit} ${small}${smallUnit}` : `${big}${bigUnit}`;
  if (s < 48 * 3600) return join(Math.floor(s / 3600), 'h', Math.floor((s % 3600) / 60), 'm');
  return join(Math.floor(s / 86400), 'd', Math.floor((s % 86400) / 3600), 'h');
}

function renderTime(claim: string, value: unknown, now: Date): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${JSON.stringify(value)} (not a NumericDate)`;
  const iso = new Date(value * 1000).toISOString();
  const delta = value - now.getTime() / 1000;
  const span = formatSpan(delta);
  if (claim === 'exp') return `${iso} (${delta > 0 ? `expires in ${span}` : `expired ${span} ago`})`;
  if (claim === 'nbf' && delta > 0) return `${iso} (not valid for another ${span})`;
  return `${iso} (${delta > 0 ? `in ${span}` : `${span} ago`})`;
}

function renderValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
  return JSON.stringify(value) ?? String(value);
}

/** The audiences a JWT names: `aud` may be one string or a list, so a reader needs no cast. */
export function audiences(token: string): string[] {
  const aud = decodeJwt(token).claims.aud;
  return (Array.isArray(aud) ? aud : [aud]).filter((a): a is string => typeof a === 'string');
}

/** Flattens nested claims into dotted names under a prefix: kubernetes.io/serviceaccount.name. */
function flatten(value: unknown, path: string, out: Array<[string, unknown]>): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value))
      flatten(inner, path.endsWith('/') ? path + key : `${path}.${key}`, out);
  } else {
    out.push([path.replace(/\/$/, ''), value]);
  }
}

/** Turns claims into rows for a table; TokenRequest and legacy Secret tokens end up with the same row names. */
export function claimRows(claims: Record<string, unknown>, now: Date = new Date()): ClaimRow[] {
  const entries: Array<[string, unknown]> = [];
  for (const name of STANDARD) {
    if (name in claims) entries.push([name, claims[name]]);
    else if (name === 'exp') entries.push([name, NEVER]);
  }
  if ('kubernetes.io' in claims) flatten(claims['kubernetes.io'], 'kubernetes.io/', entries);
  for (const [key, value] of Object.entries(claims)) {
    if (!key.startsWith(LEGACY_PREFIX)) continue;
    const rest = key.slice(LEGACY_PREFIX.length);
    entries.push([`kubernetes.io/${LEGACY_NAMES[rest] ?? rest}`, value]);
  }
  for (const [key, value] of Object.entries(claims)) {
    if (!STANDARD.includes(key) && key !== 'kubernetes.io' && !key.startsWith(LEGACY_PREFIX))
      entries.push([key, value]);
  }
  return entries.map(([claim, value]) => ({
    claim,
    value:
      value === NEVER
        ? '(none: this token never expires)'
        : TIME_CLAIMS.has(claim)
          ? renderTime(claim, value, now)
          : renderValue(value),
  }));
}
