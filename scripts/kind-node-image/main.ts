// Builds a kind node image for the lab's KUBERNETES_VERSION with no image registry: every binary from Go
// modules (pause from C), the operating system from Debian's packages. Prints LAB_KIND_IMAGE=…,
// LAB_POD_IMAGE=… and LAB_VAULT_IMAGE=… on stdout, ready for `export $(npx tsx scripts/kind-node-image/main.ts)`. Each product is
// cached under the lab's cache directory, keyed by its inputs. The Debian root filesystem (network and
// disk) is made while the Go builds (CPU) run, which saves most of debootstrap's time on a cold machine.
//
//   export $(npx tsx scripts/kind-node-image/main.ts)
import { formatElapsed, Steps } from '../../src/output/steps.js';
import { ensureNodeBinaries } from './binaries.js';
import { ensureBusyboxImage } from './busybox.js';
import { ensureImageArchives } from './images.js';
import { ensureBaseImage, ensureNodeImage } from './node.js';
import { openPhase } from './phase.js';
import { ensureRootfs } from './rootfs.js';
import { ensureVaultImage } from './vault-image.js';

// Line by line, never a spinner: two phases print at once.
const progress = new Steps(process.stderr, false);
const timings: string[] = [];

async function phase<T>(name: string, work: (p: Awaited<ReturnType<typeof openPhase>>) => Promise<T>): Promise<T> {
  const started = Date.now();
  const p = await openPhase(name, progress);
  try {
    return await progress.step(`Phase ${name} (log: ${p.logPath})`, () => work(p));
  } finally {
    await p.close();
    timings.push(`${name} ${formatElapsed(Date.now() - started)}`);
  }
}

try {
  const [bins, rootfs] = await Promise.all([
    phase('binaries', (p) => ensureNodeBinaries(p.reporter)),
    phase('rootfs', (p) => ensureRootfs(p)),
  ]);
  const archives = await phase('images', (p) => ensureImageArchives(p, bins, rootfs));
  const base = await phase('base', (p) => ensureBaseImage(p, rootfs));
  const node = await phase('node', (p) => ensureNodeImage(p, base, bins, archives));
  const busybox = await phase('busybox', (p) => ensureBusyboxImage(p));
  const vault = await phase('vault', (p) => ensureVaultImage(p, busybox));
  const images = `LAB_KIND_IMAGE=${node} LAB_POD_IMAGE=${busybox} LAB_VAULT_IMAGE=${vault}`;
  process.stderr.write(`Phases: ${timings.join(', ')}\nUse it: ${images} npm run lab -- up --backend kind\n`);
  process.stdout.write(`${images.replaceAll(' ', '\n')}\n`);
} catch (error) {
  process.stderr.write(`ERROR: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
