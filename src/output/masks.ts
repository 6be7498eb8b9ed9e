// The visible masks redaction writes («redacted …»), and what is no secret at all (a placeholder, a mask):
// shared by the credential patterns (credential-patterns.ts) and the JWT view of the notebooks.

// Whole words only, so a random token that happens to contain "fake" is still masked.
const PLACEHOLDER_WORDS =
  /(?:^|[\s_.+-])(?:your|example|placeholder|changeme|redacted|omitted|dummy|fake)(?:$|[\s_.+-])/i;

/** Tells documentation placeholders (<TOKEN>, $TOKEN, {{ token }}, xxxx…, «masks») from values worth hiding. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim().replace(/^["']|["']$/g, '');
  if (!v || /^(null|none|true|false|undefined|-?\d+(\.\d+)?)$/i.test(v)) return true;
  if (/[«»…]|\.\.\./.test(v) || /<[^<>]*>/.test(v) || /^\$/.test(v) || /\{\{.*\}\}/.test(v)) return true;
  if (PLACEHOLDER_WORDS.test(v)) return true;
  return new Set(v.replace(/^(hv[sbr]|s)\./, '')).size < 5;
}

/** Bytes of the DER inside a PEM block (or of any base64 text), for a mask that says how much was hidden. */
export function base64Bytes(text: string): number {
  const body = text
    .replace(/-----[A-Z0-9 ]+-----/g, '')
    .replace(/\\[nr]/g, '')
    .replace(/^[\w-]+:.*$/gm, '')
    .replace(/[^A-Za-z0-9+/]/g, '');
  return Math.floor((body.length * 3) / 4);
}

/**
 * Masks a JWT for display: the start of the header (which only names the algorithm) and the lengths, never the
 * signature.
 */
export function redactJwt(token: string, options: { reveal?: boolean } = {}): string {
  if (options.reveal) return token;
  const parts = token.trim().split('.');
  if (parts.length !== 3) return `«redacted: not a JWT, ${token.length} chars»`;
  const [header, claims, signature] = parts as [string, string, string];
  return (
    `«redacted JWT ${header.slice(0, 20)}… (header ${header.length}, claims ${claims.length}, signature ` +
    `${signature.length} chars)»`
  );
}
