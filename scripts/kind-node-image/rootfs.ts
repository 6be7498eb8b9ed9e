// Phase 2: the node's Debian root filesystem (debootstrap), as a tarball `docker import` turns into the base image.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { installAtomically } from '../../src/binaries/put-in-place.js';
import { inputKey, type Phase } from './phase.js';
import { DEBIAN_SUITE, nodeCacheDir } from './versions.js';

/** What kind's images/base installs, taken from Debian: systemd, containerd, runc, CNI plugins, iptables. */
export const PACKAGES = [
  'systemd',
  'systemd-sysv',
  'dbus',
  'containerd',
  'runc',
  'containernetworking-plugins',
  'iptables',
  'conntrack',
  'iproute2',
  'ethtool',
  'socat',
  'util-linux',
  'mount',
  'kmod',
  'libseccomp2',
  'ca-certificates',
  'procps',
  'bash',
  'pigz',
] as const;

export const DEBIAN_MIRROR = process.env.LAB_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';

/** The root filesystem tarball for these packages, made once and kept in the cache. */
export async function ensureRootfs(phase: Phase): Promise<string> {
  const key = inputKey([DEBIAN_SUITE, DEBIAN_MIRROR, ...PACKAGES]);
  const tarball = join(nodeCacheDir(), `rootfs-${DEBIAN_SUITE}-${key}.tar`);
  if (existsSync(tarball)) return tarball;
  const dir = await mkdtemp(join(nodeCacheDir(), 'rootfs-'));
  try {
    await phase.reporter.step(
      `debootstrap ${DEBIAN_SUITE} with ${PACKAGES.length} packages (log: ${phase.logPath})`,
      () =>
        phase.sh('debootstrap', [
          '--variant=minbase',
          `--include=${PACKAGES.join(',')}`,
          DEBIAN_SUITE,
          dir,
          DEBIAN_MIRROR,
        ]),
    );
    await phase.reporter.step("Trimming it for a container (as kind's images/base does)", async () => {
      // No unit starts unless the node asks for it; kind's base image clears the same wants.
      await phase.sh('bash', [
        '-euc',
        [
          `cd ${dir}`,
          'rm -f lib/systemd/system/multi-user.target.wants/* etc/systemd/system/*.wants/* lib/systemd/system/local-fs.target.wants/*',
          'rm -f lib/systemd/system/sockets.target.wants/*udev* lib/systemd/system/sockets.target.wants/*initctl* lib/systemd/system/basic.target.wants/*',
          'find lib/systemd/system/sysinit.target.wants/ -name systemd-tmpfiles-setup.service -delete',
          'echo ReadKMsg=no >> etc/systemd/journald.conf',
          'rm -rf var/cache/apt/archives/*.deb var/lib/apt/lists/* var/log/*.log',
        ].join('\n'),
      ]);
    });
    return await phase.reporter.step(`Packing ${tarball}`, () =>
      installAtomically(tarball, async (temp) => {
        await phase.sh('tar', ['-C', dir, '--numeric-owner', '-cf', temp, '.']);
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
