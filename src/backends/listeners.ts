// Which addresses the lab's processes listen on, read from /proc (Linux), so the lab can prove it
// listens on 127.0.0.1 only and that nothing is left listening after `down`.
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';

export interface Listener {
  pid: number;
  address: string;
  port: number;
}

/** Decodes /proc/net/tcp's little-endian hex IPv4 address ("0100007F" is 127.0.0.1). */
export function decodeIpv4(hex: string): string {
  return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
}

/** Decodes /proc/net/tcp6's address: four little-endian 32-bit words. */
export function decodeIpv6(hex: string): string {
  const words = [0, 8, 16, 24].map((i) =>
    hex
      .slice(i, i + 8)
      .match(/../g)!
      .reverse()
      .join(''),
  );
  const groups = words.flatMap((w) => [w.slice(0, 4), w.slice(4)]).map((g) => parseInt(g, 16).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** Listening sockets by inode, from one /proc/net table. */
export function parseProcNet(text: string, ipv6: boolean): Map<string, { address: string; port: number }> {
  const sockets = new Map<string, { address: string; port: number }>();
  for (const line of text.trim().split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const [local, state, inode] = [fields[1], fields[3], fields[9]];
    if (state !== '0A' || !local || !inode) continue; // 0A = LISTEN
    const [hexAddress = '', hexPort = '0'] = local.split(':');
    sockets.set(inode, {
      address: ipv6 ? decodeIpv6(hexAddress) : decodeIpv4(hexAddress),
      port: parseInt(hexPort, 16),
    });
  }
  return sockets;
}

/** Every TCP listener owned by the given pids; an empty list on systems without /proc. */
export function listenersOf(pids: number[]): Listener[] {
  if (!existsSync('/proc/net/tcp')) return [];
  const sockets = new Map([
    ...parseProcNet(readFileSync('/proc/net/tcp', 'utf8'), false),
    ...(existsSync('/proc/net/tcp6') ? parseProcNet(readFileSync('/proc/net/tcp6', 'utf8'), true) : []),
  ]);
  const found: Listener[] = [];
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target = '';
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      const socket = inode ? sockets.get(inode) : undefined;
      if (socket) found.push({ pid, ...socket });
    }
  }
  return found;
}

/**
 * The ports among these that something on this machine listens on, whoever owns it: after `down`, none of the lab's.
 */
export function listeningOn(ports: readonly number[]): number[] {
  if (!existsSync('/proc/net/tcp')) return [];
  const tables = [
    parseProcNet(readFileSync('/proc/net/tcp', 'utf8'), false),
    ...(existsSync('/proc/net/tcp6') ? [parseProcNet(readFileSync('/proc/net/tcp6', 'utf8'), true)] : []),
  ];
  const open = new Set(tables.flatMap((t) => [...t.values()].map((s) => s.port)));
  return ports.filter((port) => open.has(port));
}
