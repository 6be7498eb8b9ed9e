import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, isPortFree, requireFreePort } from '../src/ports.js';

describe('ports', () => {
  it('finds a free loopback port and notices when it is taken', async () => {
    const port = await freePort();
    expect(await isPortFree(port)).toBe(true);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      expect(await isPortFree(port)).toBe(false);
      await expect(requireFreePort(port, 'kube-apiserver')).rejects.toThrow(
        `Port ${port} on 127.0.0.1 is already in use, so kube-apiserver cannot start there.`,
      );
    } finally {
      server.close();
    }
  });
});
