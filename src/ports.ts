// Ports on 127.0.0.1 only: the lab never listens on any other address.
import { createServer } from 'node:net';
import { LabError } from './errors.js';

export const LOOPBACK = '127.0.0.1';

/** Asks the kernel for a free loopback port, so two labs or a busy laptop never collide. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True when nothing listens on the port, checked by binding it for a moment. */
export function isPortFree(port: number, host = LOOPBACK): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Fails early with a clear line when a port the lab was told to use is taken. */
export async function requireFreePort(port: number, what: string): Promise<void> {
  if (!(await isPortFree(port))) {
    throw new LabError(
      `Port ${port} on ${LOOPBACK} is already in use, so ${what} cannot start there.`,
      `stop whatever listens there (ss -ltnp 'sport = :${port}'), or run \`npm run lab -- down\` if it is an old lab`,
    );
  }
}

/** Two consecutive free ports, for servers that take port and port+1 (Vault's cluster listener). */
export async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freePort();
    if (port < 65535 && (await isPortFree(port + 1))) return port;
  }
  throw new LabError('Could not find two free consecutive ports on 127.0.0.1.', 'close some programs and try again');
}
