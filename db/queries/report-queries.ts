// Dashboard queries: one WHERE clause per bucket, shared by its count and its list, so a number and its list agree.
import { dossierStatuses, type DossierStatus } from '../../electron/common/dossier-status';
import { statusGroups } from '../../electron/common/report-labels';
import type { Db } from '../client';
import { vnDayStart, type DossierListRow } from './dossier-queries';

export const DAY_MS = 86_400_000;
/** Vietnam is UTC+7 all year: shifting epoch ms by this and dividing by a day gives the Vietnam calendar day number */
const VN_SHIFT_MS = 7 * 3_600_000;
/** end of a yyyy-MM-dd day in Vietnam, from the UTC midnight SQLite computes: +24 h - 7 h */
const DUE_DAY_END_SHIFT_MS = DAY_MS - VN_SHIFT_MS;

type Param = string | number;
export type Clause = { sql: string; params: Param[] };

/** the chosen day, today (for overdue), the agent (null: the whole office) and the indicator window */
export type BucketScope = { date: string; today: string; agentId: string | null; periodDays: number };

const OVERDUE_EXCLUDED: readonly DossierStatus[] = ['completed', 'rejected', 'withdrawn'];
/** listed rather than NOT IN, so SQLite can walk dossiers_status_due_idx one status at a time */
const OVERDUE_STATUSES = dossierStatuses.filter((s) => !OVERDUE_EXCLUDED.includes(s));
/** the report's "sent to the portal" column, so the dashboard's count and the day report's column agree */
export const ACCEPTED_STATUSES = statusGroups.sent;
const QUEUED_STATUSES = ['approved', 'queued', 'submitting'];

/**
 * A dossier component `c` the filing mode of its dossier `d` requires: required by the record, and not limited by its
 * wording to other modes (only_modes is NULL or lists d.mode). Read at query time, so a draft's mode change counts at once.
 */
export const REQUIRED_IN_MODE_SQL =
  "c.required = 1 AND (c.only_modes IS NULL OR instr(',' || c.only_modes || ',', ',' || d.mode || ',') > 0)";

/** A slot `c` the dossier's declaration form does not stand in for (form_filled, electron/common/forms/form-slot.ts). */
export const NOT_FILLED_BY_FORM_SQL = 'c.form_filled = 0';

const statusIn = (list: readonly string[]): Clause => ({
  sql: `d.status IN (${list.map(() => '?').join(', ')})`,
  params: [...list],
});
const statusIs = (status: string): Clause => ({ sql: 'd.status = ?', params: [status] });

function and(...parts: Clause[]): Clause {
  return { sql: parts.map((p) => `(${p.sql})`).join(' AND '), params: parts.flatMap((p) => p.params) };
}

export function periodRange(s: BucketScope): { from: string; to: string; start: number; end: number } {
  const end = vnDayStart(s.date) + DAY_MS;
  const start = end - s.periodDays * DAY_MS;
  return { from: isoDay(start), to: s.date, start, end };
}

/** yyyy-MM-dd of the Vietnam day an instant falls in */
export function isoDay(epochMs: number): string {
  return new Date(epochMs + VN_SHIFT_MS).toISOString().slice(0, 10);
}

function takenOn(s: BucketScope): Clause {
  const start = vnDayStart(s.date);
  return { sql: 'd.created_at >= ? AND d.created_at < ?', params: [start, start + DAY_MS] };
}

function reached(status: string, start: number, end: number): Clause {
  return {
    sql: 'd.id IN (SELECT e.dossier_id FROM status_events e WHERE e.to_status = ? AND e.at >= ? AND e.at < ?)',
    params: [status, start, end],
  };
}

function overdue(s: BucketScope): Clause {
  return and(statusIn(OVERDUE_STATUSES), { sql: 'd.due_date < ?', params: [s.today] });
}

function filed(s: BucketScope): Clause {
  const p = periodRange(s);
  return and(
    { sql: 'd.created_at >= ? AND d.created_at < ?', params: [p.start, p.end] },
    { sql: "d.status NOT IN ('draft', 'withdrawn')", params: [] },
  );
}

function outbox(condition: string): Clause {
  return { sql: `d.id IN (SELECT o.dossier_id FROM outbox o WHERE ${condition})`, params: [] };
}

const BUCKETS: Record<string, (s: BucketScope) => Clause> = {
  'day.taken': (s) => takenOn(s),
  'day.draft': (s) => and(takenOn(s), statusIs('draft')),
  'day.ready': (s) => and(takenOn(s), statusIs('ready')),
  'day.awaitingReview': (s) => and(takenOn(s), statusIs('awaiting_review')),
  'day.returned': (s) => and(takenOn(s), statusIs('returned')),
  'day.queued': (s) => and(takenOn(s), statusIn(QUEUED_STATUSES)),
  'day.accepted': (s) => and(takenOn(s), statusIn(ACCEPTED_STATUSES)),
  'day.needsFix': (s) => and(takenOn(s), statusIs('needs_fix')),
  'day.supplementRequested': (s) => and(takenOn(s), statusIs('supplement_requested')),
  'day.resultReady': (s) => and(takenOn(s), statusIs('result_ready')),
  'day.withdrawn': (s) => and(takenOn(s), statusIs('withdrawn')),
  'day.overdue': (s) => and(takenOn(s), overdue(s)),
  'day.sentToPortal': (s) => reached('submitted', vnDayStart(s.date), vnDayStart(s.date) + DAY_MS),
  'day.completedOn': (s) => reached('completed', vnDayStart(s.date), vnDayStart(s.date) + DAY_MS),
  'open.awaitingReview': () => statusIs('awaiting_review'),
  'open.returned': () => statusIs('returned'),
  'open.queued': () => statusIn(QUEUED_STATUSES),
  'open.needsFix': () => statusIs('needs_fix'),
  'open.supplementRequested': () => statusIs('supplement_requested'),
  'open.resultReady': () => statusIs('result_ready'),
  'open.overdue': (s) => overdue(s),
  'open.syncWaiting': () => outbox("o.state = 'pending'"),
  'open.syncFailing': () => outbox("o.state = 'pending' AND o.last_error IS NOT NULL"),
  'period.filed': (s) => filed(s),
  // "toàn trình" counts what really went to the portal online, not what is merely set to go (issue 13: 100% (4/4)
  // shown before anything had been sent). EXISTS per dossier of the window, by status_events_dossier_idx: `d.id IN
  // (all 'submitted' events)` made SQLite read one dossier row per event of the whole history (28 ms at 20,000
  // dossiers, every page decrypted again once the file outgrows the cache; 1.2 ms this way). The unary + keeps SQLite
  // off status_events_to_at_idx here, which walks every submitted event for each dossier (8.4 s on bench:queue's 20,000)
  'period.online': (s) =>
    and(filed(s), {
      sql: "d.mode = 'online' AND EXISTS (SELECT 1 FROM status_events e WHERE e.dossier_id = d.id AND +e.to_status = 'submitted')",
      params: [],
    }),
  'period.resolved': (s) => {
    const p = periodRange(s);
    return reached('completed', p.start, p.end);
  },
  'period.onTime': (s) => {
    const p = periodRange(s);
    // one pass over the window's completions joined to their dossier: a correlated EXISTS here made SQLite walk every
    // completion before the due date for each dossier (seconds on 100k dossiers, measured in scripts/bench/queue.ts)
    return {
      sql: `d.id IN (SELECT e.dossier_id FROM status_events e JOIN dossiers x ON x.id = e.dossier_id
              WHERE e.to_status = 'completed' AND e.at >= ? AND e.at < ? AND x.due_date IS NOT NULL
                AND e.at < CAST(strftime('%s', x.due_date) AS INTEGER) * 1000 + ${DUE_DAY_END_SHIFT_MS})`,
      params: [p.start, p.end],
    };
  },
  'period.missingScans': (s) =>
    and(filed(s), {
      sql: `EXISTS (SELECT 1 FROM dossier_components c WHERE c.dossier_id = d.id AND c.kind = 'submit' AND ${REQUIRED_IN_MODE_SQL}
            AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.component_id = c.id) AND ${NOT_FILLED_BY_FORM_SQL})`,
      params: [],
    }),
};

export function bucketClause(bucket: string, s: BucketScope): Clause {
  const make = BUCKETS[bucket];
  if (!make) throw new Error(`unknown bucket ${bucket}`);
  const clause = make(s);
  // unary + keeps the agent out of index choice: without ANALYZE statistics SQLite would otherwise walk all of an
  // agent's dossiers (dossiers_creator_created_idx) instead of the few the status / date / event index finds
  return s.agentId ? and(clause, { sql: '+d.created_by = ?', params: [s.agentId] }) : clause;
}

export function countBucket(db: Db, bucket: string, s: BucketScope): number {
  const c = bucketClause(bucket, s);
  return (
    db.$client.prepare(`SELECT count(*) AS n FROM dossiers d WHERE ${c.sql}`).get(...c.params) as {
      n: number;
    }
  ).n;
}

export function listBucket(
  db: Db,
  bucket: string,
  s: BucketScope,
  limit: number,
  offset: number,
): DossierListRow[] {
  const c = bucketClause(bucket, s);
  const order = bucket.endsWith('.overdue')
    ? 'd.due_date ASC, d.created_at ASC, d.id'
    : 'd.created_at DESC, d.id DESC';
  return db.$client
    .prepare(
      `SELECT d.id, d.local_code, d.procedure_code, d.procedure_name, d.applicant, d.applicant_id_number, d.status,
              u.full_name AS created_by_name, d.created_at, d.due_date,
              (SELECT count(*) FROM pages p WHERE p.dossier_id = d.id) AS page_count
         FROM dossiers d JOIN users u ON u.id = d.created_by
        WHERE ${c.sql} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .all(...c.params, limit, offset) as DossierListRow[];
}

/** Components to submit that each filed dossier's mode requires, in the indicator window, and how many have a scan. */
export function digitisationCounts(db: Db, s: BucketScope): { required: number; scanned: number } {
  const c = bucketClause('period.filed', s);
  const row = db.$client
    .prepare(
      // a tờ khai filled in the app is digitised as data: counted with the scanned ones
      `SELECT count(*) AS required, coalesce(sum(c.form_filled = 1 OR EXISTS (SELECT 1 FROM pages p WHERE p.component_id = c.id)), 0) AS scanned
         FROM dossiers d JOIN dossier_components c ON c.dossier_id = d.id
        WHERE ${c.sql} AND c.kind = 'submit' AND ${REQUIRED_IN_MODE_SQL}`,
    )
    .get(...c.params) as { required: number; scanned: number };
  return row;
}

export type SeriesPoint = { date: string; taken: number; sentToPortal: number; completed: number };

/** Per Vietnam day over the window: dossiers taken, and dossiers that reached 'submitted' / 'completed' that day. */
export function dailySeries(db: Db, s: BucketScope): SeriesPoint[] {
  const p = periodRange(s);
  const agent = s.agentId ? ' AND d.created_by = ?' : '';
  const agentParams = s.agentId ? [s.agentId] : [];
  const taken = db.$client
    .prepare(
      `SELECT (d.created_at + ${VN_SHIFT_MS}) / ${DAY_MS} AS day_no, count(*) AS n FROM dossiers d
        WHERE d.created_at >= ? AND d.created_at < ?${agent} GROUP BY day_no`,
    )
    .all(p.start, p.end, ...agentParams) as { day_no: number; n: number }[];
  const reachedRows = db.$client
    .prepare(
      `SELECT (e.at + ${VN_SHIFT_MS}) / ${DAY_MS} AS day_no, e.to_status AS status, count(DISTINCT e.dossier_id) AS n
         FROM status_events e ${s.agentId ? 'JOIN dossiers d ON d.id = e.dossier_id' : ''}
        WHERE e.to_status IN ('submitted', 'completed') AND e.at >= ? AND e.at < ?${agent.replace('d.created_by', '+d.created_by')} GROUP BY day_no, e.to_status`,
    )
    .all(p.start, p.end, ...agentParams) as { day_no: number; status: string; n: number }[];
  const points: SeriesPoint[] = [];
  for (let t = p.start; t < p.end; t += DAY_MS) {
    const dayNo = Math.floor((t + VN_SHIFT_MS) / DAY_MS);
    points.push({
      date: isoDay(t),
      taken: taken.find((r) => r.day_no === dayNo)?.n ?? 0,
      sentToPortal: reachedRows.find((r) => r.day_no === dayNo && r.status === 'submitted')?.n ?? 0,
      completed: reachedRows.find((r) => r.day_no === dayNo && r.status === 'completed')?.n ?? 0,
    });
  }
  return points;
}

export function tableExists(db: Db, name: string): boolean {
  return (
    db.$client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
    undefined
  );
}

export type SyncHealthRow = {
  lastSuccessAt: number | null;
  waiting: number;
  failing: number;
  needsFix: number;
  failures: {
    dossierId: string;
    localCode: string;
    attempts: number;
    lastError: string | null;
    nextAttemptAt: number | null;
  }[];
};

/** Office-wide state of the outbox (tables of the sync engine, db/schema/sync.ts). */
export function syncHealth(db: Db): SyncHealthRow {
  const count = (sql: string) => (db.$client.prepare(sql).get() as { n: number }).n;
  const last = db.$client.prepare("SELECT value FROM sync_state WHERE key = 'last_success_at'").get() as
    { value: string } | undefined;
  const failures = db.$client
    .prepare(
      `SELECT o.dossier_id AS dossierId, d.local_code AS localCode, o.attempts, o.last_error AS lastError, o.next_attempt_at AS nextAttemptAt
         FROM outbox o JOIN dossiers d ON d.id = o.dossier_id
        WHERE o.state = 'pending' AND o.last_error IS NOT NULL ORDER BY o.next_attempt_at LIMIT 10`,
    )
    .all() as SyncHealthRow['failures'];
  return {
    lastSuccessAt: last && Number.isFinite(Number(last.value)) ? Number(last.value) : null,
    waiting: count("SELECT count(*) AS n FROM outbox WHERE state = 'pending'"),
    failing: count("SELECT count(*) AS n FROM outbox WHERE state = 'pending' AND last_error IS NOT NULL"),
    needsFix: count("SELECT count(*) AS n FROM outbox WHERE state = 'needs_fix'"),
    failures,
  };
}
