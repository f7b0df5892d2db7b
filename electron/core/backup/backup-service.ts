// Backups in the running app: settings, the recovery passphrase and sheet, "backup now", the daily schedule, status.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { promises as fs } from 'node:fs';
import type { Db } from '../../../db/client';
import type { BackupConfig, BackupStatus } from '../../common/backup-contract';
import { AppError, isAppError } from '../../common/errors';
import { passphraseProblem } from '../../common/passphrase';
import { appendAudit } from '../audit/audit-log';
import { requireRole, type Actor } from '../auth/actor';
import type { Fonts } from '../documents/documents-service';
import type { Clock, Logger } from '../ports';
import type { SettingsService } from '../settings/settings-service';
import type { BlobStore } from '../storage/blob-store';
import { readPortalCredentials, type Secrets } from '../sync/secrets';
import { createRecipient, RECOVERY_SCRYPT, type ScryptParams } from './backup-crypto';
import { publicConfig, readBackupConfig, readBackupState, recipientOf, writeBackupConfig, writeBackupState } from './backup-store';
import { backupWarning, isConfigured, nextDueAt } from './backup-schedule';
import { writeBackup, type BackupProgress, type BackupResult } from './backup-writer';
import type { SqliteKey } from './database-snapshot';
import { recoverySheetPdf } from './recovery-sheet';

export type BackupReason = 'manual' | 'schedule' | 'day-close' | 'command';

export type BackupServiceDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  dataDir: string;
  databasePath: string;
  databaseKey: SqliteKey;
  blobs: BlobStore;
  settings: SettingsService;
  secrets?: Secrets;
  appVersion: string;
  migrationsFolder: string;
  nativeBinding?: string;
  loadFonts(): Promise<Fonts>;
  emit(status: BackupStatus): void;
  /** scrypt cost of a new passphrase (tests use a cheaper one; backups record what they used) */
  scryptParams?: ScryptParams;
  /** how often the schedule is looked at */
  tickMs?: number;
};

export type BackupService = ReturnType<typeof createBackupService>;

/** migration tag by the journal's timestamp (`when`), for the backup header and the "newer version" message */
export function migrationTags(migrationsFolder: string): Map<number, string> {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number; tag: string }[] };
  return new Map(journal.entries.map((e) => [e.when, e.tag]));
}

export function createBackupService(deps: BackupServiceDeps) {
  const { db, clock, logger } = deps;
  const tags = migrationTags(deps.migrationsFolder);
  let running: { phase: BackupProgress['phase'] | 'restore'; done: number; total: number; startedAt: number } | null = null;
  let current: Promise<BackupResult | null> | null = null;
  let abort: AbortController | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let firstTick: ReturnType<typeof setTimeout> | null = null;

  function status(): BackupStatus {
    const config = readBackupConfig(db);
    const state = readBackupState(db);
    const now = clock.now();
    return {
      ...publicConfig(config),
      configured: isConfigured(config),
      lastSuccess: state.lastSuccess,
      lastFailure: state.lastFailure,
      running,
      nextDueAt: nextDueAt(config, state, now),
      warning: running ? null : backupWarning(config, state, now),
    };
  }

  const emit = () => deps.emit(status());

  function audit(actor: Actor | null, action: string, details: Record<string, unknown>): void {
    appendAudit(db, { at: clock.now(), actorId: actor?.userId ?? null, action, entity: 'backup', entityId: null, details });
  }

  async function checkFolder(folder: string): Promise<void> {
    if (folder === '') return;
    const problem = !isAbsolute(folder)
      ? 'cần đường dẫn đầy đủ, ví dụ E:\\SaoLuu'
      : await fs.stat(folder).then(
          (s) => (s.isDirectory() ? null : 'không phải thư mục'),
          () => 'không có thư mục này (ổ USB đã cắm chưa?)',
        );
    if (problem) throw new AppError('BACKUP_FOLDER_UNUSABLE', { folder, reason: problem, fields: { folder: `Không dùng được: ${problem}.` } });
  }

  async function perform(reason: BackupReason): Promise<BackupResult | null> {
    const config = readBackupConfig(db);
    const recipient = recipientOf(config);
    if (!recipient || config.folder === '') throw new AppError('BACKUP_NOT_CONFIGURED');
    const s = deps.settings.get();
    running = { phase: 'database', done: 0, total: 1, startedAt: clock.now() };
    abort = new AbortController();
    emit();
    try {
      const result = await writeBackup({
        dataDir: deps.dataDir,
        databasePath: deps.databasePath,
        databaseKey: deps.databaseKey,
        blobs: deps.blobs,
        folder: config.folder,
        keepLast: config.keepLast,
        office: { code: s.office.code, name: s.office.name },
        counterNumber: s.counterNumber,
        appVersion: deps.appVersion,
        recipient,
        namingKey: Buffer.from(config.namingKey, 'hex'),
        portal: deps.secrets ? await readPortalCredentials(deps.secrets) : null,
        migrationTag: (at) => tags.get(at) ?? String(at),
        clock,
        nativeBinding: deps.nativeBinding,
        signal: abort.signal,
        onProgress: (p) => {
          running = { ...p, startedAt: running?.startedAt ?? clock.now() };
          emit();
        },
      });
      const { file, dossiers, pages, bytesWritten, bytesTotal, missing, durationMs } = result;
      db.transaction(() => {
        const state = readBackupState(db);
        writeBackupState(db, { ...state, lastSuccess: { at: result.createdAt, file, dossiers, pages, bytesWritten, bytesTotal, missing, durationMs } }, clock.now());
        audit(null, 'backup.run', { reason, ok: true, file, dossiers, pages, objectsWritten: result.objectsWritten, missing });
      });
      if (missing > 0) logger.warn('backup: page files missing on this PC', { missing });
      return result;
    } catch (error) {
      const message = isAppError(error) ? error.message : 'lỗi ngoài dự kiến (xem nhật ký của ứng dụng).';
      logger.error('backup failed', { reason, error: error instanceof Error ? error.message : String(error) });
      if (db.$client.open) {
        db.transaction(() => {
          writeBackupState(db, { ...readBackupState(db), lastFailure: { at: clock.now(), message } }, clock.now());
          audit(null, 'backup.run', { reason, ok: false, code: isAppError(error) ? error.code : 'INTERNAL' });
        });
      }
      return null;
    } finally {
      running = null;
      abort = null;
      if (db.$client.open) emit();
    }
  }

  function start(reason: BackupReason): Promise<BackupResult | null> {
    if (current) return current;
    const run = perform(reason).finally(() => {
      current = null;
    });
    current = run;
    return run;
  }

  function tick(): void {
    if (current || running) return;
    const config = readBackupConfig(db);
    const due = nextDueAt(config, readBackupState(db), clock.now());
    if (due !== null && due <= clock.now()) void start('schedule');
  }

  return {
    status,
    /** admin: folder, schedule, keep-N */
    async configure(actor: Actor, input: BackupConfig): Promise<BackupStatus> {
      requireRole(actor, ['admin']);
      await checkFolder(input.folder);
      db.transaction(() => {
        writeBackupConfig(db, { ...readBackupConfig(db), ...input }, clock.now());
        audit(actor, 'backup.configure', { folder: input.folder !== '', daily: input.daily, keepLast: input.keepLast });
      });
      emit();
      return status();
    },
    /** admin: a new recovery passphrase; the sheet is returned this once and never again */
    async setPassphrase(actor: Actor, input: { passphrase: string; confirm: string }): Promise<{ fingerprint: string; sheet: { fileName: string; mime: string; bytes: Uint8Array } }> {
      requireRole(actor, ['admin']);
      if (input.passphrase !== input.confirm) throw new AppError('VALIDATION', { fields: { confirm: 'Hai lần nhập cụm mật khẩu không khớp nhau.' } });
      const problem = passphraseProblem(input.passphrase);
      if (problem) throw new AppError('PASSPHRASE_WEAK', { reason: problem, fields: { passphrase: problem } });
      const recipient = await createRecipient(input.passphrase, deps.scryptParams ?? RECOVERY_SCRYPT);
      const now = clock.now();
      const config = readBackupConfig(db);
      db.transaction(() => {
        writeBackupConfig(db, { ...config, recipient, passphraseSetAt: now }, now);
        audit(actor, 'backup.passphrase', { fingerprint: recipient.fingerprint, replaced: config.recipient?.fingerprint ?? null });
      });
      const s = deps.settings.get();
      const bytes = await recoverySheetPdf(
        { office: s.office, counterNumber: s.counterNumber, passphrase: input.passphrase, fingerprint: recipient.fingerprint, createdAt: now, createdBy: actor.fullName, folder: config.folder },
        await deps.loadFonts(),
      );
      emit();
      return { fingerprint: recipient.fingerprint, sheet: { fileName: `phieu-khoi-phuc-${recipient.fingerprint}.pdf`, mime: 'application/pdf', bytes } };
    },
    /** admin or supervisor: starts a backup now (or joins the one running); progress comes as backup.status events */
    runNow(actor: Actor | null, reason: BackupReason = 'manual'): BackupStatus {
      if (actor) requireRole(actor, ['admin', 'supervisor']);
      if (!isConfigured(readBackupConfig(db))) throw new AppError('BACKUP_NOT_CONFIGURED');
      void start(reason);
      return status();
    },
    /** the running backup's outcome (null: none running, or it failed) */
    whenIdle: (): Promise<BackupResult | null> => current ?? Promise.resolve(null),
    /** a backup after the day close, when the admin asked for one */
    afterDayClose(): void {
      const config = readBackupConfig(db);
      if (config.afterDayClose && isConfigured(config)) void start('day-close');
    },
    /** restore in progress (restore-service): no backup may start, and the status bar shows it */
    setRestoring(progress: { done: number; total: number } | null): void {
      running = progress ? { phase: 'restore', ...progress, startedAt: running?.startedAt ?? clock.now() } : null;
      emit();
    },
    isBusy: () => current !== null || running !== null,
    start(): void {
      timer ??= setInterval(tick, deps.tickMs ?? 60_000);
      timer.unref?.();
      firstTick ??= setTimeout(tick, 5_000); // a backup missed while the PC was off is caught up soon after start
      firstTick.unref?.();
    },
    tick,
    /** stops the schedule; a running backup is abandoned between two files (the set is left as before it started) */
    async close(): Promise<void> {
      if (timer) clearInterval(timer);
      if (firstTick) clearTimeout(firstTick);
      timer = null;
      abort?.abort();
      await current?.catch(() => null);
    },
  };
}
