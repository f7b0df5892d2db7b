// The sync loop: probe the portal, send queued dossiers (oldest first), pull the status feed, schedule the next pass.
import type { Db } from '../../../db/client';
import type { EventPayload } from '../../common/contract';
import type { Emit } from '../events';
import type { Clock, Logger } from '../ports';
import type { BlobStore } from '../storage/blob-store';
import { backoffDelay, defaultBackoffPolicy, type BackoffPolicy, type RandomSource } from './backoff';
import { applyFeedPage, FEED_CURSOR_KEY, getSyncState, LAST_SUCCESS_KEY, setSyncState } from './feed';
import { duePending, makeAllDue, nextDueAt, pendingCount } from './outbox';
import type { PortalClient, PortalFailure, PortalRetry } from './portal-client';
import { createSender, fixMessage, type SendOutcome } from './send-dossier';

export type SyncStatus = EventPayload<'sync.status'>;
export type Timers = { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };

export type SyncEngineOptions = {
  db: Db;
  blobs: BlobStore;
  portal: PortalClient;
  clock: Clock;
  random: RandomSource;
  logger: Logger;
  emit: Emit;
  timers?: Timers;
  policy?: BackoffPolicy;
  /** pass period while online (default 30 s) */
  onlineIntervalMs?: number;
  /** probe period while offline (default 10 s, jittered ±50%) */
  offlineProbeMs?: number;
  /** dossiers sent at the same time (default 3) */
  concurrency?: number;
  /** feed page size (default 200) */
  feedPageSize?: number;
};

export type PassReport = {
  online: boolean;
  accepted: number;
  retried: number;
  needsFix: number;
  feedChanges: number;
  /** the failure that ended the pass early, if any */
  stoppedBy: PortalFailure | null;
};

export type SyncEngine = {
  start(): void;
  stop(): Promise<void>;
  /** "Đồng bộ ngay": every waiting dossier is due now; resolves when that pass is over */
  syncNow(): Promise<PassReport>;
  status(): SyncStatus;
};

const systemTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};
const AUTH_RETRY_MS = 5 * 60_000;
const MIN_GAP_MS = 250;
const PROGRESS_EMIT_MS = 250;

const INTERNAL_FAILURE: PortalRetry = {
  kind: 'retry',
  reason: 'protocol',
  message: 'Đồng bộ gặp lỗi ngoài dự kiến; dữ liệu vẫn giữ nguyên trên máy.',
};

function localCodeOf(body: string | null): string | null {
  try {
    const parsed: unknown = JSON.parse(body ?? 'null');
    return typeof parsed === 'object' && parsed !== null && 'localCode' in parsed && typeof parsed.localCode === 'string' ? parsed.localCode : null;
  } catch {
    return null;
  }
}

function isConnectionLoss(f: PortalFailure): boolean {
  return f.kind === 'retry' && (f.reason === 'network' || f.reason === 'timeout');
}

function seconds(ms: number): string {
  return ms < 90_000 ? `${Math.max(1, Math.round(ms / 1000))} giây` : `${Math.round(ms / 60_000)} phút`;
}

export function createSyncEngine(opts: SyncEngineOptions): SyncEngine {
  const { db, portal, clock, logger } = opts;
  const timers = opts.timers ?? systemTimers;
  const policy = opts.policy ?? defaultBackoffPolicy;
  const onlineMs = opts.onlineIntervalMs ?? 30_000;
  const offlineMs = opts.offlineProbeMs ?? 10_000;
  const concurrency = Math.max(1, opts.concurrency ?? 3);
  const feedPageSize = opts.feedPageSize ?? 200;

  let online = false;
  let detail: string | null = null;
  let nextAttemptAt: number | null = null;
  const lastSuccessRaw = getSyncState(db, LAST_SUCCESS_KEY);
  let lastSuccessAt: number | null = lastSuccessRaw ? Number(lastSuccessRaw) : null;
  const current = new Map<string, NonNullable<SyncStatus['current']>>();
  let lastProgressEmit = 0;
  let started = false;
  let timer: unknown = null;
  let abort = new AbortController();
  let running: Promise<PassReport> | null = null;
  let queued: Promise<PassReport> | null = null;

  function status(): SyncStatus {
    const needsFix = (db.$client.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'needs_fix'").get() as { n: number }).n;
    const uploading = [...current.values()].at(-1) ?? null;
    return { online, waiting: pendingCount(db), lastSuccessAt, detail, current: uploading, nextAttemptAt, needsFix };
  }

  function emitStatus(): void {
    try {
      opts.emit('sync.status', status());
    } catch (error) {
      logger.error('sync: status emit failed', { error });
    }
  }

  const send = createSender({
    db,
    blobs: opts.blobs,
    portal,
    clock,
    random: opts.random,
    logger,
    policy,
    offsetSaveMs: 1_000,
    progress(dossierId, localCode, bytesSent, bytesTotal) {
      const percent = bytesTotal > 0 ? Math.floor((bytesSent / bytesTotal) * 100) : 100;
      current.delete(dossierId);
      current.set(dossierId, { dossierId, localCode, bytesSent, bytesTotal, percent });
      const now = clock.now();
      if (now - lastProgressEmit >= PROGRESS_EMIT_MS) {
        lastProgressEmit = now;
        emitStatus();
      }
    },
  });

  function noteFailure(failure: PortalFailure, what: string): void {
    detail = `${what}: ${failure.kind === 'fix' ? fixMessage(failure.errors) : failure.message}`;
  }

  let probing: Promise<boolean> | null = null;
  /** single-flight health probe shared by the workers */
  function stillReachable(signal: AbortSignal): Promise<boolean> {
    probing ??= portal
      .health({ signal })
      .then((h) => h.kind === 'ok' && h.value.status === 'ok')
      .catch(() => false)
      .finally(() => (probing = null));
    return probing;
  }

  async function sendDue(signal: AbortSignal, report: PassReport): Promise<void> {
    const inFlight = new Set<string>();
    // a long queue still lets the feed be pulled at least once per online period
    const takeUntil = clock.now() + onlineMs;
    const worker = async (): Promise<void> => {
      while (!report.stoppedBy && !signal.aborted && clock.now() < takeUntil) {
        const row = duePending(db, clock.now(), concurrency * 2 + 1).find((r) => !inFlight.has(r.dossierId));
        if (!row) return;
        inFlight.add(row.dossierId);
        let outcome: SendOutcome;
        try {
          outcome = await send(row, signal);
        } catch (error) {
          // aborted by stop(), or a local fault (disk, database): leave the committed state as it is and end the pass
          if (!signal.aborted) logger.error('sync: sending a dossier failed', { error, dossierId: row.dossierId });
          report.stoppedBy ??= INTERNAL_FAILURE;
          return;
        } finally {
          inFlight.delete(row.dossierId);
          current.delete(row.dossierId);
        }
        const code = localCodeOf(row.body) ?? row.dossierId;
        if (outcome.kind === 'accepted') report.accepted += 1;
        else if (outcome.kind === 'needs_fix') report.needsFix += 1;
        else if (outcome.kind === 'retry') {
          report.retried += 1;
          noteFailure(outcome.failure, `Hồ sơ ${code}`);
          // one cut connection is not an outage: ask the portal before stopping everything
          if (outcome.stop && !(isConnectionLoss(outcome.failure) && (await stillReachable(signal)))) {
            report.stoppedBy ??= outcome.failure;
          }
        }
        if (outcome.kind !== 'retry' && outcome.kind !== 'skipped') opts.emit('dossier.changed', { dossierId: row.dossierId });
        emitStatus();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  async function pullFeed(signal: AbortSignal, report: PassReport): Promise<PortalFailure | null> {
    for (let page = 0; page < 1000 && !signal.aborted; page++) {
      const got = await portal.getChanges(getSyncState(db, FEED_CURSOR_KEY), { signal, limit: feedPageSize });
      if (got.kind !== 'ok') return got;
      const results = applyFeedPage(db, got.value, clock.now());
      report.feedChanges += got.value.changes.length;
      for (const r of results) if (r.outcome === 'applied' && r.dossierId) opts.emit('dossier.changed', { dossierId: r.dossierId });
      if (got.value.changes.length < feedPageSize) break;
    }
    return null;
  }

  async function pass(signal: AbortSignal): Promise<PassReport> {
    const report: PassReport = { online: false, accepted: 0, retried: 0, needsFix: 0, feedChanges: 0, stoppedBy: null };
    const health = await portal.health({ signal });
    if (health.kind !== 'ok' || health.value.status !== 'ok') {
      const failure: PortalFailure =
        health.kind === 'ok' ? { kind: 'retry', reason: 'maintenance', message: 'Cổng dịch vụ công đang bảo trì.' } : health;
      if (online) logger.warn('sync: portal unreachable', { reason: failure.kind === 'retry' ? failure.reason : failure.kind });
      online = false;
      report.stoppedBy = failure;
      noteFailure(failure, 'Chưa kết nối được cổng');
      return report;
    }
    if (!online) {
      logger.info('sync: portal reachable');
      // back online: whatever waited for the connection goes now, not at the end of its backoff
      makeAllDue(db, clock.now());
    }
    online = true;
    report.online = true;
    emitStatus();
    await sendDue(signal, report);
    if (report.stoppedBy || signal.aborted) return report;
    const feedFailure = await pullFeed(signal, report);
    if (feedFailure) {
      report.stoppedBy = feedFailure;
      noteFailure(feedFailure, 'Không lấy được trạng thái hồ sơ từ cổng');
      return report;
    }
    lastSuccessAt = clock.now();
    setSyncState(db, LAST_SUCCESS_KEY, String(lastSuccessAt), lastSuccessAt);
    if (report.retried === 0) detail = null;
    return report;
  }

  /** Delay before the next automatic pass, from what this pass found. */
  function nextDelay(report: PassReport): number {
    const stop = report.stoppedBy;
    if (stop?.kind === 'auth') return AUTH_RETRY_MS;
    if (stop?.kind === 'retry' && stop.retryAfterMs !== undefined) return backoffDelay(1, opts.random, stop.retryAfterMs, policy);
    if (!report.online || stop) return Math.round(offlineMs * (0.5 + opts.random()));
    const due = nextDueAt(db);
    const untilDue = due === null ? onlineMs : Math.max(0, due - clock.now());
    return Math.max(MIN_GAP_MS, Math.min(onlineMs, untilDue));
  }

  function schedule(ms: number): void {
    if (!started) return;
    if (timer !== null) timers.clearTimeout(timer);
    nextAttemptAt = clock.now() + ms;
    if (detail && pendingCount(db) > 0 && !detail.includes('Sẽ tự thử lại')) detail = `${detail} Sẽ tự thử lại sau ${seconds(ms)}.`;
    timer = timers.setTimeout(() => {
      timer = null;
      void runPass(false);
    }, ms);
  }

  function runPass(force: boolean): Promise<PassReport> {
    if (running) {
      queued ??= running.then(() => {
        queued = null;
        return runPass(force);
      });
      return queued;
    }
    if (abort.signal.aborted && !started) abort = new AbortController();
    const signal = abort.signal;
    running = (async () => {
      if (force) makeAllDue(db, clock.now());
      detail = detail?.replace(/ Sẽ tự thử lại sau .*$/, '') ?? null;
      let report: PassReport;
      try {
        report = await pass(signal);
      } catch (error) {
        if (!signal.aborted) logger.error('sync: pass failed', { error });
        report = { online, accepted: 0, retried: 0, needsFix: 0, feedChanges: 0, stoppedBy: INTERNAL_FAILURE };
        detail = INTERNAL_FAILURE.message;
      }
      current.clear();
      try {
        if (started && !signal.aborted) schedule(nextDelay(report));
      } catch (error) {
        // the database went away under us (shutdown): nothing to schedule
        logger.error('sync: could not schedule the next pass', { error });
      }
      emitStatus();
      return report;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    start() {
      if (started) return;
      started = true;
      abort = new AbortController();
      schedule(0);
    },
    async stop() {
      started = false;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      abort.abort();
      await (queued ?? running)?.catch(() => undefined);
    },
    syncNow: () => runPass(true),
    status,
  };
}
