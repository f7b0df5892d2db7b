// The dossier state machine: allowed transitions, and the one function that records a change.
import type { Db } from '../../../db/client';
import type { DossierStatus } from '../../common/contract';
import { portalStatuses } from '../../common/dossier-status';
import { AppError } from '../../common/errors';
import { formatDateTime } from '../../common/format';
import { appendAudit } from '../audit/audit-log';

const PORTAL_STATUSES: readonly DossierStatus[] = [...portalStatuses, 'withdrawn'];

export const transitions: Record<DossierStatus, readonly DossierStatus[]> = {
  draft: ['ready', 'awaiting_review', 'withdrawn'],
  ready: ['draft', 'queued', 'awaiting_review', 'withdrawn'],
  awaiting_review: ['approved', 'returned', 'withdrawn'],
  approved: ['queued', 'withdrawn'],
  returned: ['draft', 'ready', 'awaiting_review', 'withdrawn'],
  queued: ['submitting', 'withdrawn'],
  submitting: ['submitted', 'needs_fix', 'queued'],
  submitted: PORTAL_STATUSES,
  needs_fix: ['draft', 'ready', 'queued', 'awaiting_review', 'withdrawn'],
  received: PORTAL_STATUSES,
  processing: PORTAL_STATUSES,
  supplement_requested: PORTAL_STATUSES,
  result_ready: ['completed', 'rejected'],
  completed: [],
  rejected: [],
  withdrawn: [],
};

/** statuses in which the agent may still change applicant data and pages */
export const EDITABLE: readonly DossierStatus[] = ['draft', 'returned', 'needs_fix'];

export const statusLabels: Record<DossierStatus, string> = {
  draft: 'Đang nhập',
  ready: 'Sẵn sàng',
  awaiting_review: 'Chờ duyệt',
  approved: 'Đã duyệt',
  returned: 'Trả lại để sửa',
  queued: 'Chờ gửi',
  submitting: 'Đang gửi',
  submitted: 'Đã gửi',
  needs_fix: 'Cần sửa',
  received: 'Cổng đã tiếp nhận',
  processing: 'Đang xử lý',
  supplement_requested: 'Yêu cầu bổ sung',
  result_ready: 'Có kết quả',
  completed: 'Hoàn thành',
  rejected: 'Bị từ chối',
  withdrawn: 'Đã rút',
};

/**
 * The refusal of a change built on an older version of the dossier (another tab, window or PC saved in between):
 * nothing is overwritten, and the agent is told when the newer version was saved (Vietnam time, HH:mm).
 */
export function staleVersion(updatedAt: number): AppError {
  return new AppError('CONFLICT', { at: formatDateTime(updatedAt).slice(0, 5) });
}

/** A change that names the version it was built on is refused when the dossier has moved on since. */
export function assertVersion(row: { version: number; updatedAt: number }, expected: number | undefined): void {
  if (expected !== undefined && expected !== row.version) throw staleVersion(row.updatedAt);
}

export function assertEditable(status: DossierStatus): void {
  if (!EDITABLE.includes(status)) throw new AppError('INVALID_STATE', { status: statusLabels[status] });
}

export type TransitionInput = {
  dossierId: string;
  from: DossierStatus;
  to: DossierStatus;
  actorId: string | null;
  source: 'local' | 'portal' | 'sync';
  message?: string | null;
  at: number;
  /** extra column updates made in the same statement */
  set?: Record<string, string | number | null>;
};

/** Must run inside a transaction: updates status and version, writes the status event and the audit row. */
export function recordTransition(db: Db, t: TransitionInput): void {
  if (!transitions[t.from].includes(t.to)) {
    throw new AppError('INVALID_STATE', { status: statusLabels[t.from] });
  }
  const extra = Object.entries(t.set ?? {});
  const assignments = ['status = ?', 'version = version + 1', 'updated_at = ?', ...extra.map(([k]) => `${k} = ?`)];
  const result = db.$client
    .prepare(`UPDATE dossiers SET ${assignments.join(', ')} WHERE id = ? AND status = ?`)
    .run(t.to, t.at, ...extra.map(([, v]) => v), t.dossierId, t.from);
  if (result.changes !== 1) {
    const now = db.$client.prepare('SELECT updated_at AS at FROM dossiers WHERE id = ?').get(t.dossierId) as { at: number } | undefined;
    throw staleVersion(now?.at ?? t.at);
  }
  db.$client
    .prepare(
      'INSERT INTO status_events (dossier_id, from_status, to_status, actor_id, source, message, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(t.dossierId, t.from, t.to, t.actorId, t.source, t.message ?? null, t.at);
  appendAudit(db, {
    at: t.at,
    actorId: t.actorId,
    action: `dossier.${t.to}`,
    entity: 'dossier',
    entityId: t.dossierId,
    details: { from: t.from, source: t.source, ...(t.message ? { message: t.message } : {}) },
  });
}
