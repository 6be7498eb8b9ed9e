// What Vault's read commands print, typed with Vault's own field names, so a notebook shows them without casts.

/** `vault read auth/kubernetes/config`: the fields the lab sets and checks. */
export interface KubernetesConfigFields {
  kubernetes_host: string;
  /** PEM, without the trailing newline Vault keeps. */
  kubernetes_ca_cert: string;
  disable_local_ca_jwt: boolean;
  /** Vault never returns the reviewer JWT, only whether one is set. */
  token_reviewer_jwt_set: boolean;
}

/** `vault read auth/kubernetes/role/NAME`: who may log in, and what the token gets. */
export interface KubernetesRoleFields {
  bound_service_account_names: string[];
  bound_service_account_namespaces: string[];
  token_policies: string[];
  /** Seconds. */
  token_ttl: number;
}

/** `vault token lookup`: who the token was issued to, with the metadata the login attached. */
export interface TokenLookupFields {
  display_name: string;
  path: string;
  policies: string[];
  /** Seconds left. */
  ttl: number;
  meta: Record<string, string>;
}

/**
 * Keeps the named fields of a Vault answer's `data`, in that order, so a table shows what the command's reader needs.
 */
export function pickFields<T extends object>(data: Partial<T> | undefined, keys: readonly (keyof T)[]): T {
  return Object.fromEntries(keys.map((key) => [key, data?.[key]])) as T;
}
