// The outbox: queueing a dossier with its idempotency key, and every committed state change of a send attempt.
import type { Db } from '../../../db/client';
import type { DossierStatus } from '../../common/contract';
import { AppError } from '../../common/errors';
import { recordTransition, statusLabels } from '../dossiers/lifecycle';
import type { PortalFieldError } from './portal-protocol';
import { buildSubmission } from './submission';

export type OutboxState = 'pending' | 'acknowledged' | 'needs_fix' | 'cancelled';
export type AttemptKind = 'queue' | 'upload' | 'submit' | 'status';
export type AttemptOutcome = 'ok' | 'retry' | 'needs_fix' | 'conflict' | 'info';

export type OutboxRow = {
  dossierId: string;
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

const SELECT_ROW = `SELECT dossier_id AS dossierId, idempotency_key AS idempotencyKey, state, attempts,
  next_attempt_at AS nextAttemptAt, last_error AS lastError, body, portal_code AS portalCode,
  last_feed_seq AS lastFeedSeq, queued_at AS queuedAt, acknowledged_at AS acknowledgedAt FROM outbox`;

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

function dossierStatus(db: Db, dossierId: string): DossierStatus {
  const row = db.$client.prepare('SELECT status FROM dossiers WHERE id = ?').get(dossierId) as { status: DossierStatus } | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return row.status;
}

export function addAttempt(
  db: Db,
  a: { dossierId: string; at: number; kind: AttemptKind; outcome: AttemptOutcome; message: string; httpStatus?: number | null },
): void {
  db.$client
    .prepare('INSERT INTO sync_attempts (dossier_id, at, kind, outcome, message, http_status) VALUES (?, ?, ?, ?, ?, ?)')
    .run(a.dossierId, a.at, a.kind, a.outcome, a.message, a.httpStatus ?? null);
}

/**
 * Moves a ready / approved dossier (or one the agent fixed after a refusal) to 'queued', freezes the body the portal
 * will receive and assigns the idempotency key, all in one transaction. The key is kept on every later re-queue.
 */
export function queueDossier(db: Db, input: QueueInput): QueueResult {
  return db.transaction(() => {
    const from = dossierStatus(db, input.dossierId);
    const allowed: DossierStatus[] = input.requireApproval ? ['approved', 'needs_fix'] : ['ready', 'approved', 'needs_fix'];
    if (!allowed.includes(from)) throw new AppError('INVALID_STATE', { status: statusLabels[from] });
    recordTransition(db, { dossierId: input.dossierId, from, to: 'queued', actorId: input.actorId, source: 'local', at: input.at });
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
  return db.$client.prepare(`${SELECT_ROW} WHERE dossier_id = ?`).get(dossierId) as OutboxRow | undefined;
}

export function outboxByKey(db: Db, key: string): OutboxRow | undefined {
  return db.$client.prepare(`${SELECT_ROW} WHERE idempotency_key = ?`).get(key) as OutboxRow | undefined;
}

/** Pending dossiers whose backoff has passed, oldest queued first. */
export function duePending(db: Db, now: number, limit: number): OutboxRow[] {
  return db.$client
    .prepare(`${SELECT_ROW} WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY queued_at, dossier_id LIMIT ?`)
    .all(now, limit) as OutboxRow[];
}

export function pendingCount(db: Db): number {
  return (db.$client.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n;
}

/** When the next pending dossier becomes due (null: nothing pending). */
export function nextDueAt(db: Db): number | null {
  const row = db.$client.prepare("SELECT MIN(next_attempt_at) AS t FROM outbox WHERE state = 'pending'").get() as { t: number | null };
  return row.t;
}

/** Makes every pending dossier due now ("Đồng bộ ngay"). */
export function makeAllDue(db: Db, now: number): void {
  db.$client.prepare("UPDATE outbox SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?").run(now, now);
}

/**
 * Before the first network step: queued -> submitting. Returns false (and cancels the outbox row) when the dossier
 * left the queue locally (withdrawn), so nothing is sent for it.
 */
export function beginSubmitting(db: Db, dossierId: string, at: number): boolean {
  return db.transaction(() => {
    const status = dossierStatus(db, dossierId);
    if (status === 'submitting') return true;
    if (status === 'queued') {
      recordTransition(db, { dossierId, from: 'queued', to: 'submitting', actorId: null, source: 'sync', at });
      return true;
    }
    db.$client.prepare("UPDATE outbox SET state = 'cancelled', updated_at = ? WHERE dossier_id = ?").run(at, dossierId);
    addAttempt(db, { dossierId, at, kind: 'submit', outcome: 'info', message: `Không gửi: hồ sơ đang ở trạng thái "${statusLabels[status]}".` });
    return false;
  });
}

/** The portal holds the dossier (a 201, a replayed answer, or the status feed said so). Idempotent. */
export function recordAccepted(
  db: Db,
  a: { dossierId: string; portalCode: string; at: number; via: 'submit' | 'replay' | 'feed' },
): boolean {
  return db.transaction(() => {
    const row = getOutbox(db, a.dossierId);
    if (!row || row.state === 'acknowledged') return false;
    let status = dossierStatus(db, a.dossierId);
    if (status === 'queued') {
      recordTransition(db, { dossierId: a.dossierId, from: 'queued', to: 'submitting', actorId: null, source: 'sync', at: a.at });
      status = 'submitting';
    }
    if (status === 'submitting') {
      recordTransition(db, {
        dossierId: a.dossierId,
        from: 'submitting',
        to: 'submitted',
        actorId: null,
        source: 'sync',
        at: a.at,
        message: `Mã hồ sơ trên cổng: ${a.portalCode}`,
        set: { portal_code: a.portalCode },
      });
    } else {
      db.$client.prepare('UPDATE dossiers SET portal_code = ? WHERE id = ? AND portal_code IS NULL').run(a.portalCode, a.dossierId);
    }
    db.$client
      .prepare(
        `UPDATE outbox SET state = 'acknowledged', portal_code = ?, acknowledged_at = ?, last_error = NULL,
           last_error_fields = NULL, updated_at = ? WHERE dossier_id = ?`,
      )
      .run(a.portalCode, a.at, a.at, a.dossierId);
    const how = a.via === 'feed' ? ' (xác nhận qua bảng tin trạng thái của cổng)' : a.via === 'replay' ? ' (cổng xác nhận lần gửi trước)' : '';
    addAttempt(db, { dossierId: a.dossierId, at: a.at, kind: 'submit', outcome: 'ok', message: `Cổng đã nhận hồ sơ, mã ${a.portalCode}${how}.` });
    return true;
  });
}

/** A transient failure: the dossier stays pending and is tried again after `delayMs`. Returns the attempt count. */
export function recordRetry(
  db: Db,
  r: { dossierId: string; at: number; kind: AttemptKind; message: string; httpStatus?: number | null; delayMs: number },
): number {
  return db.transaction(() => {
    db.$client
      .prepare(
        `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, updated_at = ?
         WHERE dossier_id = ? AND state = 'pending'`,
      )
      .run(r.at + r.delayMs, r.message, r.at, r.dossierId);
    addAttempt(db, { dossierId: r.dossierId, at: r.at, kind: r.kind, outcome: 'retry', message: r.message, httpStatus: r.httpStatus });
    return getOutbox(db, r.dossierId)?.attempts ?? 0;
  });
}

/** Consecutive failed attempts of a pending dossier (drives its backoff). */
export function attemptsOf(db: Db, dossierId: string): number {
  return getOutbox(db, dossierId)?.attempts ?? 0;
}

/** A step succeeded: the next failure starts the backoff from its first window again. */
export function resetAttempts(db: Db, dossierId: string): void {
  db.$client.prepare('UPDATE outbox SET attempts = 0 WHERE dossier_id = ? AND attempts <> 0').run(dossierId);
}

/** The portal refused the content (or the key): submitting -> needs_fix, with its field messages kept for the UI. */
export function recordNeedsFix(
  db: Db,
  f: {
    dossierId: string;
    at: number;
    kind: AttemptKind;
    outcome: 'needs_fix' | 'conflict';
    message: string;
    fields: PortalFieldError[];
    httpStatus?: number | null;
  },
): void {
  db.transaction(() => {
    let status = dossierStatus(db, f.dossierId);
    if (status === 'queued') {
      recordTransition(db, { dossierId: f.dossierId, from: 'queued', to: 'submitting', actorId: null, source: 'sync', at: f.at });
      status = 'submitting';
    }
    if (status === 'submitting') {
      recordTransition(db, { dossierId: f.dossierId, from: 'submitting', to: 'needs_fix', actorId: null, source: 'sync', at: f.at, message: f.message });
    }
    db.$client
      .prepare(
        `UPDATE outbox SET state = 'needs_fix', attempts = attempts + 1, last_error = ?, last_error_fields = ?, updated_at = ?
         WHERE dossier_id = ?`,
      )
      .run(f.message, JSON.stringify(f.fields), f.at, f.dossierId);
    addAttempt(db, { dossierId: f.dossierId, at: f.at, kind: f.kind, outcome: f.outcome, message: f.message, httpStatus: f.httpStatus });
  });
}
