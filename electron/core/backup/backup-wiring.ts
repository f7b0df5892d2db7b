// Builds the backup and restore services from the core's parts (called once by app-core per core instance).
import { join } from 'node:path';
import { defaultMigrationsFolder, type Db } from '../../../db/client';
import type { Fonts } from '../documents/documents-service';
import type { DataKeys } from '../crypto/keys';
import type { EventBus } from '../events';
import type { Clock, Logger } from '../ports';
import type { SettingsService } from '../settings/settings-service';
import type { BlobStore } from '../storage/blob-store';
import { DATABASE_FILE } from '../storage/encryption-upgrade';
import type { Secrets } from '../sync/secrets';
import type { ScryptParams } from './backup-crypto';
import { createBackupService, migrationTags } from './backup-service';
import { createRestoreService } from './restore-service';

export function createBackupServices(deps: {
  dataDir: string;
  migrationsFolder?: string;
  nativeBinding?: string;
  version: string;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** null: plaintext storage (benchmarks only) */
  keys: DataKeys | null;
  blobs: BlobStore;
  settings: SettingsService;
  secrets?: Secrets;
  events: EventBus;
  loadFonts(): Promise<Fonts>;
  requestRestart(): void;
  scryptParams?: ScryptParams;
  tickMs?: number;
}) {
  const migrationsFolder = deps.migrationsFolder ?? defaultMigrationsFolder();
  const databasePath = join(deps.dataDir, DATABASE_FILE);
  const databaseKey = deps.keys?.databaseHex ?? null;
  const backup = createBackupService({
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    dataDir: deps.dataDir,
    databasePath,
    databaseKey,
    blobs: deps.blobs,
    settings: deps.settings,
    ...(deps.secrets ? { secrets: deps.secrets } : {}),
    appVersion: deps.version,
    migrationsFolder,
    ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
    loadFonts: () => deps.loadFonts(),
    emit: (status) => deps.events.emit('backup.status', status),
    ...(deps.scryptParams ? { scryptParams: deps.scryptParams } : {}),
    ...(deps.tickMs ? { tickMs: deps.tickMs } : {}),
  });
  const restore = createRestoreService({
    clock: deps.clock,
    logger: deps.logger,
    dataDir: deps.dataDir,
    databasePath,
    databaseKey,
    fileKey: deps.keys?.files,
    migrationsFolder,
    knownMigrations: migrationTags(migrationsFolder),
    ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
    ...(deps.secrets ? { secrets: deps.secrets } : {}),
    backups: backup,
    requestRestart: () => deps.requestRestart(),
  });
  return { backup, restore };
}
