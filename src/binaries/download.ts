// Downloads that are checked before they are trusted: complete, matching the published checksum, or refused.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { HttpError, LabError } from '../errors.js';
import { openRequest, readBody, type HttpStream } from '../http.js';
import { installAtomically } from './put-in-place.js';

export interface Digest {
  algorithm: 'sha256' | 'sha512';
  /** Lowercase hex, as release checksum files print it. */
  hex: string;
}

export interface DownloadSpec {
  url: string;
  /** The archive's published checksum; checked before anything is extracted. */
  digest: Digest;
  /** Picks the executable out of the verified archive (identity for a bare binary). */
  extract: (archive: Buffer) => Buffer;
  /** Where the executable ends up. */
  destination: string;
  /** Inspects the extracted executable (e.g. its --version) before it is renamed into place. */
  check?: (tempPath: string) => Promise<void>;
  /** How long to wait for the server to answer; fails fast where there is no network. */
  connectTimeoutMs?: number;
}

const CONNECT_TIMEOUT_MS = 15_000;
const NETWORK_FIX = 'check the network, or pass offline: true to build from source';

/** GET through the lab's HTTP client, following the redirects release hosts use; a non-2xx answer is an HttpError. */
async function get(url: string, connectTimeoutMs = CONNECT_TIMEOUT_MS): Promise<HttpStream> {
  const stream = await openRequest(url, { timeoutMs: connectTimeoutMs, maxRedirects: 5, fix: NETWORK_FIX });
  if (stream.status < 200 || stream.status >= 300) {
    const body = await readBody(stream).catch(() => Buffer.alloc(0));
    throw new HttpError(
      'GET',
      stream.url,
      stream.status,
      body.toString('utf8'),
      'check the URL in src/binaries/versions.ts',
    );
  }
  return stream;
}

/** Fetches a small text file such as a checksum list or a release index. */
export async function fetchText(url: string, connectTimeoutMs?: number): Promise<string> {
  return (await readBody(await get(url, connectTimeoutMs), 'GET', NETWORK_FIX)).toString('utf8');
}

/** Fetches a whole file and refuses it if the connection ends early or the checksum differs. */
export async function fetchVerified(url: string, digest: Digest, connectTimeoutMs?: number): Promise<Buffer> {
  const response = await get(url, connectTimeoutMs);
  const expected = Number(response.headers['content-length'] ?? NaN);
  const chunks: Buffer[] = [];
  let received = 0;
  const cutShort = (cause?: unknown) =>
    new LabError(
      `Download of ${url} was cut short after ${received} bytes${Number.isNaN(expected) ? '' : ` of ${expected}`}; ` +
        `nothing was installed`,
      'try again; if it keeps failing, the network or a proxy is dropping the connection',
      { cause },
    );
  try {
    for await (const chunk of response.body) {
      chunks.push(chunk as Buffer);
      received += (chunk as Buffer).byteLength;
    }
  } catch (error) {
    throw cutShort(error);
  }
  if (!Number.isNaN(expected) && received !== expected) throw cutShort();
  const archive = Buffer.concat(chunks);
  const actual = createHash(digest.algorithm).update(archive).digest('hex');
  if (actual !== digest.hex.toLowerCase()) {
    throw new LabError(
      `Checksum mismatch for ${url}; nothing was installed`,
      'try again; if it persists, the file or its published checksum changed, so do not use it',
      {
        details:
          `Expected ${digest.algorithm} ${digest.hex}\n` + `Received ${digest.algorithm} ${actual} (${received} bytes)`,
      },
    );
  }
  return archive;
}

/** Downloads, verifies, extracts and installs one executable; returns its path. */
export async function downloadBinary(spec: DownloadSpec): Promise<string> {
  const archive = await fetchVerified(spec.url, spec.digest, spec.connectTimeoutMs);
  const executable = spec.extract(archive);
  return installAtomically(spec.destination, (temp) => writeFile(temp, executable, { mode: 0o755 }), spec.check);
}
