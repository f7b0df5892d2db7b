// Restore in the running app: list backups in a folder, inspect one with the passphrase (what would be lost), apply it.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { BackupListItem, RestoreInspect } from '../../common/backup-contract';
import { AppError } from '../../common/errors';
import type { FileKey } from '../crypto/keys';
import { ensurePrivateDir } from '../crypto/private-files';
import type { Clock, Logger } from '../ports';
import { writePortalCredentials, type Secrets } from '../sync/secrets';
import type { BackupHeader } from './backup-format';
import { extractDatabase, listBackups, openBackup, type OpenedBackup } from './backup-reader';
import type { BackupService } from './backup-service';
import type { SqliteKey } from './database-snapshot';
import { assessLoss, describeLoss, isLoss } from './restore-loss';
import { stageRestore } from './restore-stage';

export type RestoreServiceDeps = {
  clock: Clock;
  logger: Logger;
  dataDir: string;
  databasePath: string;
  databaseKey: SqliteKey;
  fileKey: FileKey | undefined;
  migrationsFolder: string;
  /** journal timestamps of the migrations this version knows (a backup past the last one is from a newer version) */
  knownMigrations: Map<number, string>;
  nativeBinding?: string;
  secrets?: Secrets;
  backups: Pick<BackupService, 'setRestoring' | 'isBusy' | 'close'>;
  /** closes and reopens the core on the restored folder (app-core) */
  requestRestart(): void;
};

export type RestoreService = ReturnType<typeof createRestoreService>;

function listItem(file: string, header: BackupHeader, bytes: number): BackupListItem {
  return {
    file,
    createdAt: header.createdAt,
    officeCode: header.office.code,
    officeName: header.office.name,
    counterNumber: header.counterNumber,
    dossiers: header.summary.dossiers,
    pages: header.summary.pages,
    bytes,
    fingerprint: header.recipient.fingerprint,
    appVersion: header.appVersion,
  };
}

export function createRestoreService(deps: RestoreServiceDeps) {
  const work = join(deps.dataDir, 'backup-work');
  const newest = Math.max(0, ...deps.knownMigrations.keys());

  function checkVersion(header: BackupHeader): void {
    if (header.schema.lastAt > newest) throw new AppError('BACKUP_NEWER_VERSION', { step: header.schema.last });
  }

  async function inspectOpened(backup: OpenedBackup): Promise<RestoreInspect> {
    checkVersion(backup.header);
    await ensurePrivateDir(work);
    const extracted = join(work, `inspect-${backup.run.id}.sqlcipher`);
    try {
      await extractDatabase(backup, extracted);
      const loss = assessLoss({
        livePath: deps.databasePath,
        liveKey: deps.databaseKey,
        backupPath: extracted,
        backupKey: backup.run.databaseHex,
        nativeBinding: deps.nativeBinding,
      });
      const fileStat = await fs.stat(backup.file);
      return {
        backup: {
          ...listItem(backup.file, backup.header, fileStat.size),
          pendingSync: backup.manifest.facts.pendingSync,
          lastClosedDay: backup.manifest.facts.lastClosedDay,
          missing: backup.manifest.missing.length,
        },
        loss,
        needsConfirmation: isLoss(loss),
        lossText: describeLoss(loss),
      };
    } finally {
      await fs.rm(extracted, { force: true });
    }
  }

  return {
    async list(folder: string): Promise<BackupListItem[]> {
      if (folder === '') return [];
      return (await listBackups(folder)).map((b) => listItem(b.file, b.header, b.bytes));
    },

    /** opens the backup with the passphrase (BACKUP_WRONG_PASSPHRASE) and compares it with the data on this PC */
    async inspect(input: { file: string; passphrase: string }): Promise<RestoreInspect> {
      return inspectOpened(await openBackup(input.file, input.passphrase));
    },

    /**
     * Rebuilds the data folder from the backup beside the live one (every byte verified), then asks for a restart
     * that swaps it in. Losing newer data needs `confirmLoss` (RESTORE_CONFIRM_REQUIRED says what would be lost).
     */
    async apply(input: { file: string; passphrase: string; confirmLoss: boolean }, actorId: string | null) {
      if (deps.backups.isBusy()) await deps.backups.close();
      const backup = await openBackup(input.file, input.passphrase);
      const inspected = await inspectOpened(backup);
      if (inspected.needsConfirmation && !input.confirmLoss) throw new AppError('RESTORE_CONFIRM_REQUIRED', { loss: inspected.lossText });
      deps.backups.setRestoring({ done: 0, total: backup.manifest.blobs.length });
      try {
        const staged = await stageRestore({
          backup,
          dataDir: deps.dataDir,
          databaseKey: deps.databaseKey,
          fileKey: deps.fileKey,
          migrationsFolder: deps.migrationsFolder,
          nativeBinding: deps.nativeBinding,
          clock: deps.clock,
          actorId,
          onProgress: (p) => {
            if (p.phase === 'pages') deps.backups.setRestoring({ done: p.done, total: p.total });
          },
        });
        // the portal credentials come back too, so what was waiting is sent without the admin typing them again
        if (backup.manifest.portal && deps.secrets) await writePortalCredentials(deps.secrets, backup.manifest.portal);
        deps.logger.info('restore staged', { run: backup.run.id, dossiers: staged.dossiers, pages: staged.pages });
        setTimeout(() => deps.requestRestart(), 50);
        return { dossiers: staged.dossiers, pages: staged.pages, backupCreatedAt: staged.createdAt, restarting: true };
      } catch (error) {
        await fs.rm(join(deps.dataDir, 'restore-staged'), { recursive: true, force: true });
        deps.backups.setRestoring(null);
        throw error;
      }
    },
  };
}
