// The outbox: queueing a dossier with its idempotency key, the due queue, attempt counters and the timeline rows.
import type { Db } from '../../../db/client';
import type { DossierStatus } from '../../common/contract';
import { AppError } from '../../common/errors';
import { recordTransition, statusLabels } from '../dossiers/lifecycle';
import { buildSubmission } from './submission';

export type OutboxState = 'pending' | 'acknowledged' | 'needs_fix' | 'cancelled';
export type AttemptKind = 'queue' | 'upload' | 'submit' | 'status';
export type AttemptOutcome = 'ok' | 'retry' | 'needs_fix' | 'conflict' | 'info';

export type OutboxRow = {
  dossierId: string;
  /** the receipt code, for messages */
  localCode: string;
  idempotencyKey: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  body: string | null;
  portalCode: string | null;
  lastFeedSeq: number;
  queuedAt: number;
  acknowledgedAt: number | null;
};

const SELECT_ROW = `SELECT o.dossier_id AS dossierId, d.local_code AS localCode, o.idempotency_key AS idempotencyKey,
  o.state, o.attempts, o.next_attempt_at AS nextAttemptAt, o.last_error AS lastError, o.body, o.portal_code AS portalCode,
  o.last_feed_seq AS lastFeedSeq, o.queued_at AS queuedAt, o.acknowledged_at AS acknowledgedAt
  FROM outbox o JOIN dossiers d ON d.id = o.dossier_id`;

export type QueueInput = {
  dossierId: string;
  actorId: string | null;
  at: number;
  /** makes a fresh idempotency key; called only the first time a dossier is queued */
  newKey: () => string;
  /** the office requires a supervisor's approval: a 'ready' dossier may not skip it */
  requireApproval?: boolean;
};

export type QueueResult = { idempotencyKey: string; requeued: boolean };

export function dossierStatus(db: Db, dossierId: string): DossierStatus {
  const row = db.$client.prepare('SELECT status FROM dossiers WHERE id = ?').get(dossierId) as
    { status: DossierStatus } | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return row.status;
}

export function addAttempt(
  db: Db,
  a: {
    dossierId: string;
    at: number;
    kind: AttemptKind;
    outcome: AttemptOutcome;
    message: string;
    httpStatus?: number | null;
  },
): void {
  db.$client
    .prepare(
      'INSERT INTO sync_attempts (dossier_id, at, kind, outcome, message, http_status) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(a.dossierId, a.at, a.kind, a.outcome, a.message, a.httpStatus ?? null);
}

/**
 * Moves a ready / approved dossier (or one the agent fixed after a refusal) to 'queued', freezes the body the portal
 * will receive and assigns the idempotency key, all in one transaction. The key is kept on every later re-queue.
 */
export function queueDossier(db: Db, input: QueueInput): QueueResult {
  return db.transaction(() => {
    const from = dossierStatus(db, input.dossierId);
    const allowed: DossierStatus[] = input.requireApproval
      ? ['approved', 'needs_fix']
      : ['ready', 'approved', 'needs_fix'];
    if (!allowed.includes(from)) throw new AppError('INVALID_STATE', { status: statusLabels[from] });
    recordTransition(db, {
      dossierId: input.dossierId,
      from,
      to: 'queued',
      actorId: input.actorId,
      source: 'local',
      at: input.at,
    });
    const body = JSON.stringify(buildSubmission(db, input.dossierId));
    const existing = getOutbox(db, input.dossierId);
    let key: string;
    if (existing) {
      key = existing.idempotencyKey;
      db.$client
        .prepare(
          `UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL, last_error_fields = NULL,
             body = ?, queued_at = ?, updated_at = ? WHERE dossier_id = ?`,
        )
        .run(input.at, body, input.at, input.at, input.dossierId);
    } else {
      key = input.newKey();
      db.$client
        .prepare(
          `INSERT INTO outbox (dossier_id, idempotency_key, state, attempts, next_attempt_at, body, queued_at, updated_at)
           VALUES (?, ?, 'pending', 0, ?, ?, ?, ?)`,
        )
        .run(input.dossierId, key, input.at, body, input.at, input.at);
    }
    addAttempt(db, {
      dossierId: input.dossierId,
      at: input.at,
      kind: 'queue',
      outcome: 'info',
      message: existing ? 'Đã sửa và xếp hàng gửi lại lên cổng.' : 'Đã xếp hàng chờ gửi lên cổng.',
    });
    return { idempotencyKey: key, requeued: existing !== undefined };
  });
}

export function getOutbox(db: Db, dossierId: string): OutboxRow | undefined {
  return db.$client.prepare(`${SELECT_ROW} WHERE o.dossier_id = ?`).get(dossierId) as OutboxRow | undefined;
}

export function outboxByKey(db: Db, key: string): OutboxRow | undefined {
  return db.$client.prepare(`${SELECT_ROW} WHERE o.idempotency_key = ?`).get(key) as OutboxRow | undefined;
}

/** Pending dossiers whose backoff has passed, oldest queued first. */
export function duePending(db: Db, now: number, limit: number): OutboxRow[] {
  return db.$client
    .prepare(
      `${SELECT_ROW} WHERE o.state = 'pending' AND o.next_attempt_at <= ? ORDER BY o.queued_at, o.dossier_id LIMIT ?`,
    )
    .all(now, limit) as OutboxRow[];
}

export function pendingCount(db: Db): number {
  return (
    db.$client.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }
  ).n;
}

/** When the next pending dossier becomes due (null: nothing pending). */
export function nextDueAt(db: Db): number | null {
  const row = db.$client
    .prepare("SELECT MIN(next_attempt_at) AS t FROM outbox WHERE state = 'pending'")
    .get() as { t: number | null };
  return row.t;
}

/** Makes every pending dossier due now ("Đồng bộ ngay"). */
export function makeAllDue(db: Db, now: number): void {
  db.$client
    .prepare("UPDATE outbox SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?")
    .run(now, now);
}

/** Consecutive failed attempts of a pending dossier (drives its backoff). */
export function attemptsOf(db: Db, dossierId: string): number {
  return getOutbox(db, dossierId)?.attempts ?? 0;
}

/** A step succeeded: the next failure starts the backoff from its first window again. */
export function resetAttempts(db: Db, dossierId: string): void {
  db.$client.prepare('UPDATE outbox SET attempts = 0 WHERE dossier_id = ? AND attempts <> 0').run(dossierId);
}
