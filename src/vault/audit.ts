// Reading Vault's file audit device: one JSON object a line, a "request" entry when a request arrives and
// a "response" entry when Vault answers. String values are HMAC'd with the device's own key, except the
// error text and a few fields Vault leaves readable, so the log proves what happened without holding secrets.
import { readFileSync } from 'node:fs';

export interface AuditEntry {
  time: string;
  type: 'request' | 'response';
  /** e.g. auth/kubernetes/login */
  path: string;
  operation: string;
  remoteAddress?: string;
  /** The request's body as the log holds it: `hmac-sha256:…` in place of each string value. */
  requestData: Record<string, unknown>;
  /** The auth Vault issued (response entries of a granted login); its metadata is not hashed. */
  auth?: { metadata?: Record<string, string>; policies?: string[]; display_name?: string; client_token?: string };
  /** The error the client received, in clear text. */
  error?: string;
  raw: Record<string, unknown>;
}

/** The prefix Vault puts before every hashed value. */
export const HMAC_PREFIX = 'hmac-sha256:';

interface RawEntry {
  time?: string;
  type?: string;
  error?: string;
  request?: { path?: string; operation?: string; remote_address?: string; data?: Record<string, unknown> };
  response?: { auth?: AuditEntry['auth'] };
}

/** Parses one audit line; undefined for anything that is not an audit entry. */
export function parseAuditLine(line: string): AuditEntry | undefined {
  if (!line.trim()) return undefined;
  let raw: RawEntry;
  try {
    raw = JSON.parse(line) as RawEntry;
  } catch {
    return undefined;
  }
  if ((raw.type !== 'request' && raw.type !== 'response') || !raw.request) return undefined;
  return {
    time: raw.time ?? '',
    type: raw.type,
    path: raw.request.path ?? '',
    operation: raw.request.operation ?? '',
    remoteAddress: raw.request.remote_address,
    requestData: raw.request.data ?? {},
    auth: raw.response?.auth,
    error: raw.error || undefined,
    raw: raw as Record<string, unknown>,
  };
}

/** The last `count` entries for one path (e.g. auth/kubernetes/login), oldest first; [] when there is no log yet. */
export function readAudit(file: string, opts: { path?: string; count?: number } = {}): AuditEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const entries = text
    .split('\n')
    .map(parseAuditLine)
    .filter(
      (entry): entry is AuditEntry => entry !== undefined && (opts.path === undefined || entry.path === opts.path),
    );
  return entries.slice(-(opts.count ?? 2));
}

/** True for a value the audit device hashed. */
export const isHmac = (value: unknown): boolean => typeof value === 'string' && value.startsWith(HMAC_PREFIX);
