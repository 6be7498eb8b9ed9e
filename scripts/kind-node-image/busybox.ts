// The image of notebook 02's pod on a machine with no registry: Debian's static busybox in a one-layer image,
// which `npm run lab -- up --backend kind` loads into the cluster with `kind load` when LAB_POD_IMAGE names it.
import { mkdtemp, mkdir, readdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { imageExists } from './node.js';
import type { Phase } from './phase.js';
import { nodeCacheDir } from './versions.js';

/** Builds auth-delegator-lab/busybox:VERSION from Debian's busybox-static package and returns its name. */
export async function ensureBusyboxImage(phase: Phase): Promise<string> {
  const work = await mkdtemp(join(nodeCacheDir(), 'busybox-'));
  try {
    await phase.sh('apt-get', ['download', 'busybox-static'], { cwd: work });
    const deb = (await readdir(work)).find((f) => f.endsWith('.deb'));
    if (!deb) throw new Error(`apt-get download busybox-static left no .deb in ${work}`);
    const version = (await phase.sh('dpkg-deb', ['-f', join(work, deb), 'Version'])).stdout
      .trim()
      .replace(/^\d+:/, '')
      .replace(/[-+~].*$/, '');
    const ref = `auth-delegator-lab/busybox:${version}`;
    if (await imageExists(ref)) return ref;
    const root = join(work, 'root');
    await phase.sh('dpkg-deb', ['-x', join(work, deb), root]);
    const applets = (await phase.sh(join(root, 'bin', 'busybox'), ['--list'])).stdout.split('\n').filter(Boolean);
    await mkdir(join(root, 'tmp'), { recursive: true });
    for (const applet of applets)
      if (applet !== 'busybox') await symlink('busybox', join(root, 'bin', applet)).catch(() => undefined);
    await phase.reporter.step(`docker import ${ref} (${applets.length} applets)`, async () => {
      await phase.sh('tar', [
        '-C',
        root,
        '--numeric-owner',
        '--owner=0',
        '--group=0',
        '-cf',
        join(work, 'layer.tar'),
        '.',
      ]);
      await phase.sh('docker', [
        'import',
        '--change',
        'ENV PATH=/bin',
        '--change',
        'CMD ["sh"]',
        join(work, 'layer.tar'),
        ref,
      ]);
    });
    return ref;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
