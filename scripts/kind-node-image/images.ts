// Phase 3: the images kubeadm starts, each a single binary (plus the C libraries it links) in a one-layer
// image, made with `docker import` and saved as an archive that containerd in the node can import.
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { installAtomically } from '../../src/binaries/put-in-place.js';
import { KUBERNETES_VERSION } from '../../src/binaries/versions.js';
import type { NodeBinaries } from './binaries.js';
import { inputKey, type Phase } from './phase.js';
import { COREDNS_VERSION, ETCD_IMAGE_TAG, PAUSE_VERSION, nodeCacheDir } from './versions.js';

interface ImageSpec {
  /** The name kubeadm v1.36.3 asks for (`kubeadm config images list`). */
  ref: string;
  binary: string;
  /** Where the binary goes in the image; kubeadm's manifests call it by this path or by name on PATH. */
  path: string;
  entrypoint?: string[];
  /** Debian packages copied from the node's root filesystem (kube-proxy needs iptables). */
  packages?: string[];
}

const IPTABLES_PACKAGES = [
  'iptables',
  'libxtables12',
  'libip4tc2',
  'libip6tc2',
  'libnftnl11',
  'libmnl0',
  'libnetfilter-conntrack3',
  'libnfnetlink0',
  'libc6',
  'conntrack',
];

/** Every image a one-node kubeadm cluster starts, with the binary that runs in it. */
export function imageSpecs(bins: NodeBinaries): ImageSpec[] {
  const k8s = (name: string): ImageSpec => ({
    ref: `registry.k8s.io/${name}:${KUBERNETES_VERSION}`,
    binary: bins[name] as string,
    path: `/usr/local/bin/${name}`,
  });
  return [
    k8s('kube-apiserver'),
    k8s('kube-controller-manager'),
    k8s('kube-scheduler'),
    { ...k8s('kube-proxy'), packages: IPTABLES_PACKAGES },
    { ref: `registry.k8s.io/etcd:${ETCD_IMAGE_TAG}`, binary: bins.etcd as string, path: '/usr/local/bin/etcd' },
    {
      ref: `registry.k8s.io/coredns/coredns:${COREDNS_VERSION}`,
      binary: bins.coredns as string,
      path: '/coredns',
      entrypoint: ['/coredns'],
    },
    {
      ref: `registry.k8s.io/pause:${PAUSE_VERSION}`,
      binary: bins.pause as string,
      path: '/pause',
      entrypoint: ['/pause'],
    },
  ];
}

/** Reads the shared libraries `ldd` lists for a binary (none for a static one). */
export function parseLdd(output: string): string[] {
  return [...output.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x[0-9a-f]+\)/g)].map((m) => m[1] as string);
}

async function copyInto(root: string, source: string, target = source): Promise<void> {
  await mkdir(join(root, dirname(target)), { recursive: true });
  await copyFile(source, join(root, target));
}

/** Copies a binary to `path` under `root`, with the C libraries it links (ldd fails on a static one: none). */
export async function stageBinary(phase: Phase, root: string, binary: string, path: string): Promise<void> {
  await copyInto(root, binary, path);
  const { stdout } = await phase.sh('ldd', [binary]).catch(() => ({ stdout: '' }));
  for (const lib of parseLdd(stdout)) await copyInto(root, lib);
}

async function stage(phase: Phase, spec: ImageSpec, rootfsDir: string, staging: string): Promise<void> {
  await stageBinary(phase, staging, spec.binary, spec.path);
  if (!spec.packages) return;
  const files: string[] = [];
  for (const pkg of spec.packages) {
    const info = join(rootfsDir, 'var/lib/dpkg/info');
    const list = [`${pkg}.list`, `${pkg}:amd64.list`].map((f) => join(info, f)).find((f) => existsSync(f));
    if (!list) throw new Error(`${pkg} is not installed in the node's root filesystem`);
    files.push(
      ...(await readFile(list, 'utf8'))
        .split('\n')
        .filter((f) => f.startsWith('/usr/sbin/') || f.includes('/lib/') || f.startsWith('/lib')),
    );
  }
  // cp --parents keeps each file's path; Debian's merged /usr makes /lib a link, so some paths may be missing.
  const copyScript =
    'src=$1 dst=$2; shift 2; cd "$src"; for f; do [ -d ".$f" ] || [ ! -e ".$f" ] || cp -a --parents ".$f" "$dst"; done';
  await phase.sh('bash', ['-euc', copyScript, 'copy', rootfsDir, staging, ...files]);
  for (const tool of [
    'iptables',
    'iptables-save',
    'iptables-restore',
    'ip6tables',
    'ip6tables-save',
    'ip6tables-restore',
  ]) {
    // nft, as the node's entrypoint picks on a host whose Docker uses nft (Debian's default).
    await symlink(tool.replace(/^(ip6?tables)/, '$1-nft'), join(staging, 'usr/sbin', tool)).catch(() => undefined);
  }
}

/** Builds each image archive the cache lacks and returns their paths. */
export async function ensureImageArchives(phase: Phase, bins: NodeBinaries, rootfsTarball: string): Promise<string[]> {
  const dir = join(nodeCacheDir(), 'images');
  const archives: string[] = [];
  let rootfsDir: string | undefined;
  try {
    for (const spec of imageSpecs(bins)) {
      const key = inputKey(
        [spec.ref, spec.path, JSON.stringify(spec.entrypoint ?? []), ...(spec.packages ? [rootfsTarball] : [])],
        [spec.binary],
      );
      const archive = join(dir, `${spec.ref.replace(/[/:]/g, '_')}-${key}.tar`);
      archives.push(archive);
      if (existsSync(archive)) continue;
      if (spec.packages && !rootfsDir) {
        rootfsDir = await mkdtemp(join(nodeCacheDir(), 'rootfs-x-'));
        await phase.sh('tar', [
          '-C',
          rootfsDir,
          '-xf',
          rootfsTarball,
          './var/lib/dpkg',
          './usr',
          './lib',
          './lib64',
          './bin',
          './sbin',
          './etc',
        ]);
      }
      await phase.reporter.step(`Image ${spec.ref}`, async () => {
        const staging = await mkdtemp(join(nodeCacheDir(), 'image-'));
        try {
          // The image's / and /tmp: mkdtemp makes / private (0700), which would lock out non-root processes.
          await chmod(staging, 0o755);
          await mkdir(join(staging, 'tmp'), { mode: 0o1777 });
          await chmod(join(staging, 'tmp'), 0o1777);
          await stage(phase, spec, rootfsDir ?? '', staging);
          const layer = `${staging}.tar`;
          await phase.sh('tar', ['-C', staging, '--numeric-owner', '--owner=0', '--group=0', '-cf', layer, '.']);
          const changes = ['--change', 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];
          if (spec.entrypoint) changes.push('--change', `ENTRYPOINT ${JSON.stringify(spec.entrypoint)}`);
          await phase.sh('docker', ['import', ...changes, layer, spec.ref]);
          await rm(layer, { force: true });
          await installAtomically(archive, async (temp) => {
            await phase.sh('docker', ['save', '-o', temp, spec.ref]);
          });
          // The host's Docker keeps no image named like a registry.k8s.io one.
          await phase.sh('docker', ['rmi', spec.ref]);
        } finally {
          await rm(staging, { recursive: true, force: true });
        }
      });
    }
  } finally {
    if (rootfsDir) await rm(rootfsDir, { recursive: true, force: true });
  }
  return archives;
}
