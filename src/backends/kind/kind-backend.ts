// The kind backend: a one-node kind cluster in Docker, and Vault as a dev server on this machine or, with
// `--vault in-cluster`, as a pod in the cluster.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KIND_VERSION } from '../../binaries/versions.js';
import { dockerCheck } from './docker-check.js';
import { kindCheck } from './kind-check.js';
import { daemonAnswers } from '../../docker/docker.js';
import { probe, run } from '../../exec.js';
import { labDir } from '../../paths.js';
import type { Backend, BackendRecord } from '../backend.js';
import { devServerVault } from '../dev-vault.js';
import { deleteKindCluster, startKind } from './cluster.js';
import { inClusterVault } from './in-cluster-vault.js';
import { KIND_CLUSTER, readKindMarker } from './marker.js';

/** kubeadm keeps the service-account signing key at this path inside the node, which kind names after the cluster. */
export const KIND_SA_KEY = '/etc/kubernetes/pki/sa.key';

export const kindBackend: Backend = {
  name: 'kind',
  async unavailable() {
    const [docker, kind] = await Promise.all([daemonAnswers(), probe('kind', ['version'], 8000)]);
    if (!docker)
      return {
        problem: '--backend kind needs a running Docker daemon, and `docker info` did not answer.',
        fix: 'start Docker, or use --backend local',
      };
    if (!kind.ok)
      return {
        problem: '--backend kind needs the kind CLI, and it is not on PATH.',
        fix: `install kind (go install sigs.k8s.io/kind@${KIND_VERSION}), or use --backend local`,
      };
    return undefined;
  },
  start: (ctx) =>
    startKind(ctx.progress, (marker) => ctx.made({ ...marker }), {
      apiPort: ctx.options.apiPort,
      ...(ctx.options.vault === 'in-cluster' ? { vaultPort: ctx.options.vaultPort ?? 0 } : {}),
    }),
  vaultHost: (options) => (options.vault === 'in-cluster' ? inClusterVault : devServerVault),
  async stop(record) {
    if (record?.peer) await deleteKindCluster(record.peer);
    if (record?.cluster) await deleteKindCluster(record.cluster, record.network);
  },
  describe: (record) => [record?.peer, record?.cluster].flatMap((c) => (c ? [`kind cluster ${c}`] : [])),
  leftover(): BackendRecord | undefined {
    // `up` writes the marker before kind runs; an older lab left only kind's kubeconfig, which this backend
    // alone writes, so either shows that the lab created the cluster.
    if (!['kind-cluster.json', 'kind-kubeconfig'].some((file) => existsSync(join(labDir(), file)))) return undefined;
    return { ...(readKindMarker() ?? { cluster: KIND_CLUSTER }) };
  },
  async signingKey(state) {
    const node = `${state.record?.cluster ?? KIND_CLUSTER}-control-plane`;
    const argv = ['exec', node, 'cat', KIND_SA_KEY];
    const { stdout } = await run('docker', argv, {
      fix: `check that the kind node runs: docker ps --filter name=${node}`,
    });
    return { pem: `${stdout.trim()}\n`, source: `docker ${argv.join(' ')}` };
  },
  offers: { signingKey: true, vaultLog: true, audit: true, trace: true },
  checks: [dockerCheck, kindCheck],
};
