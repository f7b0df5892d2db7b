// Supervisor lists: the review queue, dossiers returned to agents, the chasing lists and contact attempts.
import type { Db } from '../client';
import { bucketClause, NOT_FILLED_BY_FORM_SQL, REQUIRED_IN_MODE_SQL, tableExists, type BucketScope, type Clause } from './report-queries';
import { dossierTextClause } from './search-index';

type Param = string | number;

function textClause(folded: string | undefined): Clause | null {
  return folded ? dossierTextClause(folded) : null;
}

function where(parts: (Clause | null)[]): Clause {
  const kept = parts.filter((p): p is Clause => p !== null);
  return {
    sql: kept.map((p) => `(${p.sql})`).join(' AND ') || '1 = 1',
    params: kept.flatMap((p) => p.params),
  };
}

export type ReviewQueueRow = {
  id: string;
  local_code: string;
  procedure_code: string;
  procedure_name: string;
  mode: 'online' | 'postal' | 'direct';
  applicant: string;
  applicant_id_number: string;
  created_by: string;
  created_by_name: string;
  created_at: number;
  ready_at: number | null;
  due_date: string | null;
  fee_vnd: number | null;
  ready_override_reason: string | null;
  page_count: number;
  missing_required: number;
  times_returned: number;
};

/** Dossiers awaiting review, oldest sent first (a dossier sent back after a return goes by its new time). */
export function listReviewQueue(
  db: Db,
  f: { agentId?: string; procedureCode?: string; foldedText?: string; limit: number; offset: number },
): { rows: ReviewQueueRow[]; total: number } {
  const w = where([
    { sql: "d.status = 'awaiting_review'", params: [] },
    f.agentId ? { sql: 'd.created_by = ?', params: [f.agentId] } : null,
    f.procedureCode ? { sql: 'd.procedure_code = ?', params: [f.procedureCode] } : null,
    textClause(f.foldedText),
  ]);
  const rows = db.$client
    .prepare(
      `SELECT d.id, d.local_code, d.procedure_code, d.procedure_name, d.mode, d.applicant, d.applicant_id_number,
              d.created_by, u.full_name AS created_by_name, d.created_at, d.ready_at, d.due_date, d.fee_vnd, d.ready_override_reason,
              (SELECT count(*) FROM pages p WHERE p.dossier_id = d.id) AS page_count,
              (SELECT count(*) FROM dossier_components c WHERE c.dossier_id = d.id AND c.kind = 'submit' AND ${REQUIRED_IN_MODE_SQL}
                  AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.component_id = c.id) AND ${NOT_FILLED_BY_FORM_SQL}) AS missing_required,
              (SELECT count(*) FROM status_events e WHERE e.dossier_id = d.id AND e.to_status = 'returned') AS times_returned
         FROM dossiers d JOIN users u ON u.id = d.created_by
        WHERE ${w.sql} ORDER BY d.ready_at ASC, d.created_at ASC, d.id LIMIT ? OFFSET ?`,
    )
    .all(...w.params, f.limit, f.offset) as ReviewQueueRow[];
  const total = (
    db.$client.prepare(`SELECT count(*) AS n FROM dossiers d WHERE ${w.sql}`).get(...w.params) as {
      n: number;
    }
  ).n;
  return { rows, total };
}

export type ReturnedRow = {
  id: string;
  local_code: string;
  procedure_name: string;
  applicant: string;
  created_by: string;
  created_by_name: string;
  reason: string | null;
  returned_at: number;
  returned_by: string | null;
};

/** Dossiers currently returned to their agent, with the latest return's reason; newest return first. */
export function listReturned(
  db: Db,
  f: { agentId?: string; limit: number; offset: number },
): { rows: ReturnedRow[]; total: number } {
  const w = where([
    { sql: "d.status = 'returned'", params: [] },
    f.agentId ? { sql: 'd.created_by = ?', params: [f.agentId] } : null,
  ]);
  const rows = db.$client
    .prepare(
      `SELECT d.id, d.local_code, d.procedure_name, d.applicant, d.created_by, u.full_name AS created_by_name,
              e.message AS reason, e.at AS returned_at, r.full_name AS returned_by
         FROM dossiers d JOIN users u ON u.id = d.created_by
         JOIN status_events e ON e.id = (SELECT max(e2.id) FROM status_events e2 WHERE e2.dossier_id = d.id AND e2.to_status = 'returned')
         LEFT JOIN users r ON r.id = e.actor_id
        WHERE ${w.sql} ORDER BY e.at DESC, d.id LIMIT ? OFFSET ?`,
    )
    .all(...w.params, f.limit, f.offset) as ReturnedRow[];
  const total = (
    db.$client.prepare(`SELECT count(*) AS n FROM dossiers d WHERE ${w.sql}`).get(...w.params) as {
      n: number;
    }
  ).n;
  return { rows, total };
}

export type ChaseRow = {
  id: string;
  local_code: string;
  procedure_name: string;
  status: string;
  applicant: string;
  delivery: string;
  created_by: string;
  created_by_name: string;
  due_date: string | null;
  contacts: number;
  last_contact_id: number | null;
  /** JSON {documents, note, at} of the latest portal request, or null */
  request: string | null;
};

/**
 * Supplement requests or overdue dossiers. The WHERE clause is the dashboard's (open.supplementRequested /
 * open.overdue), so the list's total is the number on the dashboard.
 */
export function listChase(
  db: Db,
  kind: 'supplement' | 'overdue',
  scope: BucketScope,
  limit: number,
  offset: number,
): { rows: ChaseRow[]; total: number } {
  const c = bucketClause(kind === 'supplement' ? 'open.supplementRequested' : 'open.overdue', scope);
  const request = tableExists(db, 'portal_requests')
    ? `(SELECT json_object('documents', r.documents, 'note', r.note, 'at', r.at) FROM portal_requests r
         WHERE r.dossier_id = d.id ORDER BY r.at DESC, r.id DESC LIMIT 1)`
    : 'NULL';
  const order = kind === 'supplement' ? 'd.updated_at ASC, d.id' : 'd.due_date ASC, d.local_code';
  const rows = db.$client
    .prepare(
      `SELECT d.id, d.local_code, d.procedure_name, d.status, d.applicant, d.delivery, d.created_by, u.full_name AS created_by_name,
              d.due_date,
              (SELECT count(*) FROM contact_attempts a WHERE a.dossier_id = d.id) AS contacts,
              (SELECT a.id FROM contact_attempts a WHERE a.dossier_id = d.id ORDER BY a.at DESC, a.id DESC LIMIT 1) AS last_contact_id,
              ${request} AS request
         FROM dossiers d JOIN users u ON u.id = d.created_by
        WHERE ${c.sql} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .all(...c.params, limit, offset) as ChaseRow[];
  const total = (
    db.$client.prepare(`SELECT count(*) AS n FROM dossiers d WHERE ${c.sql}`).get(...c.params) as {
      n: number;
    }
  ).n;
  return { rows, total };
}

export type ContactRow = {
  id: number;
  dossier_id: string;
  at: number;
  actor_id: string;
  actor_name: string;
  channel: 'phone' | 'sms' | 'in_person';
  outcome: 'reached' | 'no_answer' | 'busy' | 'wrong_number' | 'message_left' | 'will_come';
  note: string;
};

const CONTACT_SELECT = `SELECT a.id, a.dossier_id, a.at, a.actor_id, u.full_name AS actor_name, a.channel, a.outcome, a.note
  FROM contact_attempts a JOIN users u ON u.id = a.actor_id`;

export function listContacts(db: Db, dossierId: string): ContactRow[] {
  return db.$client
    .prepare(`${CONTACT_SELECT} WHERE a.dossier_id = ? ORDER BY a.at DESC, a.id DESC`)
    .all(dossierId) as ContactRow[];
}

export function contactsByIds(db: Db, ids: number[]): Map<number, ContactRow> {
  if (ids.length === 0) return new Map();
  const rows = db.$client
    .prepare(`${CONTACT_SELECT} WHERE a.id IN (${ids.map(() => '?').join(', ')})`)
    .all(...ids) as ContactRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

export function insertContact(
  db: Db,
  c: { dossierId: string; at: number; actorId: string; channel: string; outcome: string; note: string },
): number {
  const params: Param[] = [c.dossierId, c.at, c.actorId, c.channel, c.outcome, c.note];
  return Number(
    db.$client
      .prepare(
        'INSERT INTO contact_attempts (dossier_id, at, actor_id, channel, outcome, note) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(...params).lastInsertRowid,
  );
}
