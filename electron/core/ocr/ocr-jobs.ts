// SQL for the durable OCR queue: jobs rows (kind 'ocr', ref_id = page id) and the pages' OCR columns.
import { and, asc, eq, inArray, lte, min, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { jobs, pages } from '../../../db/schema';
import { asRotation, type PageRotation } from '../files/page-image';
import { appendAudit } from '../audit/audit-log';
import { parseStoredQuality, type QualityCode } from '../quality';
import type { OcrResult } from './ocr-engine';
import { turnWords, uprightTurn } from './upright';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Conn = Db | Tx;

export type ClaimedOcrJob = {
  jobId: number;
  pageId: string;
  dossierId: string;
  blobSha256: string;
  rotation: PageRotation;
  attempts: number;
  /** the quality gate's findings stored with the page (pages.quality): a blank page is not recognised at all */
  findings: QualityCode[];
};

/**
 * Inserts the page's OCR job; a second call for the same page changes nothing (unique kind+ref_id).
 * Takes a transaction too, so the caller can add the page and its job atomically.
 */
export function insertOcrJob(conn: Conn, pageId: string, now: number): void {
  conn
    .insert(jobs)
    .values({
      kind: 'ocr',
      refId: pageId,
      state: 'queued',
      attempts: 0,
      nextRunAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: [jobs.kind, jobs.refId] })
    .run();
}

/** Puts a finished or failed job back in the queue (after a rotation, or the agent's "retry"). */
export function requeueOcrJob(conn: Conn, pageId: string, now: number): boolean {
  const result = conn
    .update(jobs)
    .set({ state: 'queued', attempts: 0, nextRunAt: now, lastError: null, updatedAt: now })
    .where(and(eq(jobs.kind, 'ocr'), eq(jobs.refId, pageId), inArray(jobs.state, ['done', 'failed'])))
    .run();
  if (result.changes > 0) conn.update(pages).set({ ocrStatus: 'pending' }).where(eq(pages.id, pageId)).run();
  return result.changes > 0;
}

/**
 * After a crash: jobs left 'running' go back to 'queued', their pages back to 'pending', and pages
 * still 'pending' without any job (committed just before a crash) get one. Returns the jobs requeued.
 */
export function recoverOcrJobs(db: Db, now: number): number {
  return db.transaction((tx) => {
    const stuck = tx
      .update(jobs)
      .set({ state: 'queued', nextRunAt: now, updatedAt: now })
      .where(and(eq(jobs.kind, 'ocr'), eq(jobs.state, 'running')))
      .run();
    tx.update(pages).set({ ocrStatus: 'pending' }).where(eq(pages.ocrStatus, 'running')).run();
    tx.run(sql`INSERT INTO jobs (kind, ref_id, state, attempts, next_run_at, created_at, updated_at)
      SELECT 'ocr', p.id, 'queued', 0, ${now}, ${now}, ${now} FROM pages p
      WHERE p.ocr_status = 'pending'
        AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.kind = 'ocr' AND j.ref_id = p.id)`);
    return stuck.changes;
  });
}

/** What the agent is looking at: this dossier's pages are recognised first, `pageId` before all of them. */
export type OcrFocus = { dossierId: string; pageId?: string | null };

type DueJob = { id: number; refId: string; attempts: number };

/**
 * The claim order is (focused page, pages of the focused dossier, everyone else), each by next_run_at, id,
 * and only among due jobs, so a retry in backoff is never pulled forward. It runs as up to three index
 * probes rather than one `ORDER BY CASE ...`: that form scans and sorts every due job (about 2 ms per claim
 * with 6,000 queued), the probes cost microseconds whatever the queue length.
 */
function dueProbes(conn: Conn, now: number, focus: OcrFocus | null | undefined) {
  const due = and(eq(jobs.kind, 'ocr'), eq(jobs.state, 'queued'), lte(jobs.nextRunAt, now));
  const cols = { id: jobs.id, refId: jobs.refId, attempts: jobs.attempts };
  const probes = [];
  if (focus?.pageId) {
    // the unique (kind, ref_id) index finds the page's job directly
    probes.push(conn.select(cols).from(jobs).where(and(due, eq(jobs.refId, focus.pageId))).limit(1));
  }
  if (focus) {
    // CROSS JOIN keeps pages as the outer loop (pages_dossier_idx, then the job by its unique index): a plain
    // join lets SQLite walk jobs_due_idx over every due job instead, because that index matches the ORDER BY
    probes.push(
      conn
        .select(cols)
        .from(pages)
        .crossJoin(jobs)
        .where(and(eq(pages.dossierId, focus.dossierId), eq(jobs.refId, pages.id), due))
        .orderBy(asc(jobs.nextRunAt), asc(jobs.id))
        .limit(1),
    );
  }
  probes.push(conn.select(cols).from(jobs).where(due).orderBy(asc(jobs.nextRunAt), asc(jobs.id)).limit(1));
  return probes;
}

function nextDueJob(conn: Conn, now: number, focus: OcrFocus | null | undefined): DueJob | undefined {
  for (const probe of dueProbes(conn, now, focus)) {
    const job = probe.get();
    if (job) return job;
  }
  return undefined;
}

/** SQLite's plan for each claim probe (diagnostics and tests: every step must be an index search). */
export function explainOcrClaim(db: Db, now: number, focus?: OcrFocus | null): string[] {
  return dueProbes(db, now, focus).map((probe) => {
    const { sql: text, params } = probe.toSQL();
    const rows = db.$client.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as Array<{ detail: string }>;
    return rows.map((r) => r.detail).join(' | ');
  });
}

/**
 * Takes the next due job (the focused page, then the focused dossier's pages, then the rest: see dueProbes)
 * and marks it and its page 'running'. A job whose page was deleted meanwhile is closed as done on the way,
 * silently.
 */
export function claimNextOcrJob(db: Db, now: number, focus?: OcrFocus | null): ClaimedOcrJob | null {
  return db.transaction((tx) => {
    for (;;) {
      const job = nextDueJob(tx, now, focus);
      if (!job) return null;
      const page = tx
        .select({ dossierId: pages.dossierId, blobSha256: pages.blobSha256, rotation: pages.rotation, quality: pages.quality })
        .from(pages)
        .where(eq(pages.id, job.refId))
        .get();
      if (!page) {
        tx.update(jobs).set({ state: 'done', updatedAt: now }).where(eq(jobs.id, job.id)).run();
        continue;
      }
      tx.update(jobs).set({ state: 'running', updatedAt: now }).where(eq(jobs.id, job.id)).run();
      tx.update(pages).set({ ocrStatus: 'running' }).where(eq(pages.id, job.refId)).run();
      return {
        jobId: job.id,
        pageId: job.refId,
        dossierId: page.dossierId,
        blobSha256: page.blobSha256,
        rotation: asRotation(page.rotation),
        attempts: job.attempts,
        findings: parseStoredQuality(page.quality).map((f) => f.code),
      };
    }
  });
}

/**
 * What became of a finished reading: written ('done', with `turned` when the page was turned upright), dropped because
 * the page was deleted meanwhile ('gone'), or dropped because the agent turned the page while it was being read: the
 * job is queued again for the page as it is now ('stale').
 */
export type CompleteOutcome = { kind: 'done'; turned: PageRotation; confidence: number | null } | { kind: 'gone' } | { kind: 'stale' };

/**
 * 55%: the most confidence shown for a page the quality gate found blurred. tesseract's own confidence stays high on
 * blurred text while its errors grow (npm run bench:quality: blur sweep, confidence against CER), so an agent seeing
 * 80% would trust a reading that needs checking; below 60% the page list reads as "check this".
 */
export const BLURRY_CONFIDENCE_CAP = 55;

/** The confidence to store and show: tesseract's, capped on a page the quality gate found blurred. */
export function shownConfidence(confidence: number, findings: readonly QualityCode[]): number {
  return findings.includes('blurry') ? Math.min(confidence, BLURRY_CONFIDENCE_CAP) : confidence;
}

/** Writes the result and closes the job in one transaction (see CompleteOutcome). */
export function completeOcrJob(db: Db, job: ClaimedOcrJob, result: OcrResult, now: number): CompleteOutcome {
  return db.transaction((tx): CompleteOutcome => {
    const page = tx
      .select({ rotation: pages.rotation, width: pages.width, height: pages.height })
      .from(pages)
      .where(eq(pages.id, job.pageId))
      .get();
    if (!page) {
      tx.update(jobs).set({ state: 'done', lastError: null, updatedAt: now }).where(eq(jobs.id, job.jobId)).run();
      return { kind: 'gone' };
    }
    if (page.rotation !== job.rotation) {
      // read at the old turn: its words would sit wrong on the page; read again (no attempt counted)
      tx.update(jobs).set({ state: 'queued', nextRunAt: now, updatedAt: now }).where(eq(jobs.id, job.jobId)).run();
      tx.update(pages).set({ ocrStatus: 'pending' }).where(eq(pages.id, job.pageId)).run();
      return { kind: 'stale' };
    }
    const turned = uprightTurn(result);
    const confidence = shownConfidence(result.confidence, job.findings);
    const words = turned === 0 ? result.words : turnWords(result.words, turned, { storedWidth: page.width, storedHeight: page.height, rotation: job.rotation });
    tx.update(pages)
      .set({
        ocrStatus: 'done',
        ocrText: result.text,
        ocrConfidence: confidence,
        ocrWords: JSON.stringify(words),
        ...(turned === 0 ? {} : { rotation: (job.rotation + turned) % 360 }),
      })
      .where(eq(pages.id, job.pageId))
      .run();
    tx.update(jobs)
      .set({ state: 'done', lastError: null, updatedAt: now })
      .where(eq(jobs.id, job.jobId))
      .run();
    if (turned !== 0) {
      appendAudit(db, {
        at: now,
        actorId: null,
        action: 'page.auto_rotate',
        entity: 'dossier',
        entityId: job.dossierId,
        details: { page: job.pageId, from: job.rotation, to: (job.rotation + turned) % 360 },
      });
    }
    return { kind: 'done', turned, confidence };
  });
}

/**
 * A page the quality gate found blank is not recognised: its job ends at once as done, with no text and no
 * confidence (the page list reads "Trang trắng"), and no OCR worker is held for it. Deleted or turned meanwhile:
 * as completeOcrJob.
 */
export function completeBlankOcrJob(db: Db, job: ClaimedOcrJob, now: number): CompleteOutcome {
  return db.transaction((tx): CompleteOutcome => {
    const page = tx.select({ rotation: pages.rotation }).from(pages).where(eq(pages.id, job.pageId)).get();
    if (page && page.rotation !== job.rotation) {
      tx.update(jobs).set({ state: 'queued', nextRunAt: now, updatedAt: now }).where(eq(jobs.id, job.jobId)).run();
      tx.update(pages).set({ ocrStatus: 'pending' }).where(eq(pages.id, job.pageId)).run();
      return { kind: 'stale' };
    }
    tx.update(jobs).set({ state: 'done', lastError: null, updatedAt: now }).where(eq(jobs.id, job.jobId)).run();
    if (!page) return { kind: 'gone' };
    tx.update(pages).set({ ocrStatus: 'done', ocrText: '', ocrConfidence: null, ocrWords: '[]' }).where(eq(pages.id, job.pageId)).run();
    return { kind: 'done', turned: 0, confidence: null };
  });
}

/** Whether the stored findings say the page is blank (the gate's nearly_blank verdict). */
export const isBlankPage = (findings: readonly QualityCode[]): boolean => findings.includes('nearly_blank');

export type FailureOutcome = { state: 'queued' | 'failed'; attempts: number; pageExists: boolean };

/** Counts the failure; below maxAttempts the job waits until retryAt, at maxAttempts it and its page fail. */
export function failOcrJob(
  db: Db,
  job: ClaimedOcrJob,
  error: string,
  opts: { now: number; retryAt: number; maxAttempts: number },
): FailureOutcome {
  return db.transaction((tx) => {
    const attempts = job.attempts + 1;
    const state = attempts >= opts.maxAttempts ? 'failed' : 'queued';
    tx.update(jobs)
      .set({
        state,
        attempts,
        lastError: error.slice(0, 1000),
        nextRunAt: state === 'queued' ? opts.retryAt : opts.now,
        updatedAt: opts.now,
      })
      .where(eq(jobs.id, job.jobId))
      .run();
    const page = tx
      .update(pages)
      .set({ ocrStatus: state === 'failed' ? 'failed' : 'pending' })
      .where(eq(pages.id, job.pageId))
      .run();
    return { state, attempts, pageExists: page.changes > 0 };
  });
}

/** Number of OCR jobs still to do (queued, whenever due, or running). */
export function countOpenOcrJobs(db: Db): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(jobs)
    .where(and(eq(jobs.kind, 'ocr'), inArray(jobs.state, ['queued', 'running'])))
    .get();
  return row?.n ?? 0;
}

/** When the earliest queued job is (or was) due, or null when nothing is queued. */
export function nextOcrDueAt(db: Db): number | null {
  const row = db
    .select({ at: min(jobs.nextRunAt) })
    .from(jobs)
    // every queued job, also one that fell due since the caller's last claim: filtering on "> now" lost a
    // retry that became due between the claim and this query, and the queue then slept forever
    .where(and(eq(jobs.kind, 'ocr'), eq(jobs.state, 'queued')))
    .get();
  return row?.at ?? null;
}

export function pageDossierId(db: Db, pageId: string): string | null {
  return (
    db.select({ dossierId: pages.dossierId }).from(pages).where(eq(pages.id, pageId)).get()?.dossierId ?? null
  );
}
