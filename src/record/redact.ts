// Defence in depth for recordings: the notebooks' display already redacts, and the recorder redacts
// again before anything is written, adding what only the recorder knows (this lab's own secrets, such
// as the dev root token) and what display cannot see (stream text, error tracebacks, curl headers).
import type { Notebook, NotebookOutput } from '../jupyter/notebooks.js';
import { isPlaceholder, redactText } from '../output/redact.js';
import { scanText, type Finding } from '../scan/credentials.js';

/** The lab's dev root token: `lab-root-` and 24 hex digits (src/vault/server.ts); no generic pattern knows it. */
const LAB_ROOT_TOKEN = /\blab-root-[0-9a-f]{24}\b/g;
// A bearer or Vault header whose value display did not mask (a curl -i transcript, a log line).
const AUTH_HEADER = /\b((?:Authorization|Proxy-Authorization)[ \t]*:[ \t]*(?:Bearer|Basic)[ \t]+|X-Vault-Token[ \t]*:[ \t]*)(?!«)([^\s"'\\]{8,})/gi;

// A PEM block base64-encoded once more, as Secret data and kubeconfigs carry it: "-----BEGIN" is "LS0tLS1CRUdJTi".
const BASE64_PEM = /\bLS0tLS1CRUdJTi[A-Za-z0-9+/]*={0,2}/g;

/** The label of a base64-encoded PEM block (CERTIFICATE, PRIVATE KEY, …), or undefined. */
function base64PemLabel(text: string): string | undefined {
  return /^-----BEGIN ([A-Z0-9 ]+)-----/.exec(Buffer.from(text, 'base64').toString('latin1'))?.[1];
}

/** Masks base64 PEM: a private key as a credential, a certificate because it differs in every lab. */
function maskBase64Pem(text: string): string {
  return text.replace(BASE64_PEM, (m) => {
    const label = base64PemLabel(m);
    if (!label) return m;
    return /PRIVATE KEY/.test(label) ? `«private key (base64 PEM), redacted»` : `«${label.toLowerCase()} (base64 PEM), redacted»`;
  });
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A redactor for one recording. `secrets` are this lab's literal credentials (the Vault root token),
 * masked wherever they appear, whatever they look like; the shared patterns handle everything else.
 */
export function recordingRedactor(secrets: readonly string[] = []): (text: string) => string {
  const literals = secrets.filter((s) => s.length >= 8).map((s) => new RegExp(escapeRegex(s), 'g'));
  return (text: string) => {
    let out = text;
    for (const literal of literals) out = out.replace(literal, '«redacted Vault root token»');
    out = out.replace(LAB_ROOT_TOKEN, '«redacted Vault root token»');
    out = maskBase64Pem(redactText(out));
    return out.replace(AUTH_HEADER, (whole: string, prefix: string, value: string) =>
      isPlaceholder(value) || /^[$<{]/.test(value) ? whole : `${prefix}«redacted credential: ${value.length} chars»`,
    );
  };
}

function redactValue(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return redact(value.join(''));
  // application/json and other structured data: redact its JSON text, so keys give context.
  return JSON.parse(redact(JSON.stringify(value))) as unknown;
}

function redactOutput(o: NotebookOutput, redact: (text: string) => string): NotebookOutput {
  const copy: NotebookOutput & { traceback?: string[] } = { ...o };
  if (o.text !== undefined) copy.text = redact(Array.isArray(o.text) ? o.text.join('') : o.text);
  if (o.data) {
    copy.data = Object.fromEntries(
      Object.entries(o.data).map(([type, value]) => [type, type.startsWith('image/') && type !== 'image/svg+xml' ? value : (redactValue(value, redact) as string)]),
    );
  }
  if (o.evalue !== undefined) copy.evalue = redact(o.evalue);
  const traceback = (o as { traceback?: string[] }).traceback;
  if (traceback) copy.traceback = traceback.map(redact);
  return copy;
}

/**
 * Every output of every cell through the redactor. Sources are left as written: they are tracked files
 * the repository scan already covers, and masking code (`jwt: reviewerToken`) would change what it says.
 */
export function redactNotebook(nb: Notebook, redact: (text: string) => string): Notebook {
  return { ...nb, cells: nb.cells.map((cell) => (cell.outputs ? { ...cell, outputs: cell.outputs.map((o) => redactOutput(o, redact)) } : cell)) };
}

/** The repository scanner plus what recordings can leak beyond it: the lab's root-token format, base64 PEM keys. */
export function scanRecordingText(text: string, fileName: string): Finding[] {
  const findings = scanText(text, fileName);
  const lines = text.split('\n');
  const excerpt = (line: string) => maskBase64Pem(line.replace(LAB_ROOT_TOKEN, '«redacted Vault root token»')).trim().slice(0, 160);
  lines.forEach((line, i) => {
    if (new RegExp(LAB_ROOT_TOKEN.source).test(line)) findings.push({ file: fileName, line: i + 1, kind: 'vault-root-token', excerpt: excerpt(line) });
    for (const m of line.matchAll(BASE64_PEM)) {
      if (/PRIVATE KEY/.test(base64PemLabel(m[0]) ?? '') && m[0].length >= 64) findings.push({ file: fileName, line: i + 1, kind: 'private-key-base64', excerpt: excerpt(line) });
    }
  });
  return findings.sort((a, b) => a.line - b.line || a.kind.localeCompare(b.kind));
}
