// Tiny stand-ins for the real world: archives built in memory, fake executables, a local HTTP server.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, vi } from 'vitest';

/** A .tar.gz holding the given files (ustar headers, enough for extractFromTarGz). */
export function tarGz(files: Record<string, string | Buffer>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, content] of Object.entries(files)) {
    const body = Buffer.from(content);
    const header = Buffer.alloc(512);
    header.write(name, 0, 100);
    header.write('0000755\0', 100);
    header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write('0', 156);
    header.write('ustar\0' + '00', 257);
    header.write('        ', 148);
    const sum = header.reduce((total, byte) => total + byte, 0);
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  return gzipSync(Buffer.concat([...blocks, Buffer.alloc(1024)]));
}

/** A zip holding the given files, deflated or stored. */
export function zip(files: Record<string, string | Buffer>, deflate = true): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const raw = Buffer.from(content);
    const data = deflate ? deflateRawSync(raw) : raw;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A shell script that prints `output` whatever its arguments, standing in for a server binary (shell builtins only). */
export function fakeExecutable(output: string): string {
  const lines = output.split('\n').map((line) => `'${line.replaceAll("'", `'\\''`)}'`);
  return `#!/bin/sh\nprintf '%s\\n' ${lines.join(' ')}\n`;
}

/** Writes a fake executable into dir and returns its path. */
export async function writeFake(dir: string, name: string, output: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, fakeExecutable(output), { mode: 0o755 });
  return path;
}

/** A fresh temp directory, removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'lab-binaries-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A local HTTP server on a free port: no network needed. */
export async function serve(handler: RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * A temp folder, a PATH and a cache of their own for each test, so only fakes written there are found,
 * never a real go, etcd or vault. The given LAB_* variables are cleared.
 */
export function useIsolatedBins(...clearedVars: string[]): { dir: string; pathDir: string; cacheBin: string } {
  const dirs = { dir: '', pathDir: '', cacheBin: '' };
  let cleanup: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    dirs.dir = temp.dir;
    dirs.pathDir = join(temp.dir, 'path-bin');
    dirs.cacheBin = join(temp.dir, 'cache', 'bin');
    await mkdir(dirs.pathDir, { recursive: true });
    await mkdir(dirs.cacheBin, { recursive: true });
    vi.stubEnv('PATH', dirs.pathDir);
    vi.stubEnv('LAB_CACHE_DIR', join(temp.dir, 'cache'));
    for (const name of clearedVars) vi.stubEnv(name, undefined);
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await cleanup?.();
  });
  return dirs;
}
