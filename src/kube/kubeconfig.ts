// Kubeconfig files as client-node reads them, the way kubectl does. client-node is loaded on first use (it
// takes a second), so only a command that talks to a cluster pays for it.
import { readFileSync } from 'node:fs';
import type { KubeConfig } from '@kubernetes/client-node';
import { LabError } from '../errors.js';
import { loadClientNode } from './apis.js';

/** A kubeconfig's text, a file, or (neither) $KUBECONFIG and then ~/.kube/config. */
export type KubeconfigSource = { text: string } | { file?: string };

/** `kubectl config view`: the kubeconfig, parsed. */
export async function loadKubeconfig(source: KubeconfigSource): Promise<KubeConfig> {
  const { KubeConfig } = await loadClientNode();
  const config = new KubeConfig();
  if ('text' in source) config.loadFromString(source.text);
  else if (source.file) config.loadFromFile(source.file);
  else config.loadFromDefault();
  return config;
}

/**
 * The API server URL and CA PEM a context names (certificate-authority-data, or the file it points at); undefined
 * without a CA.
 */
export function contextCluster(config: KubeConfig, context: string): { server: string; ca: string } | undefined {
  const cluster = config.getCluster(config.getContextObject(context)?.cluster ?? '');
  const ca = cluster?.caData
    ? Buffer.from(cluster.caData, 'base64').toString('utf8')
    : cluster?.caFile
      ? readFileSync(cluster.caFile, 'utf8')
      : '';
  return cluster?.server && ca ? { server: cluster.server, ca } : undefined;
}

/** `kubectl config view --minify --flatten --context NAME`: the one context, its cluster and its user, as YAML. */
export async function onlyContext(config: KubeConfig, context: string): Promise<string> {
  const { KubeConfig } = await loadClientNode();
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

/**
 * The API server URL and CA of a kubeconfig's current context (kind's), for Vault and for curl; `what` names the
 * kubeconfig in an error.
 */
export async function serverAndCa(
  kubeconfigText: string,
  what: string,
  fix: string,
): Promise<{ server: string; ca: string }> {
  let config: KubeConfig;
  try {
    config = await loadKubeconfig({ text: kubeconfigText });
  } catch (cause) {
    throw new LabError(`${what} cannot be read.`, fix, { cause });
  }
  const found =
    contextCluster(config, config.getCurrentContext()) ?? contextCluster(config, config.getContexts()[0]?.name ?? '');
  if (!found) throw new LabError(`${what} has no server or CA data.`, fix);
  return found;
}
