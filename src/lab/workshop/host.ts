// The host's side of a workshop: their cluster (a kubeconfig context they name) and their Vault.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabError } from '../../errors.js';
import { Kube } from '../../kube/kube-client.js';
import { contextCluster, loadKubeconfig } from '../../kube/kubeconfig.js';
import { VaultClient } from '../../vault/vault-client.js';

export interface HostOptions {
  kubeconfig?: string;
  /** Required: prepare, teardown and the dashboard change or read only the context the host names. */
  context?: string;
  vaultAddr?: string;
  vaultToken?: string;
}

export interface Host {
  kube: Kube;
  vault: VaultClient;
  context: string;
  server: string;
  ca: string;
}

/** Connects to the host's cluster and Vault; refuses without --context, so the current context is never assumed. */
export async function connectHost(opts: HostOptions): Promise<Host> {
  const config = await loadKubeconfig({ file: opts.kubeconfig ?? process.env.KUBECONFIG });
  if (!opts.context) {
    throw new LabError(
      `workshop commands change the cluster only in a context you name, and --context is missing (the current one ` +
        `is "${config.getCurrentContext()}").`,
      `add --context ${config.getCurrentContext() || 'NAME'} if that is the workshop's cluster`,
    );
  }
  if (!config.getContextObject(opts.context))
    throw new LabError(
      `The kubeconfig has no context "${opts.context}".`,
      'list them with `kubectl config get-contexts`',
    );
  config.setCurrentContext(opts.context);
  const cluster = contextCluster(config, opts.context);
  if (!cluster)
    throw new LabError(
      `Context "${opts.context}" names no cluster CA, which the learners' kubeconfigs need.`,
      'use a context whose cluster has certificate-authority(-data)',
    );
  const { vaultAddr = process.env.VAULT_ADDR, vaultToken = process.env.VAULT_TOKEN } = opts;
  if (!vaultAddr || !vaultToken)
    throw new LabError(
      "workshop commands need the host's Vault, and VAULT_ADDR or VAULT_TOKEN is not set.",
      'export VAULT_ADDR and VAULT_TOKEN for a token that may manage policies and tokens',
    );
  return {
    kube: new Kube(config),
    vault: new VaultClient(vaultAddr, vaultToken),
    context: opts.context,
    server: cluster.server,
    ca: cluster.ca,
  };
}

export interface RosterEntry {
  prefix: string;
  /** The env bundle's file name inside the workshop directory. */
  bundle: string;
  /** The Vault token's accessor: prepare run again keeps a token that still works. */
  accessor: string;
  marker: string;
}

export interface Roster {
  context: string;
  server: string;
  vaultAddr: string;
  learners: RosterEntry[];
}

export const rosterPath = (dir: string) => join(dir, 'roster.json');

export function readRoster(dir: string): Roster | undefined {
  if (!existsSync(rosterPath(dir))) return undefined;
  return JSON.parse(readFileSync(rosterPath(dir), 'utf8')) as Roster;
}

export function writeRoster(dir: string, roster: Roster): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(rosterPath(dir), `${JSON.stringify(roster, null, 2)}\n`, { mode: 0o600 });
}
