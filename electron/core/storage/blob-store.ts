// Content-addressed blob files, sealed (file-cipher.ts) under the plaintext's sha256: temp file, fsync, rename, fsync dir.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../common/errors';
import { isSealed, openSealedFile, SEAL_HEADER_BYTES, writeSealed, type SealedReader } from '../crypto/file-cipher';
import type { FileKey } from '../crypto/keys';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, syncDir } from '../crypto/private-files';

/** A size and positional reads of the plaintext (the shape of the sync engine's UploadSource). */
export type BlobSource = { size: number; read(offset: number, length: number): Promise<Uint8Array> };

export type BlobStore = {
  /** Writes the bytes durably and returns their sha256. Idempotent: an existing blob is not rewritten. */
  put(bytes: Uint8Array): Promise<string>;
  /** The plaintext; every chunk is authenticated first (DATA_TAMPERED otherwise). */
  read(sha256: string): Promise<Uint8Array>;
  /** Positional reads of the plaintext, one verified chunk at a time (resumable uploads). */
  source(sha256: string): Promise<BlobSource>;
  /** sha256 of the plaintext as stored now, or null when the file is missing or fails authentication. */
  hashOf(sha256: string): Promise<string | null>;
  has(sha256: string): Promise<boolean>;
  remove(sha256: string): Promise<void>;
  /** every sha256 stored on disk */
  list(): Promise<string[]>;
  /** where the (sealed) file is; its bytes are ciphertext, never hand them to anything but this store */
  pathOf(sha256: string): string;
  /** true when files are sealed; false only for the plaintext store of tools and tests of other parts */
  readonly sealed: boolean;
};

const SHA = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The authenticated context of a blob's file: a sealed file copied under another blob's name does not open. */
export function blobContext(sha256: string): string {
  return `blob:${sha256}`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.access(path);
    return true;
  } catch {
    return false;
  }
}

export type BlobStoreOptions = {
  /** seal every file under this key (the app always passes it); absent: plaintext files (tools, other parts' tests) */
  fileKey?: FileKey;
};

export function createBlobStore(root: string, opts: BlobStoreOptions = {}): BlobStore {
  const tmpDir = join(root, 'tmp');
  const fileKey = opts.fileKey;
  const pathOf = (sha256: string) => {
    if (!SHA.test(sha256)) throw new AppError('NOT_FOUND', { blob: 'invalid' });
    return join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  async function openReader(sha256: string): Promise<SealedReader> {
    const path = pathOf(sha256);
    if (!fileKey) return plaintextReader(path, sha256);
    let reader: SealedReader;
    try {
      reader = await openSealedFile(path, fileKey, blobContext(sha256), sha256.slice(0, 12));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('NOT_FOUND', { blob: sha256.slice(0, 12) });
    }
    return reader;
  }

  async function write(sha: string, bytes: Uint8Array): Promise<void> {
    await fs.mkdir(tmpDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const dir = join(root, sha.slice(0, 2), sha.slice(2, 4));
    await fs.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const tmp = join(tmpDir, `${sha}.${randomBytes(6).toString('hex')}.part`);
    const handle = await fs.open(tmp, 'wx', PRIVATE_FILE_MODE);
    try {
      if (fileKey) await writeSealed(handle, fileKey, bytes, blobContext(sha));
      else await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, pathOf(sha));
    await syncDir(dir);
  }

  return {
    pathOf,
    sealed: fileKey !== undefined,
    async put(bytes) {
      const sha = sha256Hex(bytes);
      if (await exists(pathOf(sha))) return sha;
      try {
        await write(sha, bytes);
      } catch (error) {
        throw new AppError('STORAGE', { cause: error instanceof Error ? error.message : String(error) });
      }
      return sha;
    },
    async read(sha256) {
      const reader = await openReader(sha256);
      try {
        return await reader.readAll();
      } finally {
        await reader.close();
      }
    },
    async source(sha256) {
      const first = await openReader(sha256);
      const size = first.size;
      await first.close();
      return {
        size,
        // opened per read, like a plain file source: an upload may pause for minutes between chunks
        async read(offset, length) {
          const reader = await openReader(sha256);
          try {
            return await reader.read(offset, length);
          } finally {
            await reader.close();
          }
        },
      };
    },
    async hashOf(sha256) {
      try {
        const reader = await openReader(sha256);
        try {
          const hash = createHash('sha256');
          for await (const chunk of reader.chunks()) hash.update(chunk);
          return hash.digest('hex');
        } finally {
          await reader.close();
        }
      } catch {
        return null;
      }
    },
    has: (sha256) => exists(pathOf(sha256)),
    async remove(sha256) {
      await fs.rm(pathOf(sha256), { force: true });
    },
    async list() {
      const out: string[] = [];
      const level1 = await fs.readdir(root).catch(() => [] as string[]);
      for (const a of level1) {
        if (!/^[0-9a-f]{2}$/.test(a)) continue;
        for (const b of await fs.readdir(join(root, a)).catch(() => [] as string[])) {
          for (const name of await fs.readdir(join(root, a, b)).catch(() => [] as string[])) {
            if (SHA.test(name)) out.push(name);
          }
        }
      }
      return out;
    },
  };
}

/** The plaintext store's reader (no key): refuses a sealed file rather than hand out ciphertext as if it were the scan. */
async function plaintextReader(path: string, sha256: string): Promise<SealedReader> {
  let handle: FileHandle;
  try {
    handle = await fs.open(path, 'r');
  } catch {
    throw new AppError('NOT_FOUND', { blob: sha256.slice(0, 12) });
  }
  const { size } = await handle.stat();
  const head = Buffer.alloc(Math.min(size, SEAL_HEADER_BYTES));
  await handle.read(head, 0, head.length, 0);
  if (isSealed(head)) {
    await handle.close();
    throw new AppError('DATA_KEY_UNREADABLE', { blob: sha256.slice(0, 12) });
  }
  const read = async (offset: number, length: number): Promise<Uint8Array> => {
    const len = Math.max(0, Math.min(length, size - offset));
    const buf = new Uint8Array(len);
    const { bytesRead } = await handle.read(buf, 0, len, offset);
    return bytesRead === len ? buf : buf.subarray(0, bytesRead);
  };
  return {
    size,
    read,
    async *chunks() {
      for (let at = 0; at < size; at += 1 << 16) yield await read(at, 1 << 16);
    },
    readAll: () => read(0, size),
    close: () => handle.close(),
  };
}

/** Removes leftover temp files from writes interrupted by a crash (sealed already, or plaintext from before 0.2). */
export async function clearBlobTemp(root: string): Promise<number> {
  const tmpDir = join(root, 'tmp');
  const names = await fs.readdir(tmpDir).catch(() => [] as string[]);
  await Promise.all(names.map((n) => fs.rm(join(tmpDir, n), { force: true })));
  return names.length;
}
