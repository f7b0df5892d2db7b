// Backup and restore of a data folder from outside the app (npm run backup / restore, benches, crash tests).
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { applyKey, databaseFileState, defaultMigrationsFolder, type Db } from '../../../db/client';
import * as schema from '../../../db/schema';
import { settingsSchema, type Settings } from '../../common/contract';
import { AppError } from '../../common/errors';
import { deriveDataKeys, loadOrCreateMasterKey, type DataKeys, type MasterKeyVault } from '../crypto/keys';
import type { Clock, Logger } from '../ports';
import { defaultSettings } from '../settings/settings-service';
import { createBlobStore, type BlobStore } from '../storage/blob-store';
import { DATABASE_FILE, openEncryptedDataDir } from '../storage/encryption-upgrade';
import { readPortalCredentials, writePortalCredentials, type Secrets } from '../sync/secrets';
import { createRecipient, type RecipientInfo, type ScryptParams } from './backup-crypto';
import { extractDatabase, openBackup } from './backup-reader';
import { migrationTags } from './backup-service';
import { readBackupConfig, recipientOf } from './backup-store';
import { writeBackup, type BackupProgress, type BackupResult } from './backup-writer';
import { assessLoss, describeLoss, isLoss } from './restore-loss';
import { stageRestore, type RestoreProgress } from './restore-stage';
import { finishStagedRestore } from './restore-swap';

/** The folder's keys without changing anything in it (no new key, no one-time encryption): a backup only reads. */
async function existingKeys(dataDir: string, vault: MasterKeyVault): Promise<DataKeys> {
  const master = await loadOrCreateMasterKey(vault, true);
  const keys = deriveDataKeys(master);
  master.fill(0);
  return keys;
}

function readOnlyDb(path: string, key: string, nativeBinding?: string): Db {
  const sqlite = new Database(path, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  applyKey(sqlite, key);
  return drizzle(sqlite, { schema });
}

export type BackupFolderOptions = {
  dataDir: string;
  folder: string;
  vault: MasterKeyVault;
  secrets?: Secrets;
  clock: Clock;
  /** overrides the office's setting */
  keepLast?: number;
  /** when the office has no recovery key yet (or to seal to another one): a passphrase, used for this run only */
  passphrase?: string;
  scryptParams?: ScryptParams;
  appVersion?: string;
  nativeBinding?: string;
  onProgress?: (p: BackupProgress) => void;
  signal?: AbortSignal;
  /** the page-file store as a port (the crash test slows its reads down to kill a run mid-way) */
  wrapBlobs?(store: BlobStore): BlobStore;
};

/** One backup of a data folder, the app running on it or not (WAL: the copy is one consistent moment). */
export async function backupDataFolder(opts: BackupFolderOptions): Promise<BackupResult> {
  const databasePath = join(opts.dataDir, DATABASE_FILE);
  if (databaseFileState(databasePath) !== 'encrypted') throw new AppError('BACKUP_NOT_FOUND', { file: databasePath });
  const keys = await existingKeys(opts.dataDir, opts.vault);
  const db = readOnlyDb(databasePath, keys.databaseHex, opts.nativeBinding);
  let recipient: RecipientInfo | null;
  let settings: Settings;
  let namingKey: Buffer;
  let keepLast: number;
  try {
    const config = readBackupConfig(db);
    recipient = opts.passphrase ? await createRecipient(opts.passphrase, opts.scryptParams) : recipientOf(config);
    const row = db.$client.prepare("SELECT value FROM settings WHERE key = 'app'").get() as { value: string } | undefined;
    settings = settingsSchema.parse({ ...defaultSettings, ...(row ? (JSON.parse(row.value) as object) : {}) });
    namingKey = Buffer.from(config.namingKey, 'hex');
    keepLast = opts.keepLast ?? config.keepLast;
  } finally {
    db.$client.close();
  }
  if (!recipient) throw new AppError('BACKUP_NOT_CONFIGURED');
  const tags = migrationTags(defaultMigrationsFolder());
  return writeBackup({
    dataDir: opts.dataDir,
    databasePath,
    databaseKey: keys.databaseHex,
    blobs: (opts.wrapBlobs ?? ((b: BlobStore) => b))(createBlobStore(join(opts.dataDir, 'blobs'), { fileKey: keys.files })),
    folder: opts.folder,
    keepLast,
    office: { code: settings.office.code, name: settings.office.name },
    counterNumber: settings.counterNumber,
    appVersion: opts.appVersion ?? '0.1.0',
    recipient,
    namingKey,
    portal: opts.secrets ? await readPortalCredentials(opts.secrets) : null,
    migrationTag: (at) => tags.get(at) ?? String(at),
    clock: opts.clock,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}

export type RestoreFolderOptions = {
  file: string;
  passphrase: string;
  dataDir: string;
  vault: MasterKeyVault;
  secrets?: Secrets;
  clock: Clock;
  logger: Logger;
  /** the data folder holds newer data the backup lacks: restore anyway */
  confirmLoss?: boolean;
  nativeBinding?: string;
  onProgress?: (p: RestoreProgress) => void;
};

/**
 * Restores a backup into a data folder the app is NOT running on (a new PC's empty folder, or an old one): the folder
 * keeps (or gets) its own master key, the backup is re-encrypted under it, and the swap happens at once.
 */
export async function restoreDataFolder(opts: RestoreFolderOptions): Promise<{ dossiers: number; pages: number; lossText: string }> {
  const backup = await openBackup(opts.file, opts.passphrase);
  const known = migrationTags(defaultMigrationsFolder());
  if (backup.header.schema.lastAt > Math.max(0, ...known.keys())) throw new AppError('BACKUP_NEWER_VERSION', { step: backup.header.schema.last });
  const { keys } = await openEncryptedDataDir({ dataDir: opts.dataDir, vault: opts.vault, logger: opts.logger, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  const databasePath = join(opts.dataDir, DATABASE_FILE);
  let lossText = '';
  if (existsSync(databasePath)) {
    const extracted = join(opts.dataDir, 'backup-work-inspect.sqlcipher');
    await extractDatabase(backup, extracted);
    try {
      const loss = assessLoss({ livePath: databasePath, liveKey: keys.databaseHex, backupPath: extracted, backupKey: backup.run.databaseHex, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
      lossText = describeLoss(loss);
      if (isLoss(loss) && !opts.confirmLoss) throw new AppError('RESTORE_CONFIRM_REQUIRED', { loss: lossText });
    } finally {
      await fs.rm(extracted, { force: true });
    }
  }
  const staged = await stageRestore({
    backup,
    dataDir: opts.dataDir,
    databaseKey: keys.databaseHex,
    fileKey: keys.files,
    clock: opts.clock,
    actorId: null,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  if (backup.manifest.portal && opts.secrets) await writePortalCredentials(opts.secrets, backup.manifest.portal);
  await finishStagedRestore(opts.dataDir, opts.logger, opts.clock.now());
  return { dossiers: staged.dossiers, pages: staged.pages, lossText };
}
