import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { extractFromTarGz } from '../../src/binaries/archive.js';
import { downloadBinary, fetchVerified, type Digest } from '../../src/binaries/download.js';
import { HttpError, LabError } from '../../src/errors.js';
import { serve, tarGz, tempDir } from './fixtures.js';

const archive = tarGz({ 'envtest/etcd': '#!/bin/sh\necho etcd\n' });
const sha256 = (bytes: Buffer): Digest => ({
  algorithm: 'sha256',
  hex: createHash('sha256').update(bytes).digest('hex'),
});

let server: Awaited<ReturnType<typeof serve>>;
let temp: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  server = await serve((request, response) => {
    if (request.url === '/good.tar.gz') {
      response.writeHead(200, { 'content-length': archive.length }).end(archive);
    } else if (request.url === '/truncated.tar.gz') {
      // Promises the whole archive, sends half, then hangs up.
      response.writeHead(200, { 'content-length': archive.length });
      response.write(archive.subarray(0, archive.length / 2), () => response.destroy());
    } else {
      response.writeHead(404).end('no such release');
    }
  });
});
afterAll(() => server.close());
beforeEach(async () => {
  temp = await tempDir();
});
afterEach(() => temp.cleanup());

const spec = (path: string, digest = sha256(archive)) => ({
  url: `${server.url}${path}`,
  digest,
  extract: (bytes: Buffer) => extractFromTarGz(bytes, 'etcd'),
  destination: join(temp.dir, 'bin', 'etcd-v3.6.8'),
});

describe('downloadBinary', () => {
  it('installs a good archive as an executable', async () => {
    const path = await downloadBinary(spec('/good.tar.gz'));
    expect(await readFile(path, 'utf8')).toContain('echo etcd');
    expect((await stat(path)).mode & 0o111).not.toBe(0);
    expect(await readdir(join(temp.dir, 'bin'))).toEqual(['etcd-v3.6.8']);
  });

  it('refuses a wrong checksum and installs nothing', async () => {
    const wrong = { algorithm: 'sha256' as const, hex: '0'.repeat(64) };
    await expect(downloadBinary(spec('/good.tar.gz', wrong))).rejects.toThrow(
      /Checksum mismatch[\s\S]*nothing was installed[\s\S]*Expected sha256 0{64}/,
    );
    await expect(readdir(temp.dir)).resolves.toEqual([]);
  });

  it('refuses a truncated download and installs nothing', async () => {
    await expect(downloadBinary(spec('/truncated.tar.gz'))).rejects.toThrow(/cut short after \d+ bytes/);
    await expect(readdir(temp.dir)).resolves.toEqual([]);
  });

  it('installs nothing when the check of the extracted binary fails', async () => {
    const failing = {
      ...spec('/good.tar.gz'),
      check: async () => Promise.reject(new LabError('wrong version', 'fix it')),
    };
    await expect(downloadBinary(failing)).rejects.toThrow('wrong version');
    expect(await readdir(join(temp.dir, 'bin'))).toEqual([]);
  });
});

describe('fetchVerified', () => {
  it('accepts SHA-512 digests, as the envtest index publishes', async () => {
    const hex = createHash('sha512').update(archive).digest('hex');
    await expect(fetchVerified(`${server.url}/good.tar.gz`, { algorithm: 'sha512', hex })).resolves.toEqual(archive);
  });

  it('reports an HTTP error with method, URL and status', async () => {
    await expect(fetchVerified(`${server.url}/missing`, sha256(archive))).rejects.toThrow(HttpError);
    await expect(fetchVerified(`${server.url}/missing`, sha256(archive))).rejects.toThrow(
      /GET .*\/missing answered 404/,
    );
  });

  it('fails fast with a fix when nothing answers', async () => {
    const closed = await serve(() => undefined);
    const url = `${closed.url}/gone`;
    await closed.close();
    await expect(fetchVerified(url, sha256(archive))).rejects.toThrow(
      /GET .*\/gone failed: .*ECONNREFUSED[\s\S]*offline: true/,
    );
  });
});
