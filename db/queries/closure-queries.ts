// Day closing queries: a day's dossiers, closed days and their baseline lines, dossiers changed since the last closing.
import type { Db } from '../client';
import { vnDayStart } from './dossier-queries';
import { DAY_MS } from './report-queries';

export type DayDossierRow = {
  id: string;
  local_code: string;
  created_at: number;
  created_by: string;
  agent_name: string;
  procedure_code: string;
  procedure_name: string;
  mode: string;
  fee_vnd: number | null;
  /** the office's service charge the dossier took when it was created */
  service_charge_vnd: number;
  status: string;
};

const DOSSIER_COLUMNS = `d.id, d.local_code, d.created_at, d.created_by, u.full_name AS agent_name, d.procedure_code, d.procedure_name,
  d.mode, d.fee_vnd, d.service_charge_vnd, d.status`;

/** Dossiers taken on a Vietnam day, in the order they were taken. */
export function dayDossiers(db: Db, date: string): DayDossierRow[] {
  const start = vnDayStart(date);
  return db.$client
    .prepare(
      `SELECT ${DOSSIER_COLUMNS} FROM dossiers d JOIN users u ON u.id = d.created_by
        WHERE d.created_at >= ? AND d.created_at < ? ORDER BY d.created_at, d.id`,
    )
    .all(start, start + DAY_MS) as DayDossierRow[];
}

export type ClosureRow = {
  date: string;
  closed_at: number;
  closed_by: string;
  closed_by_name: string;
  snapshot: string;
  prev_hash: string;
  hash: string;
  last_event_id: number;
  corrections: number;
};

const CLOSURE_SELECT = `SELECT c.date, c.closed_at, c.closed_by, u.full_name AS closed_by_name, c.snapshot, c.prev_hash, c.hash,
  c.last_event_id, c.corrections FROM day_closures c JOIN users u ON u.id = c.closed_by`;

export function closureByDate(db: Db, date: string): ClosureRow | null {
  return (
    (db.$client.prepare(`${CLOSURE_SELECT} WHERE c.date = ?`).get(date) as ClosureRow | undefined) ?? null
  );
}

/** Closures in the order they were made (the hash chain's order), newest first. */
export function listClosures(db: Db, limit: number): ClosureRow[] {
  return db.$client
    .prepare(`${CLOSURE_SELECT} ORDER BY c.closed_at DESC, c.rowid DESC LIMIT ?`)
    .all(limit) as ClosureRow[];
}

/** The closure made just before another one (by closing time), whose hash the other must carry as prev_hash. */
export function closureBefore(db: Db, closedAt: number, date: string): ClosureRow | null {
  return (
    (db.$client
      .prepare(
        `${CLOSURE_SELECT} WHERE c.closed_at < ? OR (c.closed_at = ? AND c.rowid < (SELECT rowid FROM day_closures WHERE date = ?))
                 ORDER BY c.closed_at DESC, c.rowid DESC LIMIT 1`,
      )
      .get(closedAt, closedAt, date) as ClosureRow | undefined) ?? null
  );
}

export function closedDates(db: Db): Set<string> {
  return new Set(
    (db.$client.prepare('SELECT date FROM day_closures').all() as { date: string }[]).map((r) => r.date),
  );
}

export function maxStatusEventId(db: Db): number {
  return (db.$client.prepare('SELECT coalesce(max(id), 0) AS n FROM status_events').get() as { n: number }).n;
}

export type CandidateRow = DayDossierRow & {
  line_day: string | null;
  line_status: string | null;
  line_mode: string | null;
  line_fee: number | null;
  line_billable: number | null;
  line_charge: number | null;
};

/**
 * Dossiers that may have changed since the last closing: rewritten after it (updated_at, set by every local change) or
 * given a status event after it (by id, because portal events carry the portal's own time, which may be earlier).
 */
export function changedSince(db: Db, closedAt: number, lastEventId: number): CandidateRow[] {
  return db.$client
    .prepare(
      `WITH changed(id) AS (
         SELECT id FROM dossiers WHERE updated_at > ?
         UNION SELECT dossier_id FROM status_events WHERE id > ?
       )
       SELECT ${DOSSIER_COLUMNS}, l.day AS line_day, l.status AS line_status, l.mode AS line_mode, l.fee_vnd AS line_fee,
              l.billable AS line_billable, l.service_charge_vnd AS line_charge
         FROM changed c JOIN dossiers d ON d.id = c.id JOIN users u ON u.id = d.created_by
         LEFT JOIN day_closure_lines l ON l.dossier_id = d.id
        ORDER BY d.created_at, d.id`,
    )
    .all(closedAt, lastEventId) as CandidateRow[];
}

export type LineInput = {
  dossierId: string;
  day: string;
  status: string;
  mode: string;
  feeVnd: number | null;
  billable: boolean;
  serviceChargeVnd: number;
  recordedIn: string;
};

export function upsertLines(db: Db, lines: LineInput[]): void {
  const stmt = db.$client.prepare(
    `INSERT INTO day_closure_lines (dossier_id, day, status, mode, fee_vnd, billable, service_charge_vnd, recorded_in)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(dossier_id) DO UPDATE SET status = excluded.status, mode = excluded.mode, fee_vnd = excluded.fee_vnd,
       billable = excluded.billable, recorded_in = excluded.recorded_in`,
  );
  for (const l of lines)
    stmt.run(
      l.dossierId,
      l.day,
      l.status,
      l.mode,
      l.feeVnd,
      l.billable ? 1 : 0,
      l.serviceChargeVnd,
      l.recordedIn,
    );
}

export function insertClosure(
  db: Db,
  c: {
    date: string;
    closedAt: number;
    closedBy: string;
    snapshot: string;
    prevHash: string;
    hash: string;
    lastEventId: number;
    corrections: number;
  },
): void {
  db.$client
    .prepare(
      `INSERT INTO day_closures (date, closed_at, closed_by, snapshot, prev_hash, hash, last_event_id, corrections)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(c.date, c.closedAt, c.closedBy, c.snapshot, c.prevHash, c.hash, c.lastEventId, c.corrections);
}
