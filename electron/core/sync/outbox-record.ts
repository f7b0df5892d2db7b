// Committed outcomes of a send attempt: queued -> submitting, accepted, retry later, needs fix (each one transaction).
import type { Db } from '../../../db/client';
import { recordTransition, statusLabels } from '../dossiers/lifecycle';
import { addAttempt, dossierStatus, getOutbox, type AttemptKind } from './outbox';
import type { PortalFieldError } from './portal-protocol';

/**
 * Before the first network step: may this dossier be sent? Reads only while it is queued or submitting (the move to
 * 'submitting' is committed with the upload URLs, see markSubmitting: one fsync per dossier fewer). Returns false
 * (and cancels the outbox row) when the dossier left the queue locally (withdrawn), so nothing is sent for it.
 */
export function beginSubmitting(db: Db, dossierId: string, at: number): boolean {
  return db.transaction(() => {
    const status = dossierStatus(db, dossierId);
    if (status === 'submitting' || status === 'queued') return true;
    db.$client
      .prepare("UPDATE outbox SET state = 'cancelled', updated_at = ? WHERE dossier_id = ?")
      .run(at, dossierId);
    addAttempt(db, {
      dossierId,
      at,
      kind: 'submit',
      outcome: 'info',
      message: `Không gửi: hồ sơ đang ở trạng thái "${statusLabels[status]}".`,
    });
    return false;
  });
}

/**
 * queued -> submitting; nothing when it is past that. Called inside the commit that stores the dossier's upload URLs,
 * before any byte of its files or its POST is sent (a withdrawal can no longer slip in between).
 */
export function markSubmitting(db: Db, dossierId: string, at: number): void {
  if (dossierStatus(db, dossierId) !== 'queued') return;
  recordTransition(db, { dossierId, from: 'queued', to: 'submitting', actorId: null, source: 'sync', at });
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
      recordTransition(db, {
        dossierId: a.dossierId,
        from: 'queued',
        to: 'submitting',
        actorId: null,
        source: 'sync',
        at: a.at,
      });
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
      db.$client
        .prepare('UPDATE dossiers SET portal_code = ? WHERE id = ? AND portal_code IS NULL')
        .run(a.portalCode, a.dossierId);
    }
    db.$client
      .prepare(
        `UPDATE outbox SET state = 'acknowledged', portal_code = ?, acknowledged_at = ?, last_error = NULL,
           last_error_fields = NULL, updated_at = ? WHERE dossier_id = ?`,
      )
      .run(a.portalCode, a.at, a.at, a.dossierId);
    const how =
      a.via === 'feed'
        ? ' (xác nhận qua bảng tin trạng thái của cổng)'
        : a.via === 'replay'
          ? ' (cổng xác nhận lần gửi trước)'
          : '';
    addAttempt(db, {
      dossierId: a.dossierId,
      at: a.at,
      kind: 'submit',
      outcome: 'ok',
      message: `Cổng đã nhận hồ sơ, mã ${a.portalCode}${how}.`,
    });
    return true;
  });
}

/** A transient failure: the dossier stays pending and is tried again after `delayMs`. Returns the attempt count. */
export function recordRetry(
  db: Db,
  r: {
    dossierId: string;
    at: number;
    kind: AttemptKind;
    message: string;
    httpStatus?: number | null;
    delayMs: number;
  },
): number {
  return db.transaction(() => {
    db.$client
      .prepare(
        `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, updated_at = ?
         WHERE dossier_id = ? AND state = 'pending'`,
      )
      .run(r.at + r.delayMs, r.message, r.at, r.dossierId);
    addAttempt(db, {
      dossierId: r.dossierId,
      at: r.at,
      kind: r.kind,
      outcome: 'retry',
      message: r.message,
      httpStatus: r.httpStatus,
    });
    return getOutbox(db, r.dossierId)?.attempts ?? 0;
  });
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
      recordTransition(db, {
        dossierId: f.dossierId,
        from: 'queued',
        to: 'submitting',
        actorId: null,
        source: 'sync',
        at: f.at,
      });
      status = 'submitting';
    }
    if (status === 'submitting') {
      recordTransition(db, {
        dossierId: f.dossierId,
        from: 'submitting',
        to: 'needs_fix',
        actorId: null,
        source: 'sync',
        at: f.at,
        message: f.message,
      });
    }
    db.$client
      .prepare(
        // never over an acknowledgement: the feed, read beside the sending, may have recorded one a moment ago
        `UPDATE outbox SET state = 'needs_fix', attempts = attempts + 1, last_error = ?, last_error_fields = ?, updated_at = ?
         WHERE dossier_id = ? AND state <> 'acknowledged'`,
      )
      .run(f.message, JSON.stringify(f.fields), f.at, f.dossierId);
    addAttempt(db, {
      dossierId: f.dossierId,
      at: f.at,
      kind: f.kind,
      outcome: f.outcome,
      message: f.message,
      httpStatus: f.httpStatus,
    });
  });
}
