// Restore, step 1: rebuild the data folder from a backup beside the live one, re-encrypted under this PC's keys.
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import { closeDatabase, openDatabase } from '../../../db/client';
import { AppError } from '../../common/errors';
import { appendAudit } from '../audit/audit-log';
import type { FileKey } from '../crypto/keys';
import { ensurePrivateDir, writePrivateFileAtomic } from '../crypto/private-files';
import type { Clock } from '../ports';
import { createBlobStore } from '../storage/blob-store';
import { makeAllDue } from '../sync/outbox';
import { DATABASE_FILE } from '../storage/encryption-upgrade';
import { readObject } from './backup-objects';
import { extractDatabase, type OpenedBackup } from './backup-reader';
import { copyDatabase, testOpen, type SqliteKey } from './database-snapshot';

/** The restored folder is built here, inside the data folder (same volume: the swap is a rename). */
export const RESTORE_STAGE_DIR = 'restore-staged';
/** Written last, when everything in the stage is verified and durable: its presence means "swap at the next start". */
export const RESTORE_READY = 'READY.json';

export type RestoreProgress = { phase: 'database' | 'pages' | 'ready'; done: number; total: number };

export type StageOptions = {
  backup: OpenedBackup;
  dataDir: string;
  /** this PC's keys: the restored PC keeps its own master key, never the old PC's */
  databaseKey: SqliteKey;
  fileKey: FileKey | undefined;
  migrationsFolder?: string;
  nativeBinding?: string;
  clock: Clock;
  /** who restored (null: the set-up screen of a fresh install) */
  actorId: string | null;
  onProgress?(p: RestoreProgress): void;
};

export type StagedRestore = { dossiers: number; pages: number; blobs: number; createdAt: number };

export type ReadyMarker = { format: 1; phase: 'staged' | 'swapping'; run: string; backupCreatedAt: number; file: string; stagedAt: number };

/**
 * Copies the backup's database under this PC's database key (VACUUM INTO, no plaintext on disk), checks it against
 * the manifest, migrates it if it comes from an older version, ends the old PC's sessions, audits the restore, then
 * writes every page file into a new blob store under this PC's file key (each object verified by tag and sha256).
 */
export async function stageRestore(opts: StageOptions): Promise<StagedRestore> {
  const { backup } = opts;
  const stage = join(opts.dataDir, RESTORE_STAGE_DIR);
  await fs.rm(stage, { recursive: true, force: true });
  await ensurePrivateDir(stage);
  opts.onProgress?.({ phase: 'database', done: 0, total: 1 });
  const extracted = join(stage, 'backup.sqlcipher');
  await extractDatabase(backup, extracted);
  const dbPath = join(stage, DATABASE_FILE);
  copyDatabase({ source: extracted, sourceKey: backup.run.databaseHex, target: dbPath, targetKey: opts.databaseKey, workDir: stage, nativeBinding: opts.nativeBinding });
  await fs.rm(extracted, { force: true });
  const facts = testOpen(dbPath, opts.databaseKey, opts.nativeBinding);
  for (const [table, n] of Object.entries(backup.manifest.database.tables)) {
    if (facts.tables[table] !== n) throw new AppError('BACKUP_DAMAGED', { reason: `bảng ${table}` });
  }
  const db = openDatabase(dbPath, {
    ...(opts.databaseKey !== null ? { key: opts.databaseKey } : {}),
    ...(opts.migrationsFolder ? { migrationsFolder: opts.migrationsFolder } : {}),
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  });
  try {
    const now = opts.clock.now();
    db.transaction(() => {
      // sign-ins of the old PC mean nothing here; everyone signs in again
      db.$client.prepare('UPDATE sessions SET ended_at = ? WHERE ended_at IS NULL').run(now);
      // what waited for the portal is tried at once on this PC (the old PC's backoff says nothing about this network);
      // each keeps its idempotency key, so the portal answers a resend as it answered the first time
      makeAllDue(db, now);
      appendAudit(db, {
        at: now,
        actorId: opts.actorId,
        action: 'backup.restore',
        entity: 'backup',
        entityId: backup.run.id,
        details: { file: basename(backup.file), backupCreatedAt: backup.header.createdAt, dossiers: facts.dossiers, pages: facts.pages },
      });
    });
  } finally {
    closeDatabase(db);
  }
  opts.onProgress?.({ phase: 'database', done: 1, total: 1 });

  const store = createBlobStore(join(stage, 'blobs'), opts.fileKey ? { fileKey: opts.fileKey } : {});
  const total = backup.manifest.blobs.length;
  let done = 0;
  for (const blob of backup.manifest.blobs) {
    const plain = await readObject(backup.paths, blob, backup.fileKeys);
    if ((await store.put(plain)) !== blob.sha256) throw new AppError('BACKUP_DAMAGED', { reason: 'page file' });
    plain.fill(0);
    done++;
    if (done % 25 === 0 || done === total) opts.onProgress?.({ phase: 'pages', done, total });
  }
  const marker: ReadyMarker = {
    format: 1,
    phase: 'staged',
    run: backup.run.id,
    backupCreatedAt: backup.header.createdAt,
    file: basename(backup.file),
    stagedAt: opts.clock.now(),
  };
  await writePrivateFileAtomic(join(stage, RESTORE_READY), JSON.stringify(marker), 'new');
  opts.onProgress?.({ phase: 'ready', done: 1, total: 1 });
  return { dossiers: facts.dossiers, pages: facts.pages, blobs: total, createdAt: backup.header.createdAt };
}
