// The durable OCR queue: runs page OCR jobs from the jobs table, retries with backoff, resumes after a crash.
import type { Db } from '../../../db/client';
import type { Clock, Logger } from '../ports';
import type { OcrEngine } from './ocr-engine';
import {
  claimNextOcrJob,
  completeBlankOcrJob,
  completeOcrJob,
  countOpenOcrJobs,
  failOcrJob,
  insertOcrJob,
  isBlankPage,
  nextOcrDueAt,
  pageDossierId,
  recoverOcrJobs,
  requeueOcrJob,
  type ClaimedOcrJob,
  type OcrFocus,
} from './ocr-jobs';

export type { OcrFocus } from './ocr-jobs';

export type OcrPageStatus = 'pending' | 'running' | 'done' | 'failed';

export type OcrProgressEvent = {
  type: 'ocr.progress';
  dossierId: string;
  pageId: string;
  status: OcrPageStatus;
  confidence?: number;
  /** done without recognition: the quality gate found the page blank */
  blank?: boolean;
};

export type OcrQueueDeps = {
  db: Db;
  readBlob: (sha256: string) => Promise<Uint8Array>;
  engine: OcrEngine;
  clock: Clock;
  emit: (event: OcrProgressEvent) => void;
  logger: Logger;
  /** pages recognised at once; match the engine's worker count. Default 2 */
  concurrency?: number;
  /** default 3 */
  maxAttempts?: number;
  /** wait before retry number `attempt` (1-based). Default 10 s, 60 s, ... */
  retryDelayMs?: (attempt: number) => number;
};

export type OcrQueue = {
  /** Queues the page's OCR (idempotent). `force` re-runs a page already done or failed (rotation, retry). */
  enqueue(pageId: string, opts?: { force?: boolean }): void;
  /** Requeues jobs a crash left running, then works through due jobs in the background. */
  start(): void;
  /** Takes no new job; resolves when the pages in progress are written. */
  stop(): Promise<void>;
  /** Resolves when no OCR job is queued or running. */
  idle(): Promise<void>;
  /**
   * Recognises what the agent is looking at first: the page, then the rest of its dossier (also pages added
   * later), then the queue in its usual order. Pages already running finish; retries in backoff keep waiting.
   * One focus per app, the last call wins (see below). Returns false, focusing nothing, when `pageId` is not
   * a page of `dossierId`.
   */
  focus(next: OcrFocus | null): boolean;
};

const defaultRetryDelay = (attempt: number): number => 10_000 * 6 ** (attempt - 1);

/** Longest sleep between checks for due retries, so a clock change cannot stall the queue for long. */
const MAX_SLEEP_MS = 30_000;

export function createOcrQueue(deps: OcrQueueDeps): OcrQueue {
  const { db, engine, clock, emit, logger } = deps;
  const concurrency = Math.max(1, deps.concurrency ?? 2);
  const maxAttempts = deps.maxAttempts ?? 3;
  const retryDelayMs = deps.retryDelayMs ?? defaultRetryDelay;
  const inFlight = new Set<Promise<void>>();
  let idleWaiters: Array<() => void> = [];
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let scheduled = false;
  /**
   * In memory only, one per app: a counter PC has one screen and one OCR pool, and the dossier someone opened
   * last is the one a person is waiting for. Focus per session would have to rank several dossiers against
   * each other and forget the sessions that end without saying so; a stale focus here only reorders work.
   */
  let focused: OcrFocus | null = null;

  function safeEmit(event: OcrProgressEvent): void {
    try {
      emit(event);
    } catch (error) {
      logger.warn('ocr progress listener failed', { error: String(error) });
    }
  }

  /** A database error (disk full, file gone) must not escape into a timer callback and kill the app. */
  function guarded(what: string, step: () => void): void {
    try {
      step();
    } catch (error) {
      logger.error(what, { error: String(error) });
      if (running && !timer) timer = setTimeout(wake, MAX_SLEEP_MS);
    }
  }

  function checkIdle(): void {
    if (idleWaiters.length === 0 || countOpenOcrJobs(db) > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function wake(): void {
    if (!running || scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      guarded('ocr queue step failed', pump);
    });
  }

  function pump(): void {
    if (!running) return;
    while (inFlight.size < concurrency) {
      const job = claimNextOcrJob(db, clock.now(), focused);
      if (!job) break;
      safeEmit({ type: 'ocr.progress', dossierId: job.dossierId, pageId: job.pageId, status: 'running' });
      const work = runJob(job).finally(() => {
        inFlight.delete(work);
        guarded('ocr queue bookkeeping failed', checkIdle);
        wake();
      });
      inFlight.add(work);
    }
    sleepUntilNextDue();
    checkIdle();
  }

  function sleepUntilNextDue(): void {
    clearTimeout(timer);
    timer = undefined;
    const now = clock.now();
    const due = nextOcrDueAt(db);
    if (due === null) return;
    // all workers busy with due work waiting: the next completion wakes the queue, no need to poll
    if (due <= now && inFlight.size >= concurrency) return;
    timer = setTimeout(wake, Math.min(MAX_SLEEP_MS, Math.max(10, due - now)));
  }

  /** The quality gate said blank: the job ends now, without reading the image or taking an OCR worker. */
  function skipBlank(job: ClaimedOcrJob): void {
    const outcome = completeBlankOcrJob(db, job, clock.now());
    if (outcome.kind === 'gone') return;
    if (outcome.kind === 'stale') {
      safeEmit({ type: 'ocr.progress', dossierId: job.dossierId, pageId: job.pageId, status: 'pending' });
      return;
    }
    logger.info('ocr page skipped: blank', { pageId: job.pageId });
    safeEmit({ type: 'ocr.progress', dossierId: job.dossierId, pageId: job.pageId, status: 'done', blank: true });
  }

  async function runJob(job: ClaimedOcrJob): Promise<void> {
    try {
      if (isBlankPage(job.findings)) {
        skipBlank(job);
        return;
      }
      const image = await deps.readBlob(job.blobSha256);
      const result = await engine.recognize(image, { rotation: job.rotation });
      const outcome = completeOcrJob(db, job, result, clock.now());
      if (outcome.kind === 'gone') return; // page deleted while it was being read: nothing to report
      if (outcome.kind === 'stale') {
        // the agent turned the page meanwhile: it is read again as it is now
        safeEmit({ type: 'ocr.progress', dossierId: job.dossierId, pageId: job.pageId, status: 'pending' });
        return;
      }
      logger.info('ocr page done', {
        pageId: job.pageId,
        ms: result.durationMs,
        confidence: result.confidence,
        ...(outcome.confidence === result.confidence ? {} : { shownConfidence: outcome.confidence }),
        ...(outcome.turned === 0 ? {} : { turnedUpright: outcome.turned }),
      });
      safeEmit({
        type: 'ocr.progress',
        dossierId: job.dossierId,
        pageId: job.pageId,
        status: 'done',
        ...(outcome.confidence === null ? {} : { confidence: outcome.confidence }),
      });
    } catch (error) {
      guarded('ocr failure could not be recorded', () => recordFailure(job, error));
    }
  }

  function recordFailure(job: ClaimedOcrJob, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const reason =
      typeof (error as { details?: { reason?: unknown } }).details?.reason === 'string'
        ? `${message} (${String((error as { details: { reason: string } }).details.reason)})`
        : message;
    const now = clock.now();
    const outcome = failOcrJob(db, job, reason, {
      now,
      retryAt: now + retryDelayMs(job.attempts + 1),
      maxAttempts,
    });
    logger.warn('ocr page failed', {
      pageId: job.pageId,
      attempts: outcome.attempts,
      state: outcome.state,
      error: reason,
    });
    if (!outcome.pageExists) return;
    const status = outcome.state === 'failed' ? 'failed' : 'pending';
    safeEmit({ type: 'ocr.progress', dossierId: job.dossierId, pageId: job.pageId, status });
  }

  return {
    enqueue(pageId, opts = {}) {
      const now = clock.now();
      insertOcrJob(db, pageId, now);
      if (opts.force && requeueOcrJob(db, pageId, now)) {
        const dossierId = pageDossierId(db, pageId);
        if (dossierId) safeEmit({ type: 'ocr.progress', dossierId, pageId, status: 'pending' });
      }
      wake();
    },
    start() {
      if (running) return;
      running = true;
      const recovered = recoverOcrJobs(db, clock.now());
      if (recovered > 0) logger.info('ocr jobs resumed after restart', { jobs: recovered });
      wake();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      timer = undefined;
      await Promise.all([...inFlight]);
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        checkIdle();
      });
    },
    focus(next) {
      if (next?.pageId && pageDossierId(db, next.pageId) !== next.dossierId) return false;
      focused = next ? { dossierId: next.dossierId, pageId: next.pageId ?? null } : null;
      return true;
    },
  };
}
