// The sync loop: probe the portal, send queued dossiers (oldest first), pull the status feed, schedule the next pass.
import { setMaxListeners } from 'node:events';
import type { Db } from '../../../db/client';
import type { Emit } from '../events';
import type { Clock, Logger } from '../ports';
import type { BlobStore } from '../storage/blob-store';
import { backoffDelay, defaultBackoffPolicy, type BackoffPolicy, type RandomSource } from './backoff';
import { pullFeed } from './feed';
import { createPortalHealth } from './portal-health';
import { duePending, makeAllDue, nextDueAt } from './outbox';
import { emptyReport, INTERNAL_FAILURE, isConnectionLoss, type PassReport } from './pass-report';
import type { PortalClient, PortalFailure } from './portal-client';
import { createSender, type SendOutcome } from './send-dossier';
import { createStatusTracker, type SyncStatus } from './sync-status';
import { createStreamPool } from './stream-pool';

export type { PassReport } from './pass-report';
export type { SyncStatus } from './sync-status';
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
  /**
   * dossiers sent at the same time whatever the streams do (default 6); with 3 files each, the base of 18 shared
   * upload streams. On a slow line that is enough to keep it busy; a slow portal gets more (maxConcurrency).
   */
  concurrency?: number;
  /**
   * dossiers in flight at most (default 3 x concurrency). Past `concurrency`, one more starts only while an upload
   * stream sits idle and the portal answers: at 120 ms a request the faulty bench drained 40 dossiers in 14.4 s with up
   * to 18 in flight against 26.9 s with 6 (docs/BENCHMARKS.md); a line busy with bytes gets no more.
   */
  maxConcurrency?: number;
  /** files of one dossier uploaded at the same time (default 3): hides the portal's latency per request */
  fileConcurrency?: number;
  /** upload streams at most (default 2 x concurrency x fileConcurrency), while they move bytes fast (stream-pool.ts) */
  maxStreams?: number;
  /** feed page size (default 200) */
  feedPageSize?: number;
};

export type SyncEngine = {
  start(): void;
  stop(): Promise<void>;
  /** "Đồng bộ ngay": every waiting dossier is due now; resolves when that pass is over */
  syncNow(): Promise<PassReport>;
  /**
   * A pass now for what is due (a dossier just queued), leaving every retry's backoff as it is: several agents making
   * dossiers ready during an outage must not turn the backoff into a retry storm.
   */
  wake(): Promise<PassReport>;
  status(): SyncStatus;
};

const systemTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};
const AUTH_RETRY_MS = 5 * 60_000;
const MIN_GAP_MS = 250;

export function createSyncEngine(opts: SyncEngineOptions): SyncEngine {
  const { db, portal, clock, logger } = opts;
  const timers = opts.timers ?? systemTimers;
  const policy = opts.policy ?? defaultBackoffPolicy;
  const onlineMs = opts.onlineIntervalMs ?? 30_000;
  const offlineMs = opts.offlineProbeMs ?? 10_000;
  const concurrency = Math.max(1, opts.concurrency ?? 6);
  const maxConcurrency = Math.max(concurrency, opts.maxConcurrency ?? concurrency * 3);
  // as many streams as dossiers x files each, shared: no stream waits while another dossier has files to send
  const baseStreams = concurrency * Math.max(1, opts.fileConcurrency ?? 3);
  const streams = createStreamPool(baseStreams, opts.maxStreams ?? baseStreams * 2);
  const feedPageSize = opts.feedPageSize ?? 200;

  const st = createStatusTracker({ db, clock, emit: opts.emit, logger });
  const portalHealth = createPortalHealth(clock);
  let started = false;
  let timer: unknown = null;
  let abort = new AbortController();
  let running: Promise<PassReport> | null = null;
  let queued: Promise<PassReport> | null = null;
  let forceQueued = false;

  const send = createSender({
    db,
    blobs: opts.blobs,
    portal,
    clock,
    random: opts.random,
    logger,
    policy,
    health: portalHealth,
    fileConcurrency: opts.fileConcurrency,
    streams,
    offsetSaveMs: 1_000,
    progress: (dossierId, localCode, sent, total) => st.progress(dossierId, localCode, sent, total),
  });

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

  /** Reads the status feed to its end; false when it failed (the failure ends the pass and is shown). */
  async function feedStep(signal: AbortSignal, report: PassReport): Promise<boolean> {
    const feed = await pullFeed(db, portal, {
      now: () => clock.now(),
      signal,
      pageSize: feedPageSize,
      onApplied: (dossierId) => opts.emit('dossier.changed', { dossierId }),
    });
    report.feedChanges += feed.changes;
    const failure = feed.failure;
    if (!failure) {
      portalHealth.answered();
      return true;
    }
    if (failure.kind === 'auth') refused(failure);
    report.stoppedBy ??= failure;
    st.failure(failure, 'Không lấy được trạng thái hồ sơ từ cổng');
    return false;
  }

  async function sendDue(signal: AbortSignal, report: PassReport): Promise<void> {
    const inFlight = new Set<string>();
    // A long queue still has the feed read once per online period, beside the sending: ending the pass for it made
    // every stream run dry while the last dossiers finished (bench:sync, docs/BENCHMARKS.md).
    let feedAt = clock.now() + onlineMs;
    const feed: { running: Promise<void> | null } = { running: null };
    const feedIfDue = (): void => {
      if (feed.running || clock.now() < feedAt) return;
      feed.running = feedStep(signal, report)
        .then((ok) => {
          if (ok) st.succeeded(false);
        })
        .finally(() => {
          feed.running = null;
          feedAt = clock.now() + onlineMs;
        });
    };
    // once any worker ends (nothing due, the pass stopped), the extra ones stop waiting for an idle stream: no release
    // may come to wake them
    const ending = new AbortController();
    const idleWait = AbortSignal.any([signal, ending.signal]);
    setMaxListeners(0, idleWait);
    const worker = async (extra: boolean): Promise<void> => {
      while (!report.stoppedBy && !signal.aborted) {
        // past the first `concurrency`, start a dossier only on an idle stream while the portal answers (see options)
        if (extra && !(await streams.whenIdle(idleWait).then(() => portalHealth.answering(), () => false))) return;
        if (report.stoppedBy || signal.aborted) return;
        feedIfDue();
        const row = duePending(db, clock.now(), maxConcurrency * 2 + 1).find((r) => !inFlight.has(r.dossierId));
        if (!row) return;
        inFlight.add(row.dossierId);
        let outcome: SendOutcome;
        try {
          outcome = await send(row, signal);
        } catch (error) {
          // aborted by stop(), or a local fault (disk, database): leave the committed state as it is and end the pass
          if (!signal.aborted)
            logger.error('sync: sending a dossier failed', { error, dossierId: row.dossierId });
          report.stoppedBy ??= INTERNAL_FAILURE;
          return;
        } finally {
          inFlight.delete(row.dossierId);
          st.finished(row.dossierId);
        }
        if (outcome.kind === 'accepted') report.accepted += 1;
        else if (outcome.kind === 'needs_fix') report.needsFix += 1;
        else if (outcome.kind === 'retry') {
          report.retried += 1;
          st.note(`Hồ sơ ${row.localCode}`, outcome.message);
          if (outcome.failure.kind === 'auth') refused(outcome.failure);
          // one cut connection is not an outage: while the portal answers others, or says it is up, go on
          if (
            outcome.stop &&
            !(isConnectionLoss(outcome.failure) && (portalHealth.answering() || (await stillReachable(signal))))
          ) {
            report.stoppedBy ??= outcome.failure;
          }
        }
        if (outcome.kind !== 'retry' && outcome.kind !== 'skipped')
          opts.emit('dossier.changed', { dossierId: row.dossierId });
        st.emit();
      }
    };
    const ended = (extra: boolean) => worker(extra).finally(() => ending.abort());
    await Promise.all(Array.from({ length: maxConcurrency }, (_, i) => ended(i >= concurrency)));
    await feed.running;
  }

  /** the portal refuses the agent code / secret: not online, whatever /health says, until that is fixed */
  function refused(failure: PortalFailure): void {
    if (st.online || !st.authRefused) logger.warn('sync: portal refused the credentials');
    st.setOnline(false);
    st.setAuthRefused(true);
    st.failure(failure, 'Không đăng nhập được cổng');
  }

  async function pass(signal: AbortSignal): Promise<PassReport> {
    const report = emptyReport(false);
    const health = await portal.health({ signal });
    if (health.kind !== 'ok' || health.value.status !== 'ok') {
      const failure: PortalFailure =
        health.kind === 'ok'
          ? { kind: 'retry', reason: 'maintenance', message: 'Cổng dịch vụ công đang bảo trì.' }
          : health;
      if (st.online)
        logger.warn('sync: portal unreachable', {
          reason: failure.kind === 'retry' ? failure.reason : failure.kind,
        });
      st.setOnline(false);
      report.stoppedBy = failure;
      st.failure(failure, 'Chưa kết nối được cổng');
      return report;
    }
    portalHealth.answered();
    // reachable is not enough to say "online": the portal must also accept our agent code and secret. Coming back
    // (from an outage, a restart, a refusal) a token cached earlier proves nothing: the portal may have changed the
    // point's secret meanwhile, so a new one is asked for before the status bar may say "trực tuyến"
    const auth = await portal.authorize(st.online ? undefined : { renew: true });
    if (auth.kind !== 'ok') {
      report.stoppedBy = auth;
      if (auth.kind === 'auth') refused(auth);
      else {
        st.setOnline(false);
        st.failure(auth, 'Chưa kết nối được cổng');
      }
      return report;
    }
    st.setAuthRefused(false);
    if (!st.online) {
      logger.info('sync: portal reachable');
      // back online: whatever waited for the connection goes now, not at the end of its backoff
      makeAllDue(db, clock.now());
    }
    st.setOnline(true);
    report.online = true;
    st.emit();
    await sendDue(signal, report);
    if (report.stoppedBy || signal.aborted) return report;
    if (!(await feedStep(signal, report))) return report;
    st.succeeded(report.retried === 0);
    return report;
  }

  /** Delay before the next automatic pass, from what this pass found. */
  function nextDelay(report: PassReport): number {
    const stop = report.stoppedBy;
    if (stop?.kind === 'auth') return AUTH_RETRY_MS;
    if (stop?.kind === 'retry' && stop.retryAfterMs !== undefined)
      return backoffDelay(1, opts.random, stop.retryAfterMs, policy);
    if (!report.online || stop) return Math.round(offlineMs * (0.5 + opts.random()));
    const due = nextDueAt(db);
    const untilDue = due === null ? onlineMs : Math.max(0, due - clock.now());
    return Math.max(MIN_GAP_MS, Math.min(onlineMs, untilDue));
  }

  function schedule(ms: number): void {
    if (!started) return;
    if (timer !== null) timers.clearTimeout(timer);
    st.scheduled(ms);
    timer = timers.setTimeout(() => {
      timer = null;
      void runPass(false);
    }, ms);
  }

  function runPass(force: boolean): Promise<PassReport> {
    if (running) {
      // one more pass after the current one, forced if any caller asked for "Đồng bộ ngay"
      forceQueued ||= force;
      queued ??= running.then(() => {
        queued = null;
        const forceNext = forceQueued;
        forceQueued = false;
        return runPass(forceNext);
      });
      return queued;
    }
    if (abort.signal.aborted && !started) abort = new AbortController();
    const signal = abort.signal;
    // every request of the pass listens to it: dossiers x files x (request, timeout, retry pause)
    setMaxListeners(0, signal);
    running = (async () => {
      if (force) makeAllDue(db, clock.now());
      st.passStarting();
      let report: PassReport;
      try {
        report = await pass(signal);
      } catch (error) {
        if (!signal.aborted) logger.error('sync: pass failed', { error });
        report = emptyReport(st.online, INTERNAL_FAILURE);
        st.internalFailure(INTERNAL_FAILURE.message);
      }
      st.finished(null);
      try {
        if (started && !signal.aborted) schedule(nextDelay(report));
      } catch (error) {
        // the database went away under us (shutdown): nothing to schedule
        logger.error('sync: could not schedule the next pass', { error });
      }
      st.emit();
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
      setMaxListeners(0, abort.signal);
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
    wake: () => runPass(false),
    status: () => st.snapshot(),
  };
}
