// Builds every core service from its ports and exposes them as contract handlers behind one router.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeDatabase, openDatabase, type Db } from '../../db/client';
import { createAuditView } from './audit/audit-view';
import { createAuthService } from './auth/auth-service';
import { loadCommonPasswords } from './auth/passwords';
import { createEventFeeds, type OpenEventFeed } from './auth/session-feed';
import { createInspectThread, type InspectWorkerOptions } from './files/inspect-thread';
import { createCatalogService } from './catalog/catalog-service';
import { loadProfiles, profilesDir } from './catalog/profiles';
import { nationalCatalogPath } from './catalog/shipped-catalog';
import { createDocumentsService, type Fonts } from './documents/documents-service';
import { createDossierService } from './dossiers/dossier-service';
import { createDraftService } from './dossiers/draft-service';
import { loadFormRegistry } from './forms/form-registry';
import { createFormPagePrefill } from './forms/form-page-prefill';
import { secondLook } from './extract';
import { assertFormReady } from './forms/form-readiness';
import { createFormService, type FormService } from './forms/form-service';
import { createFormSlots } from './forms/form-slots';
import { procedureLookup } from './dossiers/dossier-detail';
import { createEventBus, type EventBus } from './events';
import { createIdCardService } from './idcard/idcard-service';
import type { OcrEngine } from './ocr/ocr-engine';
import { createOcrEngine, defaultOcrWorkers } from './ocr/tesseract-engine';
import { createOcrQueue } from './ocr/ocr-queue';
import { resolveTessdataDir } from './ocr/tessdata';
import { createPageService } from './pages/page-service';
import { createPrivacyServices } from './privacy/privacy-services';
import type { RetentionTiming } from './privacy/retention-service';
import { systemClock, type Clock, type Ids, type Logger } from './ports';
import { createDayClosing } from './reports/day-closing';
import { createReportService } from './reports/report-service';
import { createChaseService } from './review/chase-service';
import { createReviewService } from './review/review-service';
import { createReuseService } from './reuse/reuse-service';
import { createHandlers } from './rpc/handlers';
import { createRouter, type Router } from './rpc/router';
import { createScannerService, type ScannerOptions } from './scanner/scanner-service';
import { createSettingsService } from './settings/settings-service';
import { createBlobStore } from './storage/blob-store';
import {
  DATABASE_FILE,
  isPlaintextForBenchmarks,
  openEncryptedDataDir,
  type plaintextStorageForBenchmarks,
  type UpgradeEvent,
} from './storage/encryption-upgrade';
import type { MasterKeyVault } from './crypto/keys';
import { checkStorageIntegrity, type IntegrityReport } from './storage/integrity';
import type { Secrets } from './sync/secrets';
import { createSyncCalls } from './sync/sync-calls';
import { createSyncController, type SyncTiming } from './sync/sync-controller';
import { uuidv7 } from './uuid';
import type { ScryptParams } from './backup/backup-crypto';
import { createBackupServices } from './backup/backup-wiring';
import { createRestartableCore } from './backup/restartable-core';
import { finishStagedRestore } from './backup/restore-swap';

export type AppCoreOptions = {
  dataDir: string;
  resourcesDir: string;
  migrationsFolder?: string;
  nativeBinding?: string;
  logger: Logger;
  clock?: Clock;
  ids?: Ids;
  /** OCR engine override (tests); `false` disables OCR */
  ocr?: OcrEngine | false;
  ocrWorkers?: number;
  /** where uploads are opened, within a time and memory budget (electron/workers/inspect-worker); absent: on this thread */
  inspectWorker?: InspectWorkerOptions;
  /** where OCR preprocessing runs off this thread (electron/workers/preprocess-worker); absent: on this thread */
  preprocessWorker?: Parameters<typeof createOcrEngine>[0]['preprocessWorker'];
  version?: string;
  /** watched scan folder timing (tests use short quiet periods) */
  scanner?: ScannerOptions;
  /** where portal credentials are kept (Electron: safeStorage; web host: a dev file); absent: sync stays off */
  secrets?: Secrets;
  /** sync pass / offline probe periods (tests use short ones) */
  syncTiming?: SyncTiming;
  /** where the master key is kept (Electron: safeStorage; web host, tests: the dev key file); the data is always encrypted */
  vault: MasterKeyVault | typeof plaintextStorageForBenchmarks;
  /** progress of the one-time encryption of a plaintext data folder (crash test) */
  onUpgrade?: (event: UpgradeEvent) => void;
  /** scrypt cost of a new recovery passphrase (tests use a cheaper one; production: backup-crypto RECOVERY_SCRYPT) */
  backupScrypt?: ScryptParams;
  /** how often the backup schedule is looked at (default a minute; tests use less) */
  backupTickMs?: number;
  /** the retention purge's schedule (default: a minute after start, then daily); false: only when asked */
  retentionTiming?: RetentionTiming | false;
};

export type AppCore = {
  router: Router;
  events: EventBus;
  /** the events for one session while it lives (web host stream, Electron window); throws UNAUTHENTICATED */
  openEventFeed: OpenEventFeed;
  db: Db;
  integrity: IntegrityReport;
  close(): Promise<void>;
};

export const systemIds: Ids = { uuid: uuidv7, token: () => randomBytes(32).toString('base64url') };

/** The core; a restore closes it and builds it again on the restored folder (backup/restartable-core). */
export function createAppCore(opts: AppCoreOptions): Promise<AppCore> {
  return createRestartableCore((requestRestart) => buildAppCore(opts, requestRestart), opts.logger);
}

async function buildAppCore(opts: AppCoreOptions, requestRestart: () => void): Promise<AppCore> {
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? systemIds;
  const logger = opts.logger;
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  // a restore staged before a restart (or a kill during its swap) is finished before anything opens the data
  await finishStagedRestore(opts.dataDir, logger, clock.now());
  const vault = opts.vault;
  const keys =
    isPlaintextForBenchmarks(vault)
      ? null
      : (
          await openEncryptedDataDir({
            dataDir: opts.dataDir,
            vault,
            logger,
            nativeBinding: opts.nativeBinding,
            ...(opts.onUpgrade ? { onUpgrade: opts.onUpgrade } : {}),
          })
        ).keys;
  const db = openDatabase(join(opts.dataDir, DATABASE_FILE), {
    migrationsFolder: opts.migrationsFolder,
    nativeBinding: opts.nativeBinding,
    ...(keys ? { key: keys.databaseHex } : {}),
  });
  const blobs = createBlobStore(join(opts.dataDir, 'blobs'), keys ? { fileKey: keys.files } : {});
  const integrity = await checkStorageIntegrity(db, blobs, join(opts.dataDir, 'blobs'), logger);
  const events = createEventBus((error) => logger.error('event listener failed', { error }));

  const settings = createSettingsService({ db, clock });
  const auth = createAuthService({ db, clock, ids, settings, commonPasswords: loadCommonPasswords(opts.resourcesDir) });
  const curated = loadProfiles(profilesDir(opts.resourcesDir));
  for (const problem of curated.problems) logger.warn('curated profile left out', { problem });
  const catalog = createCatalogService({ db, clock, settings, profiles: curated.profiles });
  await catalog.ensureDefaultCatalog(nationalCatalogPath(opts.resourcesDir));
  // the form service needs the dossier service, and "ready" needs the form: bound once both exist (below)
  let formsForReady: FormService | null = null;
  // a broken form schema stops the start with the file and path named (FormSchemaError), like a failed migration
  const formRegistry = loadFormRegistry(opts.resourcesDir);
  const formSlots = createFormSlots({ db, clock, registry: formRegistry, procedureOf: procedureLookup(catalog) });
  const dossiers = createDossierService({
    db, clock, ids, settings, procedureOf: procedureLookup(catalog), formSlots,
    changed: (dossierId) => events.emit('dossier.changed', { dossierId }),
    assertFormReady: (actor, row) => {
      if (formsForReady) assertFormReady(formsForReady, actor, row);
    },
  });

  const engine =
    opts.ocr === false
      ? null
      : (opts.ocr ??
        createOcrEngine({
          langPath: resolveTessdataDir(opts.resourcesDir),
          workers: opts.ocrWorkers ?? defaultOcrWorkers(),
          timeoutMs: 120_000,
          // measured in bench:ocr: CER on phone photos 41% -> 0%, rotated pages 86% -> 0.1%, scans no worse than native
          preprocess: true,
          preprocessWorker: opts.preprocessWorker,
          logger,
        }));
  const ocrQueue = engine
    ? createOcrQueue({
        db,
        readBlob: (sha) => blobs.read(sha),
        engine,
        clock,
        emit: ({ type, ...payload }) => events.emit(type, payload),
        logger,
        concurrency: 'workers' in engine && typeof engine.workers === 'number' ? engine.workers : 2,
      })
    : null;

  const inspectThread = opts.inspectWorker ? createInspectThread(opts.inspectWorker) : null;
  const pages = createPageService({
    db,
    clock,
    ids,
    blobs,
    dossiers,
    ...(inspectThread ? { inspect: (input: { name: string; bytes: Uint8Array }) => inspectThread.inspect(input) } : {}),
    events: {
      ocrEnqueue: (pageId, force) => ocrQueue?.enqueue(pageId, { force }),
      changed: (dossierId) => events.emit('dossier.changed', { dossierId }),
    },
  });
  const fontsDir = join(opts.resourcesDir, 'fonts');
  let fonts: Fonts | null = null;
  const loadFonts = () => {
    fonts ??= {
      regular: new Uint8Array(readFileSync(join(fontsDir, 'NotoSans-Regular.ttf'))),
      bold: new Uint8Array(readFileSync(join(fontsDir, 'NotoSans-Bold.ttf'))),
    };
    return Promise.resolve(fonts);
  };
  const privacy = createPrivacyServices({
    db, blobs, clock, logger, settings, dossiers, resourcesDir: opts.resourcesDir, loadFonts,
    ...(opts.retentionTiming !== undefined ? { retentionTiming: opts.retentionTiming } : {}),
  });
  const documents = createDocumentsService({ db, blobs, dossiers, settings, loadFonts, clock, consentOf: (id) => privacy.consent.forReceipt(id) });
  const forms = createFormService({ db, clock, dossiers, registry: formRegistry, loadFonts, procedureOf: procedureLookup(catalog), slots: formSlots });
  formsForReady = forms;
  const formPrefill = createFormPagePrefill({
    db, forms, ocrEnabled: engine !== null, logger,
    ...(engine ? { secondLook: async (page, ocr) => secondLook(engine, await blobs.read(page.blobSha256), page.rotation, ocr) } : {}),
  });

  const review = createReviewService({ db, clock, dossiers, changed: (dossierId) => events.emit('dossier.changed', { dossierId }) });
  const chase = createChaseService({ db, clock, dossiers });
  const reports = createReportService({ db, clock, closing: createDayClosing({ db, clock, settings }), loadFonts });
  const audit = createAuditView({ db });
  const pageEvents = {
    ocrEnqueue: (pageId: string, force?: boolean) => ocrQueue?.enqueue(pageId, { force }),
    changed: (dossierId: string) => events.emit('dossier.changed', { dossierId }),
  };
  const idcard = createIdCardService({
    db,
    dossiers,
    pages,
    clock,
    ...(engine ? { recognize: (image: Uint8Array) => engine.recognize(image).then((r) => r.text) } : {}),
  });
  const reuse = createReuseService({ db, clock, ids, dossiers, events: pageEvents, thumbnailOf: (pageId) => pages.thumbnailOf(pageId) });
  const scanner = createScannerService({
    db, clock, settings, dossiers, pages, blobs, logger,
    emit: (status) => events.emit('scanner.status', status),
    ...(opts.scanner ? { options: opts.scanner } : {}),
  });
  const unsubscribeScanner = events.subscribe((name, payload) => {
    if (name === 'dossier.changed') scanner.dossierChanged((payload as { dossierId: string }).dossierId);
  });

  const syncController = createSyncController({
    db, blobs, clock, ids, logger, settings,
    emit: events.emit,
    ...(opts.secrets ? { secrets: opts.secrets } : {}),
    ...(opts.syncTiming ? { timing: opts.syncTiming } : {}),
  });
  const sync = createSyncCalls({ db, clock, dossiers, settings, controller: syncController });

  const { backup, restore } = createBackupServices({
    dataDir: opts.dataDir, migrationsFolder: opts.migrationsFolder, nativeBinding: opts.nativeBinding, version: opts.version ?? '0.1.0',
    db, clock, logger, keys, blobs, settings, events, loadFonts, requestRestart,
    ...(opts.secrets ? { secrets: opts.secrets } : {}),
    ...(opts.backupScrypt ? { scryptParams: opts.backupScrypt } : {}),
    ...(opts.backupTickMs ? { tickMs: opts.backupTickMs } : {}),
  });

  const drafts = createDraftService({ db, clock, blobs, dossiers, procedureOf: procedureLookup(catalog), logger });
  try {
    drafts.sweepEmptyDrafts(); // empty drafts older than a day (draft-service.ts says why they are deleted, not listed)
  } catch (error) {
    logger.error('draft sweep failed', { error: String(error) });
  }
  const sweepTimer = setInterval(() => {
    try {
      drafts.sweepEmptyDrafts();
    } catch (error) {
      logger.error('draft sweep failed', { error: String(error) });
    }
  }, 3600_000);
  sweepTimer.unref();

  const handlers = createHandlers({
    auth, settings, catalog, dossiers, drafts, pages, documents, review, chase, reports, audit, idcard, scanner, reuse,
    sync, syncController, ocr: ocrQueue, forms, formPrefill, backup, restore, privacy,
    version: opts.version ?? '0.1.0',
  });
  const router = createRouter({ handlers, resolveSession: (token) => auth.resolve(token), logger });
  ocrQueue?.start();
  scanner.start();
  // starts only when settings.portalUrl and stored credentials exist
  await syncController.start().catch((error: unknown) => logger.error('sync: not started', { error }));
  backup.start(); // the daily schedule; a backup missed while the PC was off runs soon after start
  privacy.retention.start(); // the retention purge: soon after start, then daily

  return {
    router,
    events,
    openEventFeed: createEventFeeds({ events, auth }),
    db,
    integrity,
    async close() {
      clearInterval(sweepTimer);
      await backup.close(); // a running backup stops between two files; the set is left as it was
      await privacy.retention.close(); // a running purge finishes its transaction first
      unsubscribeScanner();
      await syncController.close(); // before the database closes: a pass may be writing
      await scanner.stop();
      await ocrQueue?.stop();
      await engine?.terminate();
      await inspectThread?.close();
      closeDatabase(db);
    },
  };
}

