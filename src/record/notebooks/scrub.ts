// Defence in depth for recordings: the notebooks' display already redacts, and the recorder redacts
// again before anything is written, adding what only the recorder knows (this lab's literal secrets)
// and what display cannot see (stream text, error tracebacks, curl headers).
import type { Notebook } from '../../jupyter/notebooks.js';
import { maskCredentialHeaders, redactText } from '../../output/redact.js';
import { scanText, type Finding } from '../../scan/scanner.js';
import { escapeRegex } from '../../text.js';
import { mapOutputText } from './outputs.js';

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

/**
 * Every output of every cell through the redactor. Sources are left as written: they are tracked files
 * the repository scan already covers, and masking code (`jwt: reviewerToken`) would change what it says.
 */
export function redactNotebook(nb: Notebook, redact: (text: string) => string): Notebook {
  return {
    ...nb,
    cells: nb.cells.map((cell) =>
      cell.outputs
        ? {
            ...cell,
            outputs: cell.outputs.map((o) =>
              mapOutputText(o, (text, field) => (field === 'ename' ? text : redact(text))),
            ),
          }
        : cell,
    ),
  };
}

/** The repository scanner over a recording; the shared patterns include the lab's root token and base64 PEM keys. */
export function scanRecordingText(text: string, fileName: string): Finding[] {
  return scanText(text, fileName);
}
