// Deleting a kind cluster whose node Docker is still making, against this machine's real Docker: the case of
// a `docker run` that `up` lost half-way. Docker lists such a node before it can remove it, and `docker rm -f`
// (what `kind delete cluster` runs) answers "No such container" with exit code 0, so one delete leaves the
// node behind once Docker finishes making it. Needs Docker, kind and LAB_KIND_IMAGE (as test:kind has them).
import { randomBytes } from 'node:crypto';
import { execa } from 'execa';
import { describe, expect, it, vi } from 'vitest';
import { deleteKindCluster, kindNodes } from '../../../src/backends/kind/cluster.js';

const image = process.env.LAB_KIND_IMAGE?.trim();

describe('deleteKindCluster against real Docker', () => {
  it('removes a node that Docker was still making when the delete began', async () => {
    expect(image, 'LAB_KIND_IMAGE names the node image (npm run test:kind sets it)').toBeTruthy();
    const cluster = `lab-making-${randomBytes(2).toString('hex')}`;
    const node = `${cluster}-control-plane`;
    // As kind makes a node: its cluster label, and an anonymous /var volume that Docker fills from the image.
    const making = execa('docker', ['create', '--name', node, '--label', `io.x-k8s.kind.cluster=${cluster}`, '--volume', '/var', image ?? ''], { reject: false });
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
    }
  });
});
