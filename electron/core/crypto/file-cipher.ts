// Sealed files: AES-256-GCM in 64 KiB chunks under a per-file data key wrapped by the master key; chunks verified before use.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '../../common/errors';
import type { FileKey } from './keys';

/*
 * Format v1 (big-endian). Header, 88 bytes:
 *   0  8  magic "DVCENC01"
 *   8  1  algorithm: 1 = AES-256-GCM, chunked (STREAM-style nonces)
 *   9  1  log2 of the chunk size in plaintext bytes (16: 64 KiB)
 *  10  2  reserved, 0
 *  12  8  plaintext length
 *  20  8  key id: which master key wrapped the data key
 *  28 12  nonce of the wrap
 *  40 32  data key, encrypted with the master key's KEK (AES-256-GCM, AAD = bytes 0..39 + the file's context)
 *  72 16  tag of the wrap
 * Then chunk i (i = 0 .. n-1, n = max(1, ceil(length / chunk))): ciphertext || 16-byte tag, with
 *   nonce = 4 zero bytes || i as uint64, AAD = one byte, 1 on the last chunk and 0 before it.
 * The header is authenticated through the wrap, so a changed length, chunk size or key id makes the data key
 * unreadable; the context (e.g. "blob:<sha256>") is bound too, so a file moved to another name does not open.
 */
export const SEAL_MAGIC = Buffer.from('DVCENC01', 'latin1');
export const SEAL_HEADER_BYTES = 88;
const TAG = 16;
const ALGORITHM_AES_GCM_CHUNKED = 1;
const DEFAULT_CHUNK_LOG2 = 16;

type Header = { length: number; chunkSize: number; dataKey: Buffer };

function chunkCount(length: number, chunkSize: number): number {
  return Math.max(1, Math.ceil(length / chunkSize));
}

export function sealedSize(length: number, chunkLog2 = DEFAULT_CHUNK_LOG2): number {
  return SEAL_HEADER_BYTES + length + chunkCount(length, 2 ** chunkLog2) * TAG;
}

export function isSealed(head: Uint8Array): boolean {
  return head.length >= SEAL_MAGIC.length && Buffer.from(head.subarray(0, SEAL_MAGIC.length)).equals(SEAL_MAGIC);
}

function tampered(item: string, reason: string): AppError {
  return new AppError('DATA_TAMPERED', { item, reason });
}

function chunkNonce(index: number): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 4);
  return nonce;
}

function makeHeader(fileKey: FileKey, length: number, context: string, chunkLog2: number): { header: Buffer; dataKey: Buffer } {
  const header = Buffer.alloc(SEAL_HEADER_BYTES);
  SEAL_MAGIC.copy(header, 0);
  header.writeUInt8(ALGORITHM_AES_GCM_CHUNKED, 8);
  header.writeUInt8(chunkLog2, 9);
  header.writeBigUInt64BE(BigInt(length), 12);
  Buffer.from(fileKey.keyId).copy(header, 20, 0, 8);
  const wrapNonce = randomBytes(12);
  wrapNonce.copy(header, 28);
  const dataKey = randomBytes(32);
  const wrap = createCipheriv('aes-256-gcm', fileKey.kek, wrapNonce);
  wrap.setAAD(Buffer.concat([header.subarray(0, 40), Buffer.from(context, 'utf8')]));
  const wrapped = Buffer.concat([wrap.update(dataKey), wrap.final()]);
  wrapped.copy(header, 40);
  wrap.getAuthTag().copy(header, 72);
  return { header, dataKey };
}

function readHeader(fileKey: FileKey, header: Uint8Array, context: string, item: string): Header {
  const h = Buffer.from(header.buffer, header.byteOffset, header.byteLength);
  if (h.length < SEAL_HEADER_BYTES || !isSealed(h)) throw tampered(item, 'not sealed');
  if (h.readUInt8(8) !== ALGORITHM_AES_GCM_CHUNKED) throw tampered(item, 'algorithm');
  const chunkLog2 = h.readUInt8(9);
  if (chunkLog2 < 10 || chunkLog2 > 24) throw tampered(item, 'chunk size');
  const length = h.readBigUInt64BE(12);
  if (length > BigInt(Number.MAX_SAFE_INTEGER)) throw tampered(item, 'length');
  if (!h.subarray(20, 28).equals(Buffer.from(fileKey.keyId))) {
    // sealed under another master key (a restored folder, another PC): not a forgery, but unreadable here
    throw new AppError('DATA_KEY_UNREADABLE', { item, reason: 'key id' });
  }
  const unwrap = createDecipheriv('aes-256-gcm', fileKey.kek, h.subarray(28, 40));
  unwrap.setAAD(Buffer.concat([h.subarray(0, 40), Buffer.from(context, 'utf8')]));
  unwrap.setAuthTag(h.subarray(72, 88));
  let dataKey: Buffer;
  try {
    dataKey = Buffer.concat([unwrap.update(h.subarray(40, 72)), unwrap.final()]);
  } catch {
    throw tampered(item, 'header');
  }
  return { length: Number(length), chunkSize: 2 ** chunkLog2, dataKey };
}

function sealChunk(dataKey: Buffer, index: number, last: boolean, plain: Uint8Array): Buffer {
  const c = createCipheriv('aes-256-gcm', dataKey, chunkNonce(index));
  c.setAAD(Buffer.from([last ? 1 : 0]));
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

/** Decrypts one chunk and returns its plaintext only after its tag has been checked. */
function openChunk(h: Header, index: number, sealed: Uint8Array, item: string): Buffer {
  const count = chunkCount(h.length, h.chunkSize);
  const expected = Math.min(h.chunkSize, h.length - index * h.chunkSize) + TAG;
  if (sealed.length !== expected) throw tampered(item, 'truncated');
  const body = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength - TAG);
  const d = createDecipheriv('aes-256-gcm', h.dataKey, chunkNonce(index));
  d.setAAD(Buffer.from([index === count - 1 ? 1 : 0]));
  d.setAuthTag(Buffer.from(sealed.buffer, sealed.byteOffset + sealed.byteLength - TAG, TAG));
  const plain = d.update(body);
  try {
    d.final();
  } catch {
    plain.fill(0);
    throw tampered(item, `chunk ${String(index)}`);
  }
  return plain;
}

/** The sealed form of `plain`, piece by piece (header first), so a writer never holds a second full copy. */
export function* sealPieces(fileKey: FileKey, plain: Uint8Array, context: string, chunkLog2 = DEFAULT_CHUNK_LOG2): Generator<Buffer> {
  const { header, dataKey } = makeHeader(fileKey, plain.length, context, chunkLog2);
  yield header;
  const size = 2 ** chunkLog2;
  const count = chunkCount(plain.length, size);
  for (let i = 0; i < count; i++) yield sealChunk(dataKey, i, i === count - 1, plain.subarray(i * size, (i + 1) * size));
  dataKey.fill(0);
}

export function sealBytes(fileKey: FileKey, plain: Uint8Array, context: string): Uint8Array {
  return new Uint8Array(Buffer.concat([...sealPieces(fileKey, plain, context)]));
}

/** Whole-buffer open of a sealed file read into memory (small files); every chunk is verified. */
export function openSealedBytes(fileKey: FileKey, sealed: Uint8Array, context: string, item = context): Uint8Array {
  const h = readHeader(fileKey, sealed.subarray(0, SEAL_HEADER_BYTES), context, item);
  const count = chunkCount(h.length, h.chunkSize);
  if (sealed.length !== SEAL_HEADER_BYTES + h.length + count * TAG) throw tampered(item, 'size');
  const out = new Uint8Array(h.length);
  let at = SEAL_HEADER_BYTES;
  for (let i = 0; i < count; i++) {
    const len = Math.min(h.chunkSize, h.length - i * h.chunkSize) + TAG;
    out.set(openChunk(h, i, sealed.subarray(at, at + len), item), i * h.chunkSize);
    at += len;
  }
  h.dataKey.fill(0);
  return out;
}

/** Writes `plain` sealed into an open file handle (the caller syncs and closes it). */
export async function writeSealed(handle: FileHandle, fileKey: FileKey, plain: Uint8Array, context: string): Promise<void> {
  for (const piece of sealPieces(fileKey, plain, context)) await handle.write(piece);
}

/** Random access to a sealed file: only the chunks a read touches are read and verified. */
export type SealedReader = {
  /** plaintext size */
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  /** verified plaintext chunks in order */
  chunks(): AsyncGenerator<Uint8Array>;
  readAll(): Promise<Uint8Array>;
  close(): Promise<void>;
};

export async function openSealedFile(path: string, fileKey: FileKey, context: string, item = context): Promise<SealedReader> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(SEAL_HEADER_BYTES);
    const { bytesRead } = await handle.read(head, 0, SEAL_HEADER_BYTES, 0);
    const h = readHeader(fileKey, head.subarray(0, bytesRead), context, item);
    const count = chunkCount(h.length, h.chunkSize);
    const { size: onDisk } = await handle.stat();
    if (onDisk !== SEAL_HEADER_BYTES + h.length + count * TAG) throw tampered(item, 'size');
    const chunk = async (i: number): Promise<Buffer> => {
      const len = Math.min(h.chunkSize, h.length - i * h.chunkSize) + TAG;
      const buf = Buffer.alloc(len);
      const r = await handle.read(buf, 0, len, SEAL_HEADER_BYTES + i * (h.chunkSize + TAG));
      return openChunk(h, i, buf.subarray(0, r.bytesRead), item);
    };
    const reader: SealedReader = {
      size: h.length,
      async read(offset, length) {
        const end = Math.min(h.length, offset + Math.max(0, length));
        if (offset < 0 || offset >= end) return new Uint8Array(0);
        const out = new Uint8Array(end - offset);
        for (let i = Math.floor(offset / h.chunkSize); i * h.chunkSize < end; i++) {
          const plain = await chunk(i);
          const from = Math.max(offset, i * h.chunkSize);
          const to = Math.min(end, (i + 1) * h.chunkSize);
          out.set(plain.subarray(from - i * h.chunkSize, to - i * h.chunkSize), from - offset);
        }
        return out;
      },
      async *chunks() {
        for (let i = 0; i < count; i++) yield new Uint8Array(await chunk(i));
      },
      async readAll() {
        const out = new Uint8Array(h.length);
        for (let i = 0; i < count; i++) out.set(await chunk(i), i * h.chunkSize);
        return out;
      },
      async close() {
        h.dataKey.fill(0);
        await handle.close();
      },
    };
    return reader;
  } catch (error) {
    await handle.close();
    throw error;
  }
}
