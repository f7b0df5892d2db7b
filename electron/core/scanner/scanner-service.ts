// The watched scan folder of this counter: completed scanner files land in the open slot, in order, exactly once.
import { watch, type FSWatcher, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { dossierComponents, pages as pagesTable } from '../../../db/schema';
import type { ScannerStatus } from '../../common/digitize-contract';
import { AppError, formatErrorMessage, isAppError } from '../../common/errors';
import type { Actor } from '../auth/actor';
import type { DossierService } from '../dossiers/dossier-service';
import type { PageService } from '../pages/page-service';
import type { Clock, Logger } from '../ports';
import type { SettingsService } from '../settings/settings-service';
import { sha256Hex, type BlobStore } from '../storage/blob-store';
import { parseStoredQuality } from '../quality';
import { isNearlyBlank } from './blank-page';
import { isFreeToTake, listPageFiles, purgeImported, removeImported, type FolderFile } from './scan-folder';
import { findImport, keepPages, markMoved, recordImport, setBlankPages } from './scan-journal';
import { buildStatus, classifyImportError } from './scanner-status';
import { createStabilityTracker } from './stability';

export type ScannerOptions = {
  /** quiet time before a file counts as completely written; default 2 s (network scan-to-folder pauses) */
  stableMs?: number;
  /** how often the folder is looked at, besides fs.watch events; default 500 ms */
  pollMs?: number;
  platform?: NodeJS.Platform;
  /** monotonic milliseconds for the stability check (the app clock may be frozen in tests) */
  monotonic?: () => number;
};

type Target = { actor: Actor; dossierId: string; componentId: number; componentName: string };
type Rejected = { size: number; mtimeMs: number; message: string };

/** an unexpected failure on the same file this many times sets it aside instead of retrying forever */
const MAX_ATTEMPTS = 3;

export type ScannerService = ReturnType<typeof createScannerService>;

export function createScannerService(deps: {
  db: Db;
  clock: Clock;
  settings: SettingsService;
  dossiers: DossierService;
  pages: PageService;
  blobs: BlobStore;
  emit(status: ScannerStatus): void;
  logger: Logger;
  options?: ScannerOptions;
}) {
  const { db, clock, logger } = deps;
  const stableMs = deps.options?.stableMs ?? 2000;
  const pollMs = deps.options?.pollMs ?? 500;
  const platform = deps.options?.platform ?? process.platform;
  const monotonic = deps.options?.monotonic ?? (() => performance.now());

  let target: Target | null = null;
  let folder = '';
  let watcher: FSWatcher | null = null;
  let tracker = createStabilityTracker(stableMs);
  const rejected = new Map<string, Rejected>();
  const attempts = new Map<string, number>();
  let waiting = 0;
  let importing: string | null = null;
  let problem: string | null = null;
  let lastSent = '';
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  function configuredFolder(): string {
    try {
      return deps.settings.get().scanFolder.trim();
    } catch {
      return ''; // before first-run setup there are no settings yet
    }
  }

  const status = (): ScannerStatus => buildStatus(db, { folder, problem, target, waiting, importing, rejected });

  function publish(): void {
    const now = status();
    const json = JSON.stringify(now);
    if (json === lastSent) return;
    lastSent = json;
    deps.emit(now);
  }

  function useFolder(next: string): void {
    if (next === folder) return;
    watcher?.close();
    watcher = null;
    folder = next;
    tracker = createStabilityTracker(stableMs);
    rejected.clear();
    attempts.clear();
    problem = null;
    if (folder === '') return;
    try {
      // events only make us look sooner; polling finds everything anyway (network shares often send none)
      watcher = watch(folder, { persistent: false }, () => schedule(50));
      watcher.on('error', () => {
        watcher?.close();
        watcher = null;
      });
    } catch {
      watcher = null;
    }
    purgeImported(folder).catch((error: unknown) =>
      logger.warn('scan folder: removing the plaintext copies kept by an earlier version failed', { error }),
    );
  }

  async function moveOut(file: FolderFile, journalId: number): Promise<void> {
    // the page is committed and sealed: the scanner's plaintext file goes (wiped, then unlinked)
    await removeImported(folder, file.name);
    markMoved(db, journalId, clock.now());
    tracker.forget(file.name);
  }

  /** The quality gate measured each page at import (pages.quality): its 'nearly_blank' decides; else a check here. */
  async function flagBlank(journalId: number, pageIds: string[]): Promise<void> {
    const blank: string[] = [];
    for (const id of pageIds) {
      const row = db.select({ sha: pagesTable.blobSha256, quality: pagesTable.quality }).from(pagesTable).where(eq(pagesTable.id, id)).get();
      if (!row) continue;
      const judged = row.quality === null ? null : parseStoredQuality(row.quality).some((f) => f.code === 'nearly_blank');
      if (judged ?? (await isNearlyBlank(await deps.blobs.read(row.sha)))) blank.push(id);
    }
    if (blank.length > 0) setBlankPages(db, journalId, blank);
  }

  /** Imports one complete file into the target; returns false when the files after it must wait. */
  async function importFile(file: FolderFile, bytes: Uint8Array, sha: string, to: Target): Promise<boolean> {
    importing = file.name;
    publish();
    try {
      let journalId = 0;
      const added = await deps.pages.add(
        to.actor,
        { dossierId: to.dossierId, componentId: to.componentId, fileName: file.name, bytes },
        {
          inTransaction: (pageIds) => {
            journalId = recordImport(db, { ...file, fileName: file.name, sha256: sha, dossierId: to.dossierId, componentId: to.componentId, pageIds, at: clock.now() });
          },
        },
      );
      attempts.delete(file.name);
      await flagBlank(journalId, added.map((p) => p.id)).catch((error: unknown) =>
        logger.warn('scan folder: blank-page check failed', { error }),
      );
      await moveOut(file, journalId);
      return true;
    } catch (error) {
      return onImportError(file, error);
    } finally {
      importing = null;
    }
  }

  function onImportError(file: FolderFile, error: unknown): boolean {
    const kind = classifyImportError(error);
    if (kind === 'file' && isAppError(error)) {
      rejected.set(file.name, { size: file.size, mtimeMs: file.mtimeMs, message: error.message });
      return true;
    }
    if (kind === 'target') {
      target = null;
      problem = 'Hồ sơ đang nhận trang quét đã đóng hoặc không còn sửa được. Hãy mở hồ sơ cần nhận trang quét.';
      return false;
    }
    const tries = (attempts.get(file.name) ?? 0) + 1;
    attempts.set(file.name, tries);
    logger.error('scan folder: import failed', { error, tries });
    if (tries >= MAX_ATTEMPTS) {
      rejected.set(file.name, { size: file.size, mtimeMs: file.mtimeMs, message: formatErrorMessage('FILE_CORRUPT', { name: file.name }) });
      return true;
    }
    problem = isAppError(error) ? error.message : formatErrorMessage('STORAGE');
    return false;
  }

  const isSetAside = (f: FolderFile) => {
    const r = rejected.get(f.name);
    return r !== undefined && r.size === f.size && r.mtimeMs === f.mtimeMs;
  };

  /** One look at the folder: recover committed-but-not-moved files, import complete ones in order. */
  async function scan(): Promise<void> {
    useFolder(configuredFolder());
    if (folder === '') {
      waiting = 0;
      return publish();
    }
    let files: FolderFile[];
    try {
      files = await listPageFiles(folder);
      problem = null;
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'thư mục không tồn tại' : 'không đọc được thư mục';
      problem = formatErrorMessage('SCAN_FOLDER_INVALID', { folder, reason });
      waiting = 0;
      return publish();
    }
    for (const name of rejected.keys()) if (!files.some((f) => f.name === name && isSetAside(f))) rejected.delete(name);
    const ready = tracker.observe(files, monotonic());
    const done = new Set<string>();
    for (const file of files) {
      if (stopped) break;
      if (isSetAside(file)) continue;
      // scanner order: a later page never overtakes one still being written
      if (!ready.has(file.name)) break;
      const path = join(folder, file.name);
      if (!(await isFreeToTake(path, platform))) break;
      const bytes = await fs.readFile(path).then(
        (b) => new Uint8Array(b),
        (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? 'gone' : null),
      );
      if (bytes === 'gone') continue; // taken away meanwhile
      if (bytes === null) break; // locked or unreadable for now: later pages wait for it
      const after = await fs.stat(path).catch(() => null);
      if (!after || bytes.length !== file.size || after.size !== file.size || Math.floor(after.mtimeMs) !== file.mtimeMs) {
        tracker.forget(file.name); // still changing: start the quiet period again
        break;
      }
      const sha = sha256Hex(bytes);
      const earlier = findImport(db, file.name, sha, file.size);
      try {
        if (earlier) {
          await moveOut(file, earlier.id); // committed before a crash, not moved yet: never import it twice
          done.add(file.name);
          continue;
        }
      } catch (error) {
        problem = `Đã nhận "${file.name}" nhưng chưa chuyển được tệp ra khỏi thư mục quét. Sẽ thử lại.`;
        logger.warn('scan folder: move failed', { error });
        break;
      }
      const to = target;
      if (!to) break; // no dossier open: the files wait, in order
      if (await importFile(file, bytes, sha, to)) {
        if (!rejected.has(file.name)) done.add(file.name);
      } else break;
    }
    waiting = files.filter((f) => !done.has(f.name) && !isSetAside(f)).length;
    publish();
  }

  function tick(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await scan();
        } while (again && !stopped);
      } catch (error) {
        logger.error('scan folder: look failed', { error });
      } finally {
        running = null;
      }
    })();
    return running;
  }

  let soon: NodeJS.Timeout | null = null;
  function schedule(delayMs: number): void {
    if (stopped || soon) return;
    soon = setTimeout(() => {
      soon = null;
      void tick();
    }, delayMs);
  }

  return {
    start(): void {
      stopped = false;
      timer ??= setInterval(() => void tick(), pollMs);
      void tick();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      if (soon) clearTimeout(soon);
      timer = null;
      soon = null;
      watcher?.close();
      watcher = null;
      await running;
    },
    /** one look at the folder now (tests, and after the agent changes the target) */
    tick,
    status,
    setTarget(actor: Actor, next: { dossierId: string; componentId: number } | null): ScannerStatus {
      if (next === null) {
        target = null;
      } else {
        deps.dossiers.loadEditable(actor, next.dossierId);
        const comp = db
          .select({ name: dossierComponents.name })
          .from(dossierComponents)
          .where(and(eq(dossierComponents.id, next.componentId), eq(dossierComponents.dossierId, next.dossierId)))
          .get();
        if (!comp) throw new AppError('NOT_FOUND');
        target = { actor, dossierId: next.dossierId, componentId: next.componentId, componentName: comp.name };
        if (problem !== null && folder !== '') problem = null;
        schedule(0);
      }
      publish();
      return status();
    },
    keepPages(actor: Actor, pageIds: string[]): ScannerStatus {
      for (const id of pageIds) {
        const row = db.select({ dossierId: pagesTable.dossierId }).from(pagesTable).where(eq(pagesTable.id, id)).get();
        if (row) deps.dossiers.loadRow(actor, row.dossierId); // visibility
      }
      keepPages(db, pageIds);
      // "Giữ lại" is the agent's decision on these pages: their "nearly blank" warning is answered too
      for (const id of pageIds) {
        try {
          deps.pages.acceptQuality(actor, id);
        } catch {
          // no warning to answer, or the dossier is no longer editable: keeping the page is what counts
        }
      }
      publish();
      return status();
    },
    /** a page was removed or the dossier changed: the blank-page offers may be out of date */
    dossierChanged(dossierId: string): void {
      if (target?.dossierId === dossierId) publish();
    },
  };
}
