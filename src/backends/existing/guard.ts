// The existing backend's guard: before the lab changes anything on a cluster it did not start, the
// context must be one it was allowed to use: named on the command line, or marked by `workshop prepare`.
import type { KubeConfig } from '@kubernetes/client-node';
import { LabError, causeText } from '../../errors.js';
import { Kube } from '../../kube/kube-client.js';
import type { VaultClient } from '../../vault/vault-client.js';

/** The labels `workshop prepare` puts on everything it creates; the learner's marker namespace carries both. */
export const WORKSHOP_LABEL = 'auth-delegator-lab/workshop';
export const LEARNER_LABEL = 'auth-delegator-lab/learner';
/** The value of WORKSHOP_LABEL: selects every object a workshop made, for teardown. */
export const WORKSHOP_VALUE = 'prepared';

/** What a learner's prefix is followed by in the name of their marker namespace. */
export const MARKER_SUFFIX = '-workshop';
/** The learner's own namespace, which holds their identity and is the marker the guard looks for. */
export const markerNamespace = (prefix: string) => (prefix === '' ? 'workshop' : `${prefix}${MARKER_SUFFIX}`);

export interface GuardInput {
  context: string;
  /** --allow-context NAME: the person running the lab names the context it may change. */
  allowContext?: string;
  prefix: string;
  /** From an env bundle: the marker namespace's UID on the cluster the bundle was made for. */
  marker?: string;
}

const refuse = (context: string, why: string) =>
  new LabError(
    `Refusing kubeconfig context "${context}": ${why}; nothing was changed.`,
    `use the env bundle your workshop host gave you, or name a context that is yours to change with --allow-context ` +
      `${context}`,
  );

/** Throws (before any write) unless the context is named by --allow-context or carries this learner's marker. */
export async function checkContext(config: KubeConfig, input: GuardInput): Promise<'allowed by flag' | 'marked'> {
  if (input.allowContext !== undefined) {
    if (input.allowContext === input.context) return 'allowed by flag';
    throw refuse(input.context, `--allow-context names "${input.allowContext}" instead`);
  }
  const name = markerNamespace(input.prefix);
  let labels: Record<string, string> = {};
  let uid = '';
  try {
    const ns = await (await new Kube(config).api).core.readNamespace({ name });
    labels = ns.metadata?.labels ?? {};
    uid = ns.metadata?.uid ?? '';
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw refuse(
      input.context,
      `the workshop marker (namespace ${name}) cannot be read there ` +
        `(${typeof code === 'number' ? `HTTP ${code}` : causeText(error)})`,
    );
  }
  if (labels[WORKSHOP_LABEL] !== WORKSHOP_VALUE || labels[LEARNER_LABEL] !== input.prefix) {
    throw refuse(input.context, `namespace ${name} is not a workshop marker for learner "${input.prefix}"`);
  }
  if (input.marker !== undefined && input.marker !== uid) {
    throw refuse(
      input.context,
      `namespace ${name} there is not the one this env bundle was made for (another cluster, or a workshop prepared ` +
        `again)`,
    );
  }
  return 'marked';
}

/**
 * Without a prefix the notebooks write `auth/kubernetes/config` and its roles and disable their other mounts,
 * under those exact names. That is only safe on a Vault whose data is thrown away with it: a dev server
 * (in-memory storage), as the lab's own is. Any other Vault is refused before anything is written.
 */
export async function checkVault(vault: VaultClient, mounts: readonly string[]): Promise<void> {
  const seal = await vault.request<{ storage_type?: string }>('GET', 'sys/seal-status', undefined, { token: null });
  const storage = seal.json?.storage_type ?? 'unknown';
  if (storage.startsWith('inmem')) return;
  throw new LabError(
    `Refusing Vault at ${vault.addr}: it keeps its data (storage "${storage}"), and without a prefix the notebooks ` +
      `would overwrite ${mounts.map((m) => `auth/${m}/`).join(', ')} there (their config and roles, then disable ` +
      `them); nothing was changed.`,
    'add --prefix YOURNAME, so every mount the notebooks make is named YOURNAME-..., or point VAULT_ADDR at a dev ' +
      'server of your own (vault server -dev)',
  );
}
