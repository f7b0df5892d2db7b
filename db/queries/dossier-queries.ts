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
