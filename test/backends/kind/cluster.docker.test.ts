// Deleting a kind cluster whose node Docker is still making, against this machine's real Docker: the case of
// a `docker run` that `up` lost half-way. Docker lists such a node before it can remove it, and `docker rm -f`
// (what `kind delete cluster` runs) answers "No such container" with exit code 0, so one delete leaves the
// node behind once Docker finishes making it. The node here is made from an image whose /var holds 1 GiB,
// which Docker copies into the node's anonymous volume before `docker create` returns: the test holds that
// window open by the size it chose, instead of racing Docker's own speed. Needs Docker and kind.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it, vi } from 'vitest';
import { deleteKindCluster, kindNodes } from '../../../src/backends/kind/cluster.js';

const FILL_BYTES = 2 ** 30;

/** An image with nothing but a 1 GiB file in /var, made without a registry (`docker import`). */
async function slowVarImage(): Promise<string> {
  const tag = `auth-delegator-lab/slow-var:${randomBytes(3).toString('hex')}`;
  const root = mkdtempSync(join(tmpdir(), 'slow-var-'));
  try {
    mkdirSync(join(root, 'var'));
    const fd = openSync(join(root, 'var', 'fill'), 'w');
    ftruncateSync(fd, FILL_BYTES);
    closeSync(fd);
    await execa('sh', ['-c', `tar -C '${root}' -c . | docker import --change 'CMD ["/none"]' - ${tag}`]);
    return tag;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('deleteKindCluster against real Docker', () => {
  it('removes a node that Docker was still making when the delete began', async () => {
    const image = await slowVarImage();
    const cluster = `lab-making-${randomBytes(2).toString('hex')}`;
    const node = `${cluster}-control-plane`;
    // As kind makes a node: its cluster label, and an anonymous /var volume that Docker fills from the image.
    const making = execa(
      'docker',
      ['create', '--name', node, '--label', `io.x-k8s.kind.cluster=${cluster}`, '--volume', '/var', image],
      { reject: false },
    );
    let made = false;
    void making.finally(() => {
      made = true;
    });
    try {
      await vi.waitFor(async () => expect(await kindNodes(cluster)).toEqual([node]), { timeout: 60_000, interval: 20 });
      expect(made, 'Docker lists the node while `docker create` is still running').toBe(false);
      await deleteKindCluster(cluster);
      await making;
      expect(await kindNodes(cluster)).toEqual([]);
    } finally {
      await making;
      await execa('docker', ['rm', '--force', '--volumes', node], { reject: false });
      await execa('docker', ['rmi', '--force', image], { reject: false });
    }
  });
});
