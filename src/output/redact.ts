// Masks credentials before anything reaches a notebook output, a log or an exported page. Masks are
// visible («redacted …») so a reader sees that something was there, and CREDENTIAL_PATTERNS is shared
// with the repository scanner so what we hide and what we refuse to commit stay the same list.
import { CREDENTIAL_PATTERNS } from './credential-patterns.js';
import { isPlaceholder } from './masks.js';

export { CREDENTIAL_PATTERNS, type CredentialPattern } from './credential-patterns.js';
export { isPlaceholder, redactJwt } from './masks.js';

/** Masks every credential in free text (logs, JSON, YAML, kubeconfigs, HTTP bodies) before it is shown. */
export function redactText(text: string): string {
  let out = text;
  for (const pattern of CREDENTIAL_PATTERNS) {
    let next = '';
    let from = 0;
    for (const match of out.matchAll(pattern.regex)) {
      const mask = pattern.describe(match);
      if (mask === undefined) continue;
      next += out.slice(from, match.index) + mask;
      from = (match.index ?? 0) + match[0].length;
    }
    out = next + out.slice(from);
  }
  return out;
}

/** The request headers that carry a credential; their values are never shown, whatever they look like. */
export const CREDENTIAL_HEADERS = [
  'Authorization',
  'Proxy-Authorization',
  'X-Vault-Token',
  'Cookie',
  'Set-Cookie',
] as const;

/** True for a header named in CREDENTIAL_HEADERS, in any case, so a renderer hides it however it is spelt. */
export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADERS.some((header) => header.toLowerCase() === name.toLowerCase());
}

// `Name: value` in free text (a curl -v transcript, a log line), for the headers above; Bearer/Basic stay visible.
const HEADER_LINE = new RegExp(
  String.raw`\b((?:${CREDENTIAL_HEADERS.join('|')})[ \t]*:[ \t]*(?:(?:Bearer|Basic)[ \t]+)?)(?!«)([^\s"'\\]{8,})`,
  'gi',
);

/** Masks credential headers written out as text; a placeholder or a shell variable ($TOKEN) is left as it is. */
export function maskCredentialHeaders(text: string): string {
  return text.replace(HEADER_LINE, (whole: string, prefix: string, value: string) =>
    isPlaceholder(value) || /^[$<{]/.test(value) ? whole : `${prefix}«redacted credential: ${value.length} chars»`,
  );
}
