// What `down` needs to know of a kind cluster before it loads the kind backend (and client-node with it):
// the cluster's name, and the marker `up` writes before kind runs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabError } from '../../errors.js';
import { labDir } from '../../paths.js';

export const KIND_CLUSTER = 'auth-delegator-lab';

/** The cluster's name: LAB_KIND_CLUSTER (so a test can run a second cluster beside the lab's), else the lab's. */
export function kindClusterName(env: Record<string, string | undefined> = process.env): string {
  const name = env.LAB_KIND_CLUSTER?.trim() || KIND_CLUSTER;
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 40) {
    throw new LabError(
      `LAB_KIND_CLUSTER="${name}" is not a valid kind cluster name.`,
      'use lower-case letters, digits and "-", at most 40 characters',
    );
  }
  return name;
}

/** What `up` is about to create, written before kind runs, so `down` can remove it even if `up` died half-way. */
export interface KindMarker {
  cluster: string;
  /** Set when kind's network did not exist before: the lab made it, so `down` removes it once it is empty. */
  network?: string;
  /** A second cluster notebook 07 made beside the lab's (peer.ts), which `down` removes too. */
  peer?: string;
}

const markerPath = () => join(labDir(), 'kind-cluster.json');

export function readKindMarker(): KindMarker | undefined {
  if (!existsSync(markerPath())) return undefined;
  try {
    return JSON.parse(readFileSync(markerPath(), 'utf8')) as KindMarker;
  } catch {
    return { cluster: kindClusterName() };
  }
}

export function writeKindMarker(marker: KindMarker): void {
  writeFileSync(markerPath(), `${JSON.stringify(marker)}\n`);
}
