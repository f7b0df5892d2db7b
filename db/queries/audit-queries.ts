// Audit view queries: the audit log filtered by user, dossier, action and date, newest first.
import type { Db } from '../client';
import { DAY_MS, type Clause } from './report-queries';
import { vnDayStart } from './dossier-queries';

export type AuditFilter = {
  actorId?: string;
  dossierId?: string;
  /** exact action, or a prefix ending with '.' */
  action?: string;
  fromDate?: string;
  toDate?: string;
  limit: number;
  offset: number;
};

export type AuditRow = {
  id: number;
  at: number;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
  local_code: string | null;
};

/** "dossier." -> ["dossier.", "dossier/"]: a range the action index can answer, unlike LIKE 'dossier.%'. */
function prefixRange(prefix: string): [string, string] {
  const last = prefix.charCodeAt(prefix.length - 1);
  return [prefix, prefix.slice(0, -1) + String.fromCharCode(last + 1)];
}

function auditWhere(f: AuditFilter): Clause {
  const parts: Clause[] = [];
  if (f.actorId) parts.push({ sql: 'a.actor_id = ?', params: [f.actorId] });
  if (f.dossierId) parts.push({ sql: "a.entity = 'dossier' AND a.entity_id = ?", params: [f.dossierId] });
  if (f.action) {
    parts.push(
      f.action.endsWith('.')
        ? { sql: 'a.action >= ? AND a.action < ?', params: prefixRange(f.action) }
        : { sql: 'a.action = ?', params: [f.action] },
    );
  }
  if (f.fromDate) parts.push({ sql: 'a.at >= ?', params: [vnDayStart(f.fromDate)] });
  if (f.toDate) parts.push({ sql: 'a.at < ?', params: [vnDayStart(f.toDate) + DAY_MS] });
  return {
    sql: parts.map((p) => `(${p.sql})`).join(' AND ') || '1 = 1',
    params: parts.flatMap((p) => p.params),
  };
}

const SELECT = `SELECT a.id, a.at, a.actor_id, u.full_name AS actor_name, a.action, a.entity, a.entity_id, a.details, a.prev_hash, a.hash,
       CASE WHEN a.entity = 'dossier' THEN d.local_code END AS local_code
  FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN dossiers d ON a.entity = 'dossier' AND d.id = a.entity_id`;

export function listAudit(db: Db, f: AuditFilter): { rows: AuditRow[]; total: number } {
  const w = auditWhere(f);
  const rows = db.$client
    .prepare(`${SELECT} WHERE ${w.sql} ORDER BY a.id DESC LIMIT ? OFFSET ?`)
    .all(...w.params, f.limit, f.offset) as AuditRow[];
  const total = (
    db.$client.prepare(`SELECT count(*) AS n FROM audit_log a WHERE ${w.sql}`).get(...w.params) as {
      n: number;
    }
  ).n;
  return { rows, total };
}

export function auditRow(db: Db, id: number): AuditRow | null {
  return (db.$client.prepare(`${SELECT} WHERE a.id = ?`).get(id) as AuditRow | undefined) ?? null;
}

/** The row just before an id (by id), to show what a broken row should have followed. */
export function auditRowBefore(db: Db, id: number): AuditRow | null {
  return (
    (db.$client.prepare(`${SELECT} WHERE a.id < ? ORDER BY a.id DESC LIMIT 1`).get(id) as
      AuditRow | undefined) ?? null
  );
}
