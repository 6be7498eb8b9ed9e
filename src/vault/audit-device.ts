// Vault's file audit device: enabled where the token may (not on a shared Vault), and the HMAC it writes for
// a value, to recognise the value in the log. Each call takes the client; VaultClient offers them as methods.
import type { VaultHandle } from './response.js';

/** `vault audit enable file file_path=...`; the audit log records each login request and Vault's answer. */
export async function enableFileAudit(
  v: VaultHandle,
  filePath: string,
  mount = 'lab-file',
): Promise<'enabled' | 'already enabled' | 'not on a shared Vault'> {
  if (!v.audit) return 'not on a shared Vault';
  const audits = await v.must<Record<string, unknown>>('GET', 'sys/audit');
  const data = (audits.json?.data ?? audits.json) as Record<string, unknown>;
  if (data && `${mount}/` in data) return 'already enabled';
  await v.must('PUT', `sys/audit/${mount}`, { type: 'file', options: { file_path: filePath, log_raw: 'false' } });
  return 'enabled';
}

/**
 * `vault write sys/audit-hash/DEVICE input=VALUE`: the HMAC the audit device writes for VALUE, to recognise it in the
 * log.
 */
export async function auditHash(v: VaultHandle, input: string, device = 'lab-file'): Promise<string> {
  const res = await v.must<{ hash?: string; data?: { hash?: string } }>('POST', `sys/audit-hash/${device}`, { input });
  return res.json?.data?.hash ?? res.json?.hash ?? '';
}
