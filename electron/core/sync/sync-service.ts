// Read side of sync for the UI: a dossier's sync timeline, supplement requests, dossiers with results due or overdue.
import type { Db } from '../../../db/client';
import type { DossierStatus } from '../../common/contract';
import { statusLabels } from '../dossiers/lifecycle';
import type { AttemptKind, AttemptOutcome, OutboxState } from './outbox';
import type { PortalFieldError } from './portal-protocol';

export type TimelineEntry =
  | {
      type: 'attempt';
      at: number;
      kind: AttemptKind;
      outcome: AttemptOutcome;
      message: string;
      httpStatus: number | null;
    }
  | {
      type: 'status';
      at: number;
      source: 'local' | 'portal' | 'sync';
      from: DossierStatus | null;
      to: DossierStatus;
      label: string;
      message: string | null;
    };

export type SyncTimeline = {
  dossierId: string;
  status: DossierStatus;
  portalCode: string | null;
  /** null when the dossier was never queued */
  outbox: {
    state: OutboxState;
    queuedAt: number;
    acknowledgedAt: number | null;
    attempts: number;
    nextAttemptAt: number | null;
    /** plain Vietnamese reason of the last failure */
    lastError: string | null;
    /** the portal's field messages, as it sent them */
    lastErrorFields: PortalFieldError[];
    /** the same keyed by field path ("applicant.idNumber"), for showing beside the fields */
    fieldMessages: Record<string, string>;
    bytesUploaded: number;
    bytesTotal: number;
  } | null;
  entries: TimelineEntry[];
};

function parseFields(json: string | null): PortalFieldError[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as PortalFieldError[]) : [];
  } catch {
    return [];
  }
}

/** Newest last. `limit` keeps the most recent entries of a dossier that retried for days. */
export function dossierSyncTimeline(db: Db, dossierId: string, limit = 200): SyncTimeline | null {
  const d = db.$client.prepare('SELECT id, status, portal_code FROM dossiers WHERE id = ?').get(dossierId) as
    { id: string; status: DossierStatus; portal_code: string | null } | undefined;
  if (!d) return null;
  const box = db.$client
    .prepare(
      'SELECT state, queued_at, acknowledged_at, attempts, next_attempt_at, last_error, last_error_fields, body FROM outbox WHERE dossier_id = ?',
    )
    .get(dossierId) as
    | {
        state: OutboxState;
        queued_at: number;
        acknowledged_at: number | null;
        attempts: number;
        next_attempt_at: number;
        last_error: string | null;
        last_error_fields: string | null;
        body: string | null;
      }
    | undefined;
  const attempts = db.$client
    .prepare(
      'SELECT at, kind, outcome, message, http_status FROM sync_attempts WHERE dossier_id = ? ORDER BY id DESC LIMIT ?',
    )
    .all(dossierId, limit) as {
    at: number;
    kind: AttemptKind;
    outcome: AttemptOutcome;
    message: string;
    http_status: number | null;
  }[];
  const statuses = db.$client
    .prepare(
      `SELECT at, source, from_status, to_status, message FROM status_events
       WHERE dossier_id = ? AND (source <> 'local' OR to_status = 'queued') ORDER BY id DESC LIMIT ?`,
    )
    .all(dossierId, limit) as {
    at: number;
    source: 'local' | 'portal' | 'sync';
    from_status: DossierStatus | null;
    to_status: DossierStatus;
    message: string | null;
  }[];
  const entries: TimelineEntry[] = [
    ...attempts.map((a): TimelineEntry => ({
      type: 'attempt',
      at: a.at,
      kind: a.kind,
      outcome: a.outcome,
      message: a.message,
      httpStatus: a.http_status,
    })),
    ...statuses.map((s): TimelineEntry => ({
      type: 'status',
      at: s.at,
      source: s.source,
      from: s.from_status,
      to: s.to_status,
      label: statusLabels[s.to_status],
      message: s.message,
    })),
  ]
    .sort((a, b) => a.at - b.at)
    .slice(-limit);
  let outbox: SyncTimeline['outbox'] = null;
  if (box) {
    const fields = parseFields(box.last_error_fields);
    const files = new Map<string, number>();
    try {
      const body = JSON.parse(box.body ?? '{}') as {
        components?: { files?: { sha256: string; size: number }[] }[];
      };
      for (const c of body.components ?? []) for (const f of c.files ?? []) files.set(f.sha256, f.size);
    } catch {
      // a damaged body shows no byte counts; the engine reports it as needing a fix
    }
    let uploaded = 0;
    const stmt = db.$client.prepare('SELECT offset, state, size FROM uploads WHERE sha256 = ?');
    for (const sha of files.keys()) {
      const u = stmt.get(sha) as { offset: number; state: string; size: number } | undefined;
      if (u) uploaded += u.state === 'complete' ? u.size : u.offset;
    }
    outbox = {
      state: box.state,
      queuedAt: box.queued_at,
      acknowledgedAt: box.acknowledged_at,
      attempts: box.attempts,
      nextAttemptAt: box.state === 'pending' ? box.next_attempt_at : null,
      lastError: box.last_error,
      lastErrorFields: fields,
      fieldMessages: Object.fromEntries(fields.filter((f) => f.path !== '').map((f) => [f.path, f.message])),
      bytesUploaded: uploaded,
      bytesTotal: [...files.values()].reduce((a, b) => a + b, 0),
    };
  }
  return { dossierId, status: d.status, portalCode: d.portal_code, outbox, entries };
}

export type SupplementRequestItem = {
  id: number;
  dossierId: string;
  localCode: string;
  portalCode: string;
  procedureName: string;
  createdBy: string;
  documents: string[];
  note: string;
  at: number;
  seenAt: number | null;
};

/** Agents see requests on the dossiers they took; supervisors and admins see all. Newest first. */
export function listSupplementRequests(
  db: Db,
  viewer: { userId: string; role: 'agent' | 'supervisor' | 'admin' },
  opts: { unseenOnly?: boolean; limit?: number } = {},
): SupplementRequestItem[] {
  const where = ['1 = 1'];
  const params: (string | number)[] = [];
  if (viewer.role === 'agent') {
    where.push('d.created_by = ?');
    params.push(viewer.userId);
  }
  if (opts.unseenOnly) where.push('r.seen_at IS NULL');
  const rows = db.$client
    .prepare(
      `SELECT r.id, r.dossier_id, d.local_code, r.portal_code, d.procedure_name, d.created_by, r.documents, r.note, r.at, r.seen_at
       FROM portal_requests r JOIN dossiers d ON d.id = r.dossier_id
       WHERE ${where.join(' AND ')} ORDER BY r.at DESC, r.id DESC LIMIT ?`,
    )
    .all(...params, opts.limit ?? 200) as {
    id: number;
    dossier_id: string;
    local_code: string;
    portal_code: string;
    procedure_name: string;
    created_by: string;
    documents: string;
    note: string;
    at: number;
    seen_at: number | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    dossierId: r.dossier_id,
    localCode: r.local_code,
    portalCode: r.portal_code,
    procedureName: r.procedure_name,
    createdBy: r.created_by,
    documents: parseDocuments(r.documents),
    note: r.note,
    at: r.at,
    seenAt: r.seen_at,
  }));
}

function parseDocuments(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function markSupplementSeen(db: Db, requestId: number, userId: string, at: number): boolean {
  return (
    db.$client
      .prepare('UPDATE portal_requests SET seen_at = ?, seen_by = ? WHERE id = ? AND seen_at IS NULL')
      .run(at, userId, requestId).changes === 1
  );
}

export type DueItem = {
  dossierId: string;
  localCode: string;
  status: DossierStatus;
  dueDate: string | null;
  kind: 'result_ready' | 'due_today' | 'overdue';
};

/** Dossiers whose result is ready to hand back, and open dossiers due today or past their appointment date. */
export function listResultsDue(
  db: Db,
  today: string,
  viewer?: { userId: string; role: 'agent' | 'supervisor' | 'admin' },
): DueItem[] {
  const open = ['queued', 'submitting', 'submitted', 'received', 'processing', 'supplement_requested'];
  const mine = viewer?.role === 'agent' ? ' AND created_by = ?' : '';
  const rows = db.$client
    .prepare(
      `SELECT id, local_code, status, due_date FROM dossiers
       WHERE (status = 'result_ready' OR (status IN (${open.map(() => '?').join(',')}) AND due_date IS NOT NULL AND due_date <= ?))${mine}
       ORDER BY due_date, local_code LIMIT 500`,
    )
    .all(...open, today, ...(mine ? [viewer?.userId ?? ''] : [])) as {
    id: string;
    local_code: string;
    status: DossierStatus;
    due_date: string | null;
  }[];
  return rows.map((r) => ({
    dossierId: r.id,
    localCode: r.local_code,
    status: r.status,
    dueDate: r.due_date,
    kind:
      r.status === 'result_ready'
        ? 'result_ready'
        : r.due_date !== null && r.due_date < today
          ? 'overdue'
          : 'due_today',
  }));
}
