// Finds live-looking credentials in files before they are committed: the same patterns the notebooks
// redact with, reported as file:line with an excerpt that is itself redacted.
import { readFile } from 'node:fs/promises';
import { LabError } from '../errors.js';
import { CREDENTIAL_PATTERNS, redactText } from '../output/redact.js';

export interface Finding {
  file: string;
  /** 1-based line where the credential starts. */
  line: number;
  /** The pattern's name: jwt, private-key, vault-token, kubeconfig-credential. */
  kind: string;
  /** The line, redacted and shortened, so the report itself leaks nothing. */
  excerpt: string;
}

const EXCERPT_CHARS = 160;

/** The line around a match with the match masked; a PEM block spanning lines collapses to its mask. */
function excerptOf(text: string, lineStart: number, match: RegExpMatchArray, mask: string): string {
  const index = match.index ?? 0;
  const end = index + match[0].length;
  const lineEnd = text.indexOf('\n', end);
  const around = text.slice(lineStart, index) + mask + text.slice(end, lineEnd === -1 ? text.length : lineEnd);
  const redacted = redactText(around).trim();
  return redacted.length > EXCERPT_CHARS ? `${redacted.slice(0, EXCERPT_CHARS - 1)}…` : redacted;
}

/** Reports the credentials in one text; placeholders and redaction marks are not credentials. */
export function scanText(text: string, fileName: string): Finding[] {
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const lineAt = (index: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const findings: Finding[] = [];
  const seen = new Set<string>();
  // One secret is one finding: a span already reported (a labelled client-key-data) is not reported again.
  const reported: Array<[number, number]> = [];
  for (const pattern of CREDENTIAL_PATTERNS) {
    if (!pattern.leak) continue;
    for (const match of text.matchAll(pattern.regex)) {
      if (!pattern.leak(match)) continue;
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (reported.some(([from, to]) => start < to && end > from)) continue;
      reported.push([start, end]);
      const line = lineAt(start);
      const key = `${line}:${pattern.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const mask = pattern.describe(match) ?? `«${pattern.name}»`;
      const excerpt = excerptOf(text, starts[line] ?? 0, match, mask);
      findings.push({ file: fileName, line: line + 1, kind: pattern.name, excerpt });
    }
  }
  return findings.sort((a, b) => a.line - b.line || a.kind.localeCompare(b.kind));
}

/** Scans files (binary ones are skipped) and returns every finding, ordered by file and line. */
export async function scanFiles(paths: readonly string[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw new LabError(
        `Cannot read ${path} to scan it for credentials`,
        'check the path exists and is a readable file',
        {
          cause: error,
        },
      );
    }
    if (bytes.subarray(0, 8000).includes(0)) continue;
    findings.push(...scanText(bytes.toString('utf8'), path));
  }
  return findings;
}
