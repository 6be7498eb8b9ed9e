// The existing backend: a cluster and a Vault someone else runs (a workshop's host, or your own), used
// through a kubeconfig context and a Vault address and token. It starts nothing; the guard decides first.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { LabError } from '../errors.js';
import { labDir } from '../paths.js';
import { VaultClient } from '../vault/client.js';
import { readBundle } from './bundle.js';
import { checkContext, checkVault } from './guard.js';
import type { LabState } from './state.js';

export interface ExistingOptions {
  /** An env bundle from `workshop prepare`: it names everything below. */
  env?: string;
  kubeconfig?: string;
  context?: string;
  allowContext?: string;
  prefix?: string;
  vaultAddr?: string;
  vaultToken?: string;
  /** The auth mounts the notebooks write and disable, by their names without a prefix (for the Vault guard's refusal). */
  vaultMounts?: readonly string[];
}

interface Target {
  config: KubeConfig;
  context: string;
  prefix: string;
  marker?: string;
  vaultAddr: string;
  vaultToken: string;
}

function target(opts: ExistingOptions): Target {
  const config = new KubeConfig();
  if (opts.env) {
    const bundle = readBundle(opts.env);
    config.loadFromString(bundle.kubeconfig);
    return { config, context: bundle.context, prefix: bundle.prefix, marker: bundle.marker, vaultAddr: bundle.vaultAddr, vaultToken: bundle.vaultToken };
  }
  const file = opts.kubeconfig ?? process.env.KUBECONFIG;
  if (file) config.loadFromFile(file);
  else config.loadFromDefault();
  const context = opts.context ?? config.getCurrentContext();
  const { vaultAddr = process.env.VAULT_ADDR, vaultToken = process.env.VAULT_TOKEN } = opts;
  if (!vaultAddr || !vaultToken) {
    throw new LabError('--backend existing needs a Vault address and token, and VAULT_ADDR or VAULT_TOKEN is not set.', 'export VAULT_ADDR and VAULT_TOKEN, or pass --env with the bundle your workshop host gave you');
  }
  return { config, context, prefix: opts.prefix ?? '', vaultAddr, vaultToken };
}

/** The kubeconfig cut down to the one context the guard allowed, so nothing later can switch to another. */
function onlyContext(config: KubeConfig, context: string): string {
  const ctx = config.getContextObject(context);
  const one = new KubeConfig();
  one.loadFromOptions({
    clusters: config.clusters.filter((c) => c.name === ctx?.cluster),
    users: config.users.filter((u) => u.name === ctx?.user),
    contexts: ctx ? [ctx] : [],
    currentContext: context,
  });
  return one.exportConfig();
}

/** Checks the guard, then writes .lab/kubeconfig (the one allowed context) and the CA; returns the state `up` records. */
export async function connectExisting(opts: ExistingOptions): Promise<LabState> {
  const t = target(opts);
  if (!t.config.getContextObject(t.context)) {
    throw new LabError(`The kubeconfig has no context "${t.context}".`, 'list the contexts with `kubectl config get-contexts` and name one with --context');
  }
  t.config.setCurrentContext(t.context);
  const cluster = t.config.getCurrentCluster();
  const ca = cluster?.caData ? Buffer.from(cluster.caData, 'base64').toString('utf8') : '';
  if (!cluster || !ca) throw new LabError(`Context "${t.context}" names no cluster with certificate-authority-data.`, 'embed the CA in the kubeconfig (kubectl config view --raw --minify --flatten)');
  await checkContext(t.config, { context: t.context, allowContext: opts.env ? undefined : opts.allowContext, prefix: t.prefix, marker: t.marker });
  const vault = new VaultClient(t.vaultAddr, t.vaultToken);
  const self = await vault.request('GET', 'auth/token/lookup-self');
  if (self.status !== 200) throw new LabError(`Vault at ${t.vaultAddr} refused the token (HTTP ${self.status}: ${self.errors.join('; ')}).`, 'ask the workshop host for a fresh env bundle, or export a valid VAULT_TOKEN');
  if (t.prefix === '') await checkVault(vault, opts.vaultMounts ?? []);
  mkdirSync(labDir(), { recursive: true });
  const kubeconfig = join(labDir(), 'kubeconfig');
  const kubeCaFile = join(labDir(), 'kube-ca.crt');
  writeFileSync(kubeconfig, onlyContext(t.config, t.context), { mode: 0o600 });
  writeFileSync(kubeCaFile, ca);
  return {
    backend: 'existing',
    startedAt: new Date().toISOString(),
    kubeconfig,
    kubeServer: cluster.server,
    kubeCaFile,
    vault: { addr: t.vaultAddr, token: t.vaultToken, logFile: '', auditFile: '' },
    processes: [],
    prefix: t.prefix,
    context: t.context,
  };
}
