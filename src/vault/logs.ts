// Reading Vault's server log (hclog's text format). A refused Kubernetes login tells the client only
// "permission denied"; the reason is in a DEBUG line the kubernetes auth plugin writes at the same moment.
import { closeSync, openSync, readSync, statSync } from 'node:fs';

export interface VaultLogLine {
  time: string;
  level: string;
  /** The logger's name, e.g. `auth.kubernetes.auth_kubernetes_1a2b3c4d` (type, then the mount's accessor). */
  module: string;
  message: string;
  /** The key=value pairs after the message, unquoted. */
  fields: Record<string, string>;
  raw: string;
}

const HEAD = /^(\d{4}-\d\d-\d\dT\S+) \[([A-Z]+)\]\s+(?:([^\s:]+): )?(.*)$/;
// hclog quotes a value by escaping its double quotes only (a backslash stays a backslash), so a quoted
// value ends at the first `"` without a backslash before it, followed by a space or the end of the line.
const PAIR = /([A-Za-z_][\w.-]*)=("(?:[^"]|(?<=\\)")*"|[^\s"]*)(?= |$)/y;

/** Undoes hclog's quoting: drop the surrounding quotes and turn each \" back into ". */
function unquote(value: string): string {
  return value.startsWith('"') ? value.slice(1, -1).replaceAll('\\"', '"') : value;
}

/** Parses `k=v k="v w"` to the end of the text, or returns undefined when the text is not only pairs. */
function parsePairs(text: string): Record<string, string> | undefined {
  const fields: Record<string, string> = {};
  let at = 0;
  while (at < text.length) {
    PAIR.lastIndex = at;
    const m = PAIR.exec(text);
    if (!m) return undefined;
    fields[m[1] as string] = unquote(m[2] as string);
    at = PAIR.lastIndex;
    if (text[at] === ' ') at++;
  }
  return fields;
}

/** Splits one hclog line into time, level, logger, message and fields; undefined for other lines. */
export function parseVaultLogLine(raw: string): VaultLogLine | undefined {
  const head = HEAD.exec(raw.trimEnd());
  if (!head) return undefined;
  const [, time = '', level = '', module = '', rest = ''] = head;
  // The message ends at the first ": " after which everything is key=value pairs.
  for (let i = rest.indexOf(': '); i !== -1; i = rest.indexOf(': ', i + 1)) {
    const fields = parsePairs(rest.slice(i + 2));
    if (fields && Object.keys(fields).length) return { time, level, module, message: rest.slice(0, i), fields, raw };
  }
  return { time, level, module, message: rest, fields: {}, raw };
}

/** How far the log has been written: remember it before a request, then read only what came after. */
export function logMark(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** The parsed lines written to the log after `mark` (the whole log when mark is 0). */
export function readVaultLog(file: string, mark = 0): VaultLogLine[] {
  const size = logMark(file);
  if (size <= mark) return [];
  const buffer = Buffer.alloc(size - mark);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, mark);
  } finally {
    closeSync(fd);
  }
  return buffer
    .toString('utf8')
    .split('\n')
    .map(parseVaultLogLine)
    .filter((line): line is VaultLogLine => line !== undefined);
}

/** The plugin writes this DEBUG message, with the real error in `err`, before answering "permission denied". */
export const LOGIN_UNAUTHORIZED = 'login unauthorized';

/** The reasons the kubernetes auth plugin mounted with `accessor` logged for refused logins, oldest first. */
export function loginRefusals(lines: readonly VaultLogLine[], accessor: string): VaultLogLine[] {
  return lines.filter((line) => line.module.endsWith(`.${accessor}`) && line.message === LOGIN_UNAUTHORIZED);
}
