// Defence in depth for recordings: the notebooks' display already redacts, and the recorder redacts
// again before anything is written, adding what only the recorder knows (this lab's literal secrets)
// and what display cannot see (stream text, error tracebacks, curl headers).
import type { Notebook, NotebookOutput } from '../jupyter/notebooks.js';
import { maskCredentialHeaders, redactText } from '../output/redact.js';
import { scanText, type Finding } from '../scan/credentials.js';
import { escapeRegex } from '../text.js';

/**
 * A redactor for one recording. `secrets` are this lab's literal credentials (the Vault root token),
 * masked wherever they appear, whatever they look like; the shared patterns handle everything else.
 */
export function recordingRedactor(secrets: readonly string[] = []): (text: string) => string {
  const literals = secrets.filter((s) => s.length >= 8).map((s) => new RegExp(escapeRegex(s), 'g'));
  return (text: string) => {
    let out = text;
    for (const literal of literals) out = out.replace(literal, '«redacted Vault root token»');
    // Headers display did not mask (a curl -i transcript, a log line).
    return maskCredentialHeaders(redactText(out));
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

/** The repository scanner over a recording; the shared patterns include the lab's root token and base64 PEM keys. */
export function scanRecordingText(text: string, fileName: string): Finding[] {
  return scanText(text, fileName);
}
