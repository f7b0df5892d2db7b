// A small reader for (gzipped) tar archives: regular files with their names and modification times, in order.
import { gunzipSync } from 'node:zlib';

export type TarEntry = { name: string; mtimeMs: number; data: Buffer };

const block = 512;

function readString(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
}

function readOctal(header: Buffer, start: number, length: number): number {
  const field = header.subarray(start, start + length);
  // GNU base-256 for sizes over 8 GB: high bit set on the first byte
  if (field[0] !== undefined && (field[0] & 0x80) !== 0) {
    let value = field[0] & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] ?? 0);
    return value;
  }
  const text = readString(header, start, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function checksumOk(header: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < block; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  return sum === readOctal(header, 148, 8);
}

/** "path=..." from a pax extended header ("<len> path=<value>\n" records). */
function paxPath(data: Buffer): string | null {
  const text = data.toString('utf8');
  const match = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(text);
  return match?.[1] ?? null;
}

export function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Yields every regular file of a tar archive (gunzipping it first when it is gzipped). Handles ustar
 * name prefixes, GNU long names and pax paths; throws on a damaged header rather than guessing.
 */
export function* readTar(archive: Buffer): Generator<TarEntry> {
  const tar = isGzip(archive) ? gunzipSync(archive) : archive;
  let offset = 0;
  let longName: string | null = null;
  while (offset + block <= tar.length) {
    const header = tar.subarray(offset, offset + block);
    if (header.every((byte) => byte === 0)) return;
    if (!checksumOk(header)) throw new Error(`tar: bad header checksum at byte ${offset}`);
    const size = readOctal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const dataStart = offset + block;
    if (dataStart + size > tar.length)
      throw new Error(`tar: archive truncated inside entry at byte ${offset}`);
    const data = tar.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / block) * block;

    if (type === 'L') {
      longName = readString(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      longName = paxPath(data) ?? longName;
      continue;
    }
    const prefix = readString(header, 345, 155);
    const shortName = readString(header, 0, 100);
    const name = longName ?? (prefix ? `${prefix}/${shortName}` : shortName);
    longName = null;
    if (type === '0' || type === '\0' || type === '7') {
      yield { name, mtimeMs: readOctal(header, 136, 12) * 1000, data };
    }
  }
}
