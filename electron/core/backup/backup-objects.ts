// The set's object store: page files sealed once by the run that first needed them, reused by later runs (incremental).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../common/errors';
import { openSealedBytes, SEAL_HEADER_BYTES, sealPieces } from '../crypto/file-cipher';
import type { FileKey } from '../crypto/keys';
import { syncDir } from '../crypto/private-files';
import { sha256Hex } from '../storage/blob-store';
import { objectContext, objectPath, type ManifestBlob, type SetPaths } from './backup-format';

/**
 * HMAC-SHA256(naming key, recipient public key ":" sha256). The naming key is a secret kept in the (encrypted)
 * database, so the set does not show which known file it holds; the recipient is in it so that after a passphrase
 * change nothing sealed to the old key is reused by a backup that the new passphrase must open alone.
 */
export function objectName(namingKey: Buffer, recipientPublicKey: string, sha256: string): string {
  return createHmac('sha256', namingKey).update(`${recipientPublicKey}:${sha256}`).digest('hex');
}

export type WrittenObject = Pick<ManifestBlob, 'stored' | 'storedSha256'>;

/**
 * Seals `plain` to a temp file, fsyncs it and renames it into place. The folder's own fsync is left to the caller
 * (`syncObjectDirs`), once per folder before the backup that names the object is committed.
 */
export async function writeObject(paths: SetPaths, name: string, plain: Uint8Array, key: FileKey): Promise<WrittenObject> {
  const tmp = join(paths.tmp, `${name}.${randomBytes(4).toString('hex')}.part`);
  const target = objectPath(paths, name);
  await fs.mkdir(dirname(target), { recursive: true });
  const hash = createHash('sha256');
  let stored = 0;
  const handle = await fs.open(tmp, 'wx', 0o600);
  try {
    for (const piece of sealPieces(key, plain, objectContext(name))) {
      hash.update(piece);
      stored += piece.length;
      await handle.write(piece);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, target);
  return { stored, storedSha256: hash.digest('hex') };
}

/** sha256 of the stored (sealed) bytes, or null when the object is missing: checks an object without the passphrase. */
export async function storedHash(paths: SetPaths, name: string): Promise<string | null> {
  try {
    return sha256Hex(await fs.readFile(objectPath(paths, name)));
  } catch {
    return null;
  }
}

/** The stored size, or null when missing. */
export async function storedSize(paths: SetPaths, name: string): Promise<number | null> {
  try {
    return (await fs.stat(objectPath(paths, name))).size;
  } catch {
    return null;
  }
}

/** The run id sealed into an object's header (file-cipher bytes 20..27). */
export function sealedRunId(sealed: Uint8Array): string {
  if (sealed.length < SEAL_HEADER_BYTES) throw new AppError('BACKUP_DAMAGED', { reason: 'object header' });
  return Buffer.from(sealed.subarray(20, 28)).toString('hex');
}

/**
 * The plaintext of an object, checked twice: every chunk's GCM tag (file-cipher) and the sha256 the manifest names.
 * `keys` maps run id -> that run's file key.
 */
export async function readObject(paths: SetPaths, blob: ManifestBlob, keys: Map<string, FileKey>): Promise<Uint8Array> {
  let sealed: Uint8Array;
  try {
    sealed = new Uint8Array(await fs.readFile(objectPath(paths, blob.object)));
  } catch {
    throw new AppError('BACKUP_DAMAGED', { reason: `thiếu tệp trang ${blob.object.slice(0, 12)}` });
  }
  const key = keys.get(sealedRunId(sealed));
  if (!key) throw new AppError('BACKUP_DAMAGED', { reason: `không có khoá cho tệp trang ${blob.object.slice(0, 12)}` });
  let plain: Uint8Array;
  try {
    plain = openSealedBytes(key, sealed, objectContext(blob.object), blob.object.slice(0, 12));
  } catch {
    throw new AppError('BACKUP_DAMAGED', { reason: `tệp trang ${blob.object.slice(0, 12)} hỏng` });
  }
  if (sha256Hex(plain) !== blob.sha256) throw new AppError('BACKUP_DAMAGED', { reason: `tệp trang ${blob.object.slice(0, 12)} sai nội dung` });
  return plain;
}

/** Every object name in the set (for retention). */
export async function listObjects(paths: SetPaths): Promise<string[]> {
  const out: string[] = [];
  for (const dir of await fs.readdir(paths.objects).catch(() => [] as string[])) {
    if (!/^[0-9a-f]{2}$/.test(dir)) continue;
    for (const name of await fs.readdir(join(paths.objects, dir)).catch(() => [] as string[])) {
      if (/^[0-9a-f]{64}$/.test(name)) out.push(name);
    }
  }
  return out;
}

export async function removeObject(paths: SetPaths, name: string): Promise<void> {
  await fs.rm(objectPath(paths, name), { force: true });
}

/** fsync of each object folder written to, so the renames are durable before the backup naming them is committed. */
export async function syncObjectDirs(paths: SetPaths, names: Iterable<string>): Promise<void> {
  const dirs = new Set<string>();
  for (const name of names) dirs.add(dirname(objectPath(paths, name)));
  for (const dir of dirs) await syncDir(dir);
  await syncDir(paths.objects);
}
