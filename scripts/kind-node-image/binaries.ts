// Phase 1 of the node image: every binary, built from Go modules (pause from C), cached by name and version.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { compile, KUBERNETES_RECIPE, type Recipe, type Reporter } from '../../src/binaries/gobuild.js';
import { installAtomically } from '../../src/binaries/put-in-place.js';
import { ensureBinary } from '../../src/binaries/binaries.js';
import { KUBERNETES_VERSION } from '../../src/binaries/versions.js';
import { run } from '../../src/exec.js';
import { COREDNS_VERSION, PAUSE_VERSION, nodeCacheDir } from './versions.js';

/** kubelet, kubeadm, kubectl and the two control-plane binaries the lab's own servers do not cover. */
const NODE_RECIPE: Recipe = {
  ...KUBERNETES_RECIPE,
  key: 'kubernetes-node',
  packages: {
    kubelet: 'k8s.io/kubernetes/cmd/kubelet',
    kubeadm: 'k8s.io/kubernetes/cmd/kubeadm',
    kubectl: 'k8s.io/kubernetes/cmd/kubectl',
    'kube-scheduler': 'k8s.io/kubernetes/cmd/kube-scheduler',
    'kube-proxy': 'k8s.io/kubernetes/cmd/kube-proxy',
  },
};

const COREDNS_RECIPE: Recipe = {
  key: 'coredns',
  module: 'github.com/coredns/coredns',
  version: COREDNS_VERSION,
  packages: { coredns: 'github.com/coredns/coredns' },
  ldflags: () => [],
};

const LAB_SERVERS = ['etcd', 'kube-apiserver', 'kube-controller-manager'] as const;

export type NodeBinaries = Record<string, string>;

/** Where a node binary is cached: its name and version, so a new pin builds a new file. */
export function nodeBinaryPath(name: string, version: string): string {
  return join(nodeCacheDir(), 'bin', `${name}-${version}`);
}

async function goBinary(recipe: Recipe, name: string, reporter: Reporter): Promise<string> {
  const path = nodeBinaryPath(name, recipe.version);
  if (existsSync(path)) return path;
  const logPath = join(nodeCacheDir(), 'logs', `build-${name}-${recipe.version}.log`);
  return installAtomically(path, (temp) => compile(recipe, name, temp, { reporter, logPath }));
}

/** pause is C in k8s.io/kubernetes (build/pause/linux/pause.c): compiled static with the host's gcc. */
async function pause(reporter: Reporter): Promise<string> {
  const path = nodeBinaryPath('pause', PAUSE_VERSION);
  if (existsSync(path)) return path;
  const { stdout } = await run('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${KUBERNETES_VERSION}`], {
    env: { GOWORK: 'off' },
  });
  const source = join((JSON.parse(stdout) as { Dir: string }).Dir, 'build', 'pause', 'linux', 'pause.c');
  return reporter.step(`Compiling pause ${PAUSE_VERSION} (gcc -static)`, () =>
    installAtomically(path, async (temp) => {
      await run('gcc', ['-Os', '-Wall', '-Werror', '-static', `-DVERSION=v${PAUSE_VERSION}`, '-o', temp, source]);
    }),
  );
}

/** Builds, one at a time (the machine may have two cores), whatever the node image needs and the cache lacks. */
export async function ensureNodeBinaries(reporter: Reporter): Promise<NodeBinaries> {
  await mkdir(join(nodeCacheDir(), 'bin'), { recursive: true });
  const out: NodeBinaries = {};
  for (const name of Object.keys(NODE_RECIPE.packages)) out[name] = await goBinary(NODE_RECIPE, name, reporter);
  out.coredns = await goBinary(COREDNS_RECIPE, 'coredns', reporter);
  out.pause = await pause(reporter);
  // etcd, kube-apiserver and kube-controller-manager are the lab's own servers, the same builds: the lab's
  // cache has them after `npm run lab -- install`, and ensureBinary provides them if it does not.
  for (const name of LAB_SERVERS) out[name] = await ensureBinary(name, { reporter });
  return out;
}
