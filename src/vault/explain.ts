// A login together with what Vault kept to itself. The client of a refused Kubernetes login reads
// "permission denied"; the kubernetes auth plugin logs the real error (the API server's 403, a TLS
// failure, a refused connection) at DEBUG level in the same instant. This pairs the two.
import type { LoginData, VaultClient, VaultResponse } from './vault-client.js';
import { logMark, loginRefusals, readVaultLog } from './logs.js';

export interface ExplainedLogin extends VaultResponse<LoginData> {
  /**
   * The `err` the plugin logged for this refusal; undefined when it logged none (the client already has the reason).
   */
  reason?: string;
  /** False where Vault keeps no log file here (a shared Vault, or one in a pod): this lab read no plugin line. */
  logRead?: boolean;
}

/** `vault write auth/MOUNT/login role=ROLE jwt=JWT`, then the plugin's log line for it, if it wrote one. */
export async function loginWithReason(
  vault: VaultClient,
  logFile: string,
  role: string,
  jwt: string,
  mount = 'kubernetes',
): Promise<ExplainedLogin> {
  const accessor = await vault.authAccessor(mount);
  const mark = logMark(logFile);
  const res = await vault.login(role, jwt, mount);
  if (res.status < 300) return res;
  if (!logFile) return { ...res, logRead: false };
  const refusal = loginRefusals(readVaultLog(logFile, mark), accessor).at(-1);
  return { ...res, reason: refusal?.fields.err };
}

/** What a learner reads where the plugin's log line would be when Vault's log is no file here: shared, or a pod. */
export const NO_LOG_FILE = "(no log file here: a shared Vault's log is the host's, a pod's is in kubectl logs)";

/** Rows for show.table: what the client was told and, for a refusal, what Vault logged about it. */
export function loginRows(res: ExplainedLogin): Array<[string, string]> {
  if (res.status < 300) {
    const meta = res.json?.auth?.metadata ?? {};
    return [
      [
        'Vault answered the client',
        `${res.status}: a Vault token with policies ${(res.json?.auth?.policies ?? []).join(', ')}`,
      ],
      [
        'token metadata',
        `service_account_name=${meta.service_account_name}, ` +
          `service_account_namespace=${meta.service_account_namespace}`,
      ],
    ];
  }
  return [
    ['Vault answered the client', `${res.status}: ${res.errors.join('; ')}`],
    [
      'Vault logged (DEBUG)',
      res.logRead === false
        ? NO_LOG_FILE
        : res.reason === undefined
          ? '(nothing: the answer above is the whole reason)'
          : describeReason(res.reason),
    ],
  ];
}

/** The plugin logs a refused TokenReview as the API server's whole Status body; this keeps its code and message. */
export function describeReason(reason: string): string {
  try {
    const status = JSON.parse(reason) as { kind?: string; code?: number; reason?: string; message?: string };
    if (status.kind === 'Status') return `the API server answered ${status.code} ${status.reason}: ${status.message}`;
  } catch {
    // not JSON: a Go error string, shown as it is
  }
  return reason;
}
