// When a dossier may see and link a citizen's earlier documents: the citizen's card read into this dossier (QR or MRZ),
// or a supervisor's approval for this dossier and ID number; both are rows of the append-only audit log.
import type { Db } from '../../../db/client';
import { formatErrorMessage } from '../../common/errors';
import { appendAudit } from '../audit/audit-log';
import { idNumberDigest } from '../privacy/id-digest';

export const ID_CARD_READ_ACTION = 'idcard.read';
export const REUSE_APPROVE_ACTION = 'reuse.approve';

/** Card readings that prove the citizen is at the counter: machine-read codes, not OCR of the printed text. */
const PROVING_SOURCES = new Set(['qr', 'mrz']);

export type ReuseAccess = { allowed: true; by: 'card' | 'supervisor' } | { allowed: false; reason: string };

/** Recorded by the ID-card reader for every reading into a dossier, with where the ID number came from. */
export function recordIdCardReading(
  db: Db,
  entry: { at: number; actorId: string; dossierId: string; idNumber: string | null; source: string },
): void {
  appendAudit(db, {
    at: entry.at,
    actorId: entry.actorId,
    action: ID_CARD_READ_ACTION,
    entity: 'dossier',
    entityId: entry.dossierId,
    details: { source: entry.source, idNumber: entry.idNumber ? idNumberDigest(db, entry.idNumber) : null },
  });
}

export function recordReuseApproval(db: Db, entry: { at: number; actorId: string; dossierId: string; idNumber: string; reason: string }): void {
  appendAudit(db, {
    at: entry.at,
    actorId: entry.actorId,
    action: REUSE_APPROVE_ACTION,
    entity: 'dossier',
    entityId: entry.dossierId,
    details: { idNumber: idNumberDigest(db, entry.idNumber), reason: entry.reason },
  });
}

/**
 * Has the citizen agreed (and not withdrawn) to keep the documents of at least one other dossier for re-use? Only
 * those dossiers' pages are ever offered (reuse-service earlierPages): Law 91/2025/QH15 Điều 9, a separate purpose.
 */
export function reuseConsentGiven(db: Db, input: { dossierId: string; idNumber: string }): boolean {
  return (
    db.$client
      .prepare(
        `SELECT 1 FROM dossiers d JOIN consents k ON k.dossier_id = d.id
          WHERE d.applicant_id_number = ? AND d.id <> ? AND k.purpose = 'reuse' AND k.withdrawn_at IS NULL LIMIT 1`,
      )
      .get(input.idNumber, input.dossierId) !== undefined
  );
}

/**
 * May this dossier, whose applicant has `idNumber` (normalised and valid), see and link that citizen's earlier pages?
 * The one place the rule lives: the citizen at the counter (card read) or a supervisor's approval, and the citizen's
 * consent to re-use given on an earlier dossier.
 */
export function reuseAllowed(db: Db, input: { dossierId: string; idNumber: string }): ReuseAccess {
  const access = presenceOrApproval(db, input);
  if (access.allowed && !reuseConsentGiven(db, input)) return { allowed: false, reason: formatErrorMessage('REUSE_NO_CONSENT') };
  return access;
}

function presenceOrApproval(db: Db, input: { dossierId: string; idNumber: string }): ReuseAccess {
  const digest = idNumberDigest(db, input.idNumber);
  const rows = db.$client
    .prepare('SELECT action, details FROM audit_log WHERE entity = ? AND entity_id = ? AND action IN (?, ?)')
    .all('dossier', input.dossierId, ID_CARD_READ_ACTION, REUSE_APPROVE_ACTION) as { action: string; details: string }[];
  let approved = false;
  for (const row of rows) {
    const details = JSON.parse(row.details) as { idNumber?: unknown; source?: unknown };
    if (details.idNumber !== digest) continue;
    if (row.action === ID_CARD_READ_ACTION && typeof details.source === 'string' && PROVING_SOURCES.has(details.source)) {
      return { allowed: true, by: 'card' };
    }
    if (row.action === REUSE_APPROVE_ACTION) approved = true;
  }
  if (approved) return { allowed: true, by: 'supervisor' };
  return { allowed: false, reason: formatErrorMessage('REUSE_NOT_ALLOWED') };
}
