// Just enough tar.gz and zip reading to pull one executable out of a release archive, with no tools needed.
import { posix } from 'node:path';
import { gunzipSync, inflateRawSync } from 'node:zlib';
import { LabError } from '../errors.js';

function corrupt(kind: string, reason: string, cause?: unknown): LabError {
  return new LabError(`The downloaded ${kind} archive is unreadable: ${reason}`, 'delete the download and try again', {
    cause,
  });
}

function missing(kind: string, member: string, seen: string[]): LabError {
  return new LabError(
    `The ${kind} archive holds no file named ${member}`,
    'check the archive URL in src/binaries/versions.ts',
    {
      details: seen.length ? `It holds: ${seen.slice(0, 20).join(', ')}` : undefined,
    },
  );
}

const text = (bytes: Buffer) => {
  const end = bytes.indexOf(0);
  return bytes.toString('utf8', 0, end === -1 ? bytes.length : end);
};

/** Returns the regular file whose base name is `member` from a .tar.gz (ustar, GNU and pax names). */
export function extractFromTarGz(archive: Buffer, member: string): Buffer {
  let data: Buffer;
  try {
    data = gunzipSync(archive);
  } catch (error) {
    throw corrupt('tar.gz', (error as Error).message, error);
  }
  const seen: string[] = [];
  let longName: string | undefined;
  for (let offset = 0; offset + 512 <= data.length; ) {
    const header = data.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const size = parseInt(text(header.subarray(124, 136)).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const body = offset + 512;
    if (Number.isNaN(size) || body + size > data.length)
      throw corrupt('tar.gz', `entry at byte ${offset} runs past the end`);
    if (type === 'L') longName = text(data.subarray(body, body + size));
    else if (type === 'x') longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8', body, body + size))?.[1];
    else {
      const prefix = text(header.subarray(345, 500));
      const name = longName ?? (prefix ? `${prefix}/${text(header.subarray(0, 100))}` : text(header.subarray(0, 100)));
      longName = undefined;
      seen.push(name);
      if ((type === '0' || type === '\0') && posix.basename(name) === member)
        return Buffer.from(data.subarray(body, body + size));
    }
    offset = body + Math.ceil(size / 512) * 512;
  }
  throw missing('tar.gz', member, seen);
}

/** Returns the file whose base name is `member` from a zip (stored or deflated entries). */
export function extractFromZip(archive: Buffer, member: string): Buffer {
  const eocd = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd === -1 || eocd + 22 > archive.length) throw corrupt('zip', 'no end-of-central-directory record');
  const count = archive.readUInt16LE(eocd + 10);
  let entry = archive.readUInt32LE(eocd + 16);
  const seen: string[] = [];
  for (let i = 0; i < count; i++) {
    if (entry + 46 > archive.length || archive.readUInt32LE(entry) !== 0x02014b50)
      throw corrupt('zip', 'bad central directory');
    const method = archive.readUInt16LE(entry + 10);
    const compressedSize = archive.readUInt32LE(entry + 20);
    const nameLength = archive.readUInt16LE(entry + 28);
    const skip = archive.readUInt16LE(entry + 30) + archive.readUInt16LE(entry + 32);
    const local = archive.readUInt32LE(entry + 42);
    const name = archive.toString('utf8', entry + 46, entry + 46 + nameLength);
    seen.push(name);
    if (posix.basename(name) === member && !name.endsWith('/')) {
      if (local + 30 > archive.length || archive.readUInt32LE(local) !== 0x04034b50)
        throw corrupt('zip', `bad local header for ${name}`);
      const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
      const body = archive.subarray(start, start + compressedSize);
      if (body.length !== compressedSize) throw corrupt('zip', `${name} runs past the end`);
      if (method === 0) return Buffer.from(body);
      if (method !== 8) throw corrupt('zip', `${name} uses compression method ${method}`);
      try {
        return inflateRawSync(body);
      } catch (error) {
        throw corrupt('zip', (error as Error).message, error);
      }
    }
    entry += 46 + nameLength + skip;
  }
  throw missing('zip', member, seen);
}
