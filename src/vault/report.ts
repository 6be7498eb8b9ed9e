// Table rows for notebooks that compare several logins: one row per login, and the log lines around it.
import type { VaultClient } from './vault-client.js';
import { loginRows, loginWithReason } from './explain.js';
import { readVaultLog } from './logs.js';

export interface LoginRow {
  status: number;
  /** What the client read: `200: a Vault token ...` or `403: permission denied`. */
  answer: string;
  /** What the plugin logged at DEBUG for a refusal; '-' for a success. */
  logged: string;
}

/** `vault write auth/MOUNT/login role=ROLE jwt=JWT`, reduced to one table row with its logged reason. */
export async function loginRow(
  vault: VaultClient,
  logFile: string,
  role: string,
  jwt: string,
  mount: string,
): Promise<LoginRow> {
  const res = await loginWithReason(vault, logFile, role, jwt, mount);
  const rows = loginRows(res);
  return { status: res.status, answer: rows[0]?.[1] ?? '', logged: res.status < 300 ? '-' : (rows[1]?.[1] ?? '') };
}

/** `tail .lab/logs/vault.log` from a mark on, without TRACE lines: what Vault logged for one request. */
export function logRowsSince(
  logFile: string,
  mark: number,
): Array<{ level: string; logger: string; message: string; fields: string }> {
  return readVaultLog(logFile, mark)
    .filter((line) => line.level !== 'TRACE')
    .map((line) => ({
      level: line.level,
      logger: line.module,
      message: line.message,
      fields: Object.entries(line.fields)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
    }));
}
