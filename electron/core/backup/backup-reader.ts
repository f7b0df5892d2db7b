// Reading backups: find them in a folder, open one with the passphrase, extract its database, verify every byte.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { AppError, isAppError } from '../../common/errors';
import { openSealedBytes } from '../crypto/file-cipher';
import type { FileKey } from '../crypto/keys';
import { openRunKeys, unlockRecipient, type RunKeys } from './backup-crypto';
import { BACKUP_EXTENSION, manifestContext, manifestSchema, readContainer, setPaths, type BackupHeader, type Manifest, type SetPaths } from './backup-format';
import { readObject } from './backup-objects';
import { fsyncPath, testOpen, type SnapshotFacts } from './database-snapshot';

export type ListedBackup = { file: string; header: BackupHeader; bytes: number };

async function dvcbakIn(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith(BACKUP_EXTENSION)).map((n) => join(dir, n));
}

/**
 * Backups under `folder`: the folder the admin picked (each counter's set inside it), one set, its snapshots folder,
 * or a folder where someone copied .dvcbak files. Newest first; unreadable files are left out.
 */
export async function listBackups(folder: string): Promise<ListedBackup[]> {
  const candidates = new Set<string>([...(await dvcbakIn(folder)), ...(await dvcbakIn(join(folder, 'snapshots')))]);
  for (const entry of await fs.readdir(folder, { withFileTypes: true }).catch(() => [])) {
    if (entry.isDirectory()) for (const f of await dvcbakIn(join(folder, entry.name, 'snapshots'))) candidates.add(f);
  }
  const out: ListedBackup[] = [];
  for (const file of candidates) {
    try {
      const c = await readContainer(file);
      out.push({ file, header: c.header, bytes: c.fileSize });
    } catch {
      // not one of ours, or cut short: not offered
    }
  }
  return out.sort((a, b) => b.header.createdAt - a.header.createdAt);
}

export type OpenedBackup = {
  file: string;
  header: BackupHeader;
  manifest: Manifest;
  paths: SetPaths;
  run: RunKeys;
  fileKeys: Map<string, FileKey>;
  databaseAt: number;
};

/** The set a backup file belongs to: <set>/snapshots/<file>; a lone file's objects are looked for beside it. */
function setOf(file: string): SetPaths {
  const dir = dirname(file);
  return setPaths(dir.endsWith('snapshots') ? dirname(dir) : dir);
}

/** Opens a backup: the passphrase must match its recipient (BACKUP_WRONG_PASSPHRASE), the manifest must authenticate. */
export async function openBackup(file: string, passphrase: string): Promise<OpenedBackup> {
  const c = await readContainer(file);
  const secret = await unlockRecipient(passphrase, c.header.recipient);
  const fileKeys = new Map<string, FileKey>();
  let run: RunKeys | null = null;
  for (const ref of c.header.keyring) {
    const keys = openRunKeys(secret, ref);
    fileKeys.set(keys.id, keys.files);
    if (keys.id === c.header.run.id) run = keys;
  }
  if (!run) throw new AppError('BACKUP_DAMAGED', { reason: 'run key' });
  const handle = await fs.open(file, 'r');
  let plain: Uint8Array;
  try {
    const sealed = Buffer.alloc(c.header.sections.manifest);
    await handle.read(sealed, 0, sealed.length, c.manifestAt);
    plain = openSealedBytes(run.files, sealed, manifestContext(c.headerBytes));
  } catch (error) {
    if (isAppError(error) && error.code !== 'DATA_TAMPERED') throw error;
    throw new AppError('BACKUP_DAMAGED', { reason: 'manifest' });
  } finally {
    await handle.close();
  }
  const parsed = manifestSchema.safeParse(JSON.parse(Buffer.from(plain).toString('utf8')));
  if (!parsed.success || parsed.data.run !== run.id) throw new AppError('BACKUP_DAMAGED', { reason: 'manifest fields' });
  return { file, header: c.header, manifest: parsed.data, paths: setOf(file), run, fileKeys, databaseAt: c.databaseAt };
}

/** Copies the database section out to `target` (still encrypted under the run's key), checking its sha256. */
export async function extractDatabase(backup: OpenedBackup, target: string): Promise<void> {
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await fs.rm(target, { force: true });
  const end = backup.databaseAt + backup.header.sections.database - 1;
  if (backup.header.sections.database > 0) {
    await pipeline(createReadStream(backup.file, { start: backup.databaseAt, end }), tap, createWriteStream(target, { mode: 0o600 }));
  } else {
    await fs.writeFile(target, '');
  }
  if (hash.digest('hex') !== backup.manifest.database.sha256) throw new AppError('BACKUP_DAMAGED', { reason: 'cơ sở dữ liệu sai tổng kiểm' });
  fsyncPath(target);
}

export type VerifyReport = { facts: SnapshotFacts; blobs: number; bytes: number };

/**
 * Everything a restore would read, read: the database extracted, checksummed and test-opened (integrity_check, the
 * row counts of the manifest), and every page object opened and hashed. Throws BACKUP_DAMAGED on the first fault.
 */
export async function verifyBackup(
  backup: OpenedBackup,
  workDir: string,
  opts: { nativeBinding?: string; onProgress?(done: number, total: number): void } = {},
): Promise<VerifyReport> {
  await fs.mkdir(workDir, { recursive: true, mode: 0o700 });
  const db = join(workDir, `verify-${backup.run.id}.sqlcipher`);
  try {
    await extractDatabase(backup, db);
    const facts = testOpen(db, backup.run.databaseHex, opts.nativeBinding);
    for (const [table, n] of Object.entries(backup.manifest.database.tables)) {
      if (facts.tables[table] !== n) throw new AppError('BACKUP_DAMAGED', { reason: `bảng ${table}` });
    }
    let bytes = 0;
    let done = 0;
    for (const blob of backup.manifest.blobs) {
      bytes += (await readObject(backup.paths, blob, backup.fileKeys)).length;
      done++;
      if (done % 50 === 0 || done === backup.manifest.blobs.length) opts.onProgress?.(done, backup.manifest.blobs.length);
    }
    return { facts, blobs: done, bytes };
  } finally {
    await fs.rm(db, { force: true });
  }
}
