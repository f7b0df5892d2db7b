// Content-addressed blob files on disk: temp file, fsync, rename, fsync dir; rows are written only after.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../common/errors';

export type BlobStore = {
  /** Writes the bytes durably and returns their sha256. Idempotent: an existing blob is not rewritten. */
  put(bytes: Uint8Array): Promise<string>;
  read(sha256: string): Promise<Uint8Array>;
  has(sha256: string): Promise<boolean>;
  remove(sha256: string): Promise<void>;
  /** every sha256 stored on disk */
  list(): Promise<string[]>;
  pathOf(sha256: string): string;
};

const SHA = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await fs.open(path, 'r');
  try {
    await handle.sync();
  } catch {
    // some platforms (Windows) cannot fsync a directory; the file itself was synced
  } finally {
    await handle.close();
  }
}

export function createBlobStore(root: string): BlobStore {
  const tmpDir = join(root, 'tmp');
  const pathOf = (sha256: string) => {
    if (!SHA.test(sha256)) throw new AppError('NOT_FOUND', { blob: 'invalid' });
    return join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  async function exists(path: string): Promise<boolean> {
    try {
      await fs.access(path);
      return true;
    } catch {
      return false;
    }
  }

  return {
    pathOf,
    async put(bytes) {
      const sha = sha256Hex(bytes);
      const target = pathOf(sha);
      if (await exists(target)) return sha;
      try {
        await fs.mkdir(tmpDir, { recursive: true });
        const dir = join(root, sha.slice(0, 2), sha.slice(2, 4));
        await fs.mkdir(dir, { recursive: true });
        const tmp = join(tmpDir, `${sha}.${randomBytes(6).toString('hex')}.part`);
        const handle = await fs.open(tmp, 'wx');
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.rename(tmp, target);
        await fsyncPath(dir);
      } catch (error) {
        throw new AppError('STORAGE', { cause: error instanceof Error ? error.message : String(error) });
      }
      return sha;
    },
    async read(sha256) {
      try {
        return new Uint8Array(await fs.readFile(pathOf(sha256)));
      } catch {
        throw new AppError('NOT_FOUND', { blob: sha256.slice(0, 12) });
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

/** Removes leftover temp files from writes interrupted by a crash. */
export async function clearBlobTemp(root: string): Promise<number> {
  const tmpDir = join(root, 'tmp');
  const names = await fs.readdir(tmpDir).catch(() => [] as string[]);
  await Promise.all(names.map((n) => fs.rm(join(tmpDir, n), { force: true })));
  return names.length;
}
