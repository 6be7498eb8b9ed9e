// Phases 4 and 5: the base image (`docker import` of the root filesystem, configured as kind's images/base
// is), then the node image: the base plus this directory's files, kubelet, kubeadm and kubectl, and every
// image archive imported into containerd's k8s.io namespace, saved with `docker commit`.
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KUBERNETES_VERSION } from '../../src/binaries/versions.js';
import { run } from '../../src/exec.js';
import type { NodeBinaries } from './binaries.js';
import { inputKey, type Phase } from './phase.js';

export const FILES_DIR = fileURLToPath(new URL('./files', import.meta.url));
const ENTRYPOINT = 'ENTRYPOINT ["/usr/local/bin/entrypoint", "/sbin/init"]';

/** True when the local Docker has this image, so a phase can be skipped. */
export async function imageExists(ref: string): Promise<boolean> {
  return run('docker', ['image', 'inspect', ref], { timeoutMs: 30_000 }).then(
    () => true,
    () => false,
  );
}

/**
 * The base image for a root filesystem tarball: systemd as PID 1 behind the entrypoint, as kind expects.
 * (No STOPSIGNAL: Docker 20.10's import refuses it, and kind removes nodes with `docker rm -f` anyway.)
 */
export async function ensureBaseImage(phase: Phase, rootfsTarball: string): Promise<string> {
  const ref = `auth-delegator-lab/kind-base:${basename(rootfsTarball, '.tar').replace(/^rootfs-/, '')}`;
  if (await imageExists(ref)) return ref;
  await phase.reporter.step(`docker import ${ref}`, () =>
    phase.sh('docker', ['import', '--change', 'ENV container=docker', '--change', ENTRYPOINT, rootfsTarball, ref]),
  );
  return ref;
}

const CONTAINERD_READY =
  'for i in $(seq 60); do [ -S /run/containerd/containerd.sock ] && ctr version >/dev/null 2>&1 && exit 0; sleep 1; done; exit 1';

/** The node image for these inputs; built in a container from the base image, then committed. */
export async function ensureNodeImage(
  phase: Phase,
  base: string,
  bins: NodeBinaries,
  archives: string[],
): Promise<string> {
  const key = inputKey([base, KUBERNETES_VERSION, ...Object.values(bins).sort(), ...archives], [FILES_DIR]);
  const ref = `auth-delegator-lab/kind-node:${KUBERNETES_VERSION}-${key}`;
  if (await imageExists(ref)) return ref;
  const name = `auth-delegator-lab-node-build-${process.pid}`;
  const exec = (script: string) => phase.sh('docker', ['exec', name, 'bash', '-euc', script]);
  try {
    await phase.reporter.step('Starting a build container from the base image', () =>
      phase.sh('docker', ['run', '-d', '--privileged', '--entrypoint=sleep', '--name', name, base, 'infinity']),
    );
    await phase.reporter.step("Adding kind's node files, kubelet, kubeadm and kubectl", async () => {
      await phase.sh('docker', ['cp', `${FILES_DIR}/.`, `${name}:/`]);
      for (const tool of ['kubelet', 'kubeadm', 'kubectl'])
        await phase.sh('docker', ['cp', bins[tool] as string, `${name}:/usr/bin/${tool}`]);
      await exec(
        [
          'chown -R root:root /kind /etc/containerd /etc/cni /etc/default/kubelet /etc/systemd/system /usr/local/bin/entrypoint /usr/bin/kube*',
          'systemctl enable kubelet.service containerd.service undo-proc-cgroups.service',
          'systemctl mask systemd-binfmt.service getty@tty1.service console-getty.service systemd-logind.service',
          'mkdir -p /etc/kubernetes/manifests',
          `echo ${KUBERNETES_VERSION} > /kind/version`,
          'kubelet --version && kubeadm version -o short && kubectl version --client',
        ].join('\n'),
      );
    });
    await phase.reporter.step(`Importing ${archives.length} images into containerd (k8s.io namespace)`, async () => {
      await phase.sh('docker', ['exec', name, 'mkdir', '-p', '/kind/images']);
      for (const archive of archives)
        await phase.sh('docker', ['cp', archive, `${name}:/kind/images/${basename(archive)}`]);
      await exec('nohup containerd >/var/log/containerd-build.log 2>&1 &');
      await exec(CONTAINERD_READY);
      await exec(
        'for f in /kind/images/*.tar; do ctr -n k8s.io images import --all-platforms --no-unpack --digests "$f"; done; ctr -n k8s.io images ls -q',
      );
      await exec(
        'kill $(pidof containerd); for i in $(seq 30); do pidof containerd >/dev/null || break; sleep 1; done; rm -rf /kind/images /var/log/containerd-build.log',
      );
    });
    await phase.reporter.step(`docker commit ${ref}`, () =>
      phase.sh('docker', ['commit', '--change', ENTRYPOINT, '--change', 'CMD []', name, ref]),
    );
    return ref;
  } finally {
    await run('docker', ['rm', '-f', name]).catch(() => undefined);
  }
}
