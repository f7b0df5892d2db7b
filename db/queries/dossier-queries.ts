// Read queries for dossier lists and details; each takes the db handle first.
import type { Db } from '../client';
import { dossierTextClause } from './search-index';

export type DossierListFilter = {
  status?: string;
  /** yyyy-MM-dd, inclusive, Vietnam time */
  fromDate?: string;
  toDate?: string;
  createdBy?: string;
  procedureCode?: string;
  /** already folded (no accents, lower case) */
  foldedText?: string;
  limit: number;
  offset: number;
};

export type DossierListRow = {
  id: string;
  local_code: string;
  procedure_code: string;
  procedure_name: string;
  applicant: string;
  applicant_id_number: string;
  status: string;
  created_by_name: string;
  created_at: number;
  due_date: string | null;
  page_count: number;
};

const VN_OFFSET_MS = 7 * 3600 * 1000;

/** epoch ms of 00:00 Vietnam time on a yyyy-MM-dd date */
export function vnDayStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - VN_OFFSET_MS;
}

function whereClause(f: DossierListFilter): { sql: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (f.status) {
    parts.push('d.status = ?');
    params.push(f.status);
  }
  if (f.fromDate) {
    parts.push('d.created_at >= ?');
    params.push(vnDayStart(f.fromDate));
  }
  if (f.toDate) {
    parts.push('d.created_at < ?');
    params.push(vnDayStart(f.toDate) + 24 * 3600 * 1000);
  }
  if (f.createdBy) {
    parts.push('d.created_by = ?');
    params.push(f.createdBy);
  }
  if (f.procedureCode) {
    parts.push('d.procedure_code = ?');
    params.push(f.procedureCode);
  }
  if (f.foldedText) {
    const text = dossierTextClause(f.foldedText);
    parts.push(text.sql);
    params.push(...text.params);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function listDossiers(db: Db, f: DossierListFilter): { rows: DossierListRow[]; total: number } {
  const where = whereClause(f);
  const rows = db.$client
    .prepare(
      `SELECT d.id, d.local_code, d.procedure_code, d.procedure_name, d.applicant, d.applicant_id_number, d.status,
              u.full_name AS created_by_name, d.created_at, d.due_date,
              (SELECT count(*) FROM pages p WHERE p.dossier_id = d.id) AS page_count
         FROM dossiers d JOIN users u ON u.id = d.created_by
         ${where.sql}
         ORDER BY d.created_at DESC, d.id DESC
         LIMIT ? OFFSET ?`,
    )
    .all(...where.params, f.limit, f.offset) as DossierListRow[];
  const total = (
    db.$client.prepare(`SELECT count(*) AS n FROM dossiers d ${where.sql}`).get(...where.params) as { n: number }
  ).n;
  return { rows, total };
}

export function nextCounter(db: Db, name: string): number {
  const row = db.$client
    .prepare(
      'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value',
    )
    .get(name) as { value: number };
  return row.value;
}

/** Pages of the original as scanned, for a per-page fee: the most pages in one document slot of the checklist. */
export function maxPagesInDocumentSlot(db: Db, dossierId: string, caseKey: string | null): number {
  const row = db.$client
    .prepare(
      `SELECT coalesce(max(n), 0) AS n FROM (
         SELECT count(p.id) AS n FROM dossier_components c JOIN pages p ON p.component_id = c.id
          WHERE c.dossier_id = ? AND c.page_kind = 'document' AND (c.case_key IS NULL OR c.case_key = ?)
          GROUP BY c.id)`,
    )
    .get(dossierId, caseKey) as { n: number };
  return row.n;
}

/**
 * Moves every page of the given slots to the end of another slot, keeping their order (slots in checklist order, then
 * pages in theirs). Returns how many pages left each slot that had any. Call inside a transaction.
 */
export function movePagesTo(db: Db, fromComponentIds: readonly number[], toComponentId: number): Map<number, number> {
  const moved = new Map<number, number>();
  if (fromComponentIds.length === 0) return moved;
  const marks = fromComponentIds.map(() => '?').join(', ');
  const rows = db.$client
    .prepare(
      `SELECT p.id, p.component_id FROM pages p JOIN dossier_components c ON c.id = p.component_id
        WHERE p.component_id IN (${marks}) ORDER BY c.ord, p.ord, p.id`,
    )
    .all(...fromComponentIds) as { id: string; component_id: number }[];
  const start = db.$client
    .prepare('SELECT coalesce(max(ord), -1) + 1 AS n FROM pages WHERE component_id = ?')
    .get(toComponentId) as { n: number };
  const update = db.$client.prepare('UPDATE pages SET component_id = ?, ord = ? WHERE id = ?');
  rows.forEach((r, i) => {
    update.run(toComponentId, start.n + i, r.id);
    moved.set(r.component_id, (moved.get(r.component_id) ?? 0) + 1);
  });
  return moved;
}
