// The image of Vault in the cluster (`npm run lab -- up --backend kind --vault in-cluster`) on a machine with
// no registry: the busybox image of notebook 02's pod, plus the lab's own vault binary and the C libraries it
// links, at the path the official hashicorp/vault image uses (/bin/vault). `up` loads it with `kind load`.
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureBinary } from '../../src/binaries/binaries.js';
import { VERSIONS } from '../../src/binaries/versions.js';
import { stageBinary } from './images.js';
import { imageExists } from './node.js';
import { inputKey, type Phase } from './phase.js';
import { nodeCacheDir } from './versions.js';

/** Builds auth-delegator-lab/vault:VERSION-KEY on top of `busybox` and returns its name. */
export async function ensureVaultImage(phase: Phase, busybox: string): Promise<string> {
  const vault = await ensureBinary('vault');
  const ref = `auth-delegator-lab/vault:${VERSIONS.vault.replace(/^v/, '')}-${inputKey([busybox], [vault])}`;
  if (await imageExists(ref)) return ref;
  const staging = await mkdtemp(join(nodeCacheDir(), 'vault-image-'));
  const container = `lab-vault-image-${process.pid}`;
  try {
    await chmod(staging, 0o755);
    // A downloaded release is static; a Go build links libc, which goes in beside it.
    await stageBinary(phase, staging, vault, '/bin/vault');
    // The chart mounts its config at /vault/config and its data volume at /vault/data.
    for (const dir of ['vault/config', 'vault/data']) await mkdir(join(staging, dir), { recursive: true });
    await phase.reporter.step(`docker commit ${ref} (${busybox} + vault ${VERSIONS.vault})`, async () => {
      await phase.sh('docker', ['create', '--name', container, busybox]);
      await phase.sh('docker', ['cp', `${staging}/.`, `${container}:/`]);
      await phase.sh('docker', [
        'commit',
        '--change',
        'ENV PATH=/bin',
        '--change',
        'ENTRYPOINT ["/bin/vault"]',
        '--change',
        'CMD ["server", "-config=/vault/config"]',
        container,
        ref,
      ]);
    });
    return ref;
  } finally {
    await phase.sh('docker', ['rm', '-f', container]).catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
  }
}
