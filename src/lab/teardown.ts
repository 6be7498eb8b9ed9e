// Stopping the lab: used by `down`, and by `up` to clean away a crashed lab or a failed start.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KIND_CLUSTER, readKindMarker } from '../backends/kind-marker.js';
import { findLeftovers } from '../backends/leftovers.js';
import { stop } from '../processes.js';
import { clearState, type LabState } from '../backends/state.js';
import { labDir } from '../paths.js';

/** The kind backend loads client-node (a second), so a local lab's `down` loads it only when there is a cluster. */
const kindBackend = () => import('../backends/kind.js');

/** Names what a lab started, for `down` and for a failed `up`: its processes and its kind cluster. */
export function whatRuns(state: Pick<LabState, 'processes' | 'kindCluster'>): string[] {
  return [...state.processes.map((p) => p.name), ...(state.kindCluster ? [`kind cluster ${state.kindCluster}`] : [])];
}

/**
 * Stops the servers, then etcd last (the API server keeps writing to it until it stops), deletes the kind
 * cluster if there is one, and removes .lab/. The servers stop side by side: each takes its own grace period.
 */
export async function teardown(state: Pick<LabState, 'processes' | 'kindCluster' | 'kindNetwork'>, opts: { keepLogs?: boolean } = {}): Promise<void> {
  await Promise.all(state.processes.filter((p) => p.name !== 'etcd').map((proc) => stop(proc)));
  for (const proc of state.processes.filter((p) => p.name === 'etcd')) await stop(proc);
  if (state.kindCluster) await (await kindBackend()).deleteKindCluster(state.kindCluster, state.kindNetwork);
  clearState(opts);
}

/** For a lab whose state.json is lost: stops what the pid files and command lines show, and the kind cluster the lab made. */
export async function teardownWithoutState(): Promise<string[]> {
  const processes = findLeftovers();
  // `up` writes the marker before kind runs; an older lab left only kind's kubeconfig, which the kind
  // backend alone writes, so either shows that the lab created the cluster.
  const kindFiles = ['kind-cluster.json', 'kind-kubeconfig'].some((file) => existsSync(join(labDir(), file)));
  const marker = kindFiles ? (readKindMarker() ?? { cluster: KIND_CLUSTER }) : undefined;
  const kindCluster = marker?.cluster;
  await teardown({ processes, kindCluster, kindNetwork: marker?.network });
  return [...processes.map((p) => `${p.name} (pid ${p.pid})`), ...(kindCluster ? [`kind cluster ${kindCluster}`] : [])];
}
