// What every Vault call returns, and the handle each call takes: the client (vault-client.ts) it is a method of.
export interface VaultResponse<T = Record<string, unknown>> {
  method: string;
  url: string;
  status: number;
  /** Vault's `errors` array: on a refused login this is all Vault tells the client. */
  errors: string[];
  /** Vault's `warnings` array: advice on a write that succeeded (a role without an audience, say). */
  warnings: string[];
  json: T | undefined;
  text: string;
}

export interface LoginData {
  auth?: {
    client_token: string;
    accessor: string;
    policies: string[];
    metadata: Record<string, string>;
    lease_duration: number;
  };
}

/** The part of the client each call file uses. */
export interface VaultHandle {
  readonly addr: string;
  /** The default auth mount of every call that takes one: `kubernetes`, or the learner's `PREFIX-kubernetes`. */
  readonly mount: string;
  /** False on a shared Vault: enabling an audit device needs `sudo` on sys/audit, which a learner's token lacks. */
  readonly audit: boolean;
  request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    opts?: { token?: string | null; timeoutMs?: number },
  ): Promise<VaultResponse<T>>;
  must<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    fix?: string,
  ): Promise<VaultResponse<T>>;
}
