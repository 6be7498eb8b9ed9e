// The existing backend: a cluster and a Vault someone else runs (a workshop's host, or your own), used
// through a kubeconfig context and a Vault address and token. It starts nothing; the guard decides first.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { LabError } from '../../errors.js';
import { contextCluster, loadKubeconfig, onlyContext } from '../../kube/kubeconfig.js';
import { labDir } from '../../paths.js';
import { VaultClient } from '../../vault/vault-client.js';
import type { VaultEndpoint } from '../../vault/dev-server.js';
import type { StartOptions, Started } from '../backend.js';
import { readBundle } from './bundle.js';
import { checkContext, checkVault } from './guard.js';

export type ExistingOptions = NonNullable<StartOptions['existing']>;

interface Target {
  config: KubeConfig;
  context: string;
  prefix: string;
  marker?: string;
  vaultAddr: string;
  vaultToken: string;
}

/** What the bundle names, or else the flags, $KUBECONFIG and $VAULT_ADDR/$VAULT_TOKEN. */
async function target(opts: ExistingOptions): Promise<Target> {
  if (opts.env) {
    const bundle = readBundle(opts.env);
    const config = await loadKubeconfig({ text: bundle.kubeconfig });
    return {
      config,
      context: bundle.context,
      prefix: bundle.prefix,
      marker: bundle.marker,
      vaultAddr: bundle.vaultAddr,
      vaultToken: bundle.vaultToken,
    };
  }
  const config = await loadKubeconfig({ file: opts.kubeconfig ?? process.env.KUBECONFIG });
  const context = opts.context ?? config.getCurrentContext();
  const { vaultAddr = process.env.VAULT_ADDR, vaultToken = process.env.VAULT_TOKEN } = opts;
  if (!vaultAddr || !vaultToken) {
    throw new LabError(
      '--backend existing needs a Vault address and token, and VAULT_ADDR or VAULT_TOKEN is not set.',
      'export VAULT_ADDR and VAULT_TOKEN, or pass --env with the bundle your workshop host gave you',
    );
  }
  return { config, context, prefix: opts.prefix ?? '', vaultAddr, vaultToken };
}

/** Checks the guard, then writes .lab/kubeconfig (the one allowed context) and the CA. */
export async function connectCluster(opts: ExistingOptions): Promise<Started> {
  const t = await target(opts);
  if (!t.config.getContextObject(t.context)) {
    throw new LabError(
      `The kubeconfig has no context "${t.context}".`,
      'list the contexts with `kubectl config get-contexts` and name one with --context',
    );
  }
  const cluster = contextCluster(t.config, t.context);
  if (!cluster)
    throw new LabError(
      `Context "${t.context}" names no cluster with certificate-authority-data.`,
      'embed the CA in the kubeconfig (kubectl config view --raw --minify --flatten)',
    );
  t.config.setCurrentContext(t.context);
  await checkContext(t.config, {
    context: t.context,
    allowContext: opts.env ? undefined : opts.allowContext,
    prefix: t.prefix,
    marker: t.marker,
  });
  mkdirSync(labDir(), { recursive: true });
  const kubeconfig = join(labDir(), 'kubeconfig');
  const kubeCaFile = join(labDir(), 'kube-ca.crt');
  writeFileSync(kubeconfig, await onlyContext(t.config, t.context), { mode: 0o600 });
  writeFileSync(kubeCaFile, cluster.ca);
  return { kubeconfig, kubeServer: cluster.server, kubeCaFile, prefix: t.prefix };
}

/**
 * The Vault the bundle or the environment names: its token must work, and without a prefix it must be a dev server.
 */
export async function connectVault(opts: ExistingOptions): Promise<VaultEndpoint> {
  const t = await target(opts);
  const vault = new VaultClient(t.vaultAddr, t.vaultToken);
  const self = await vault.request('GET', 'auth/token/lookup-self');
  if (self.status !== 200)
    throw new LabError(
      `Vault at ${t.vaultAddr} refused the token (HTTP ${self.status}: ${self.errors.join('; ')}).`,
      'ask the workshop host for a fresh env bundle, or export a valid VAULT_TOKEN',
    );
  if (t.prefix === '') await checkVault(vault, opts.vaultMounts ?? []);
  return { addr: t.vaultAddr, token: t.vaultToken, logFile: '', auditFile: '' };
}
