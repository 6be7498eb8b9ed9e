import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { decodeIpv4, decodeIpv6, listenersOf, listeningOn, parseProcNet } from '../../src/backends/listeners.js';

describe('listeners', () => {
  it('decodes /proc/net addresses', () => {
    expect(decodeIpv4('0100007F')).toBe('127.0.0.1');
    expect(decodeIpv4('00000000')).toBe('0.0.0.0');
    expect(decodeIpv6('00000000000000000000000001000000')).toBe('::1');
    expect(decodeIpv6('00000000000000000000000000000000')).toBe('::');
  });

  it('keeps only listening sockets', () => {
    const table = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0 100 0 0 10 0',
      '   1: 0100007F:D431 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 222 1 0 100 0 0 10 0',
    ].join('\n');
    expect([...parseProcNet(table, false)]).toEqual([['111', { address: '127.0.0.1', port: 8080 }]]);
  });

  it.runIf(process.platform === 'linux')('finds this process listening on 127.0.0.1', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      expect(listenersOf([process.pid])).toContainEqual({ pid: process.pid, address: '127.0.0.1', port });
    } finally {
      server.close();
    }
  });
});

describe('listeningOn', () => {
  it('finds a port this process listens on, whoever owns it, and not one that is closed', async () => {
    const server = createServer();
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as { port: number }).port;
    expect(listeningOn([port])).toEqual([port]);
    await new Promise<void>((ok) => server.close(() => ok()));
    expect(listeningOn([port])).toEqual([]);
  });
});
