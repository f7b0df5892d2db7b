// What the retention purge must remove now: per ended dossier, the classes of data whose period has run out.
import type { Db } from '../../../db/client';
import type { PurgeCounts, RetentionClass, RetentionPeriods } from '../../common/privacy-contract';
import { DAY_MS, END_STATUSES } from './retention-rules';

export type EndedDossier = {
  id: string;
  local_code: string;
  procedure_name: string;
  status: string;
  /** null only for a dossier that never reached an end status through status_events (imported data) */
  ended_at: number | null;
  held: number;
  reuse: number;
  personal_data_purged_at: number | null;
};

export type DossierPlan = {
  dossier: EndedDossier;
  classes: RetentionClass[];
  /** pages whose image goes (ID card images and other scans due) */
  pageIds: string[];
  idCardPages: number;
  otherPages: number;
  /** pages whose OCR text goes (due OCR text, and every page whose image goes) */
  ocrPageIds: string[];
  applicant: boolean;
};

export type RetentionPlan = { plans: DossierPlan[]; held: number; receiptsClosed: number };

const statusList = END_STATUSES.map((s) => `'${s}'`).join(', ');

/** Dossiers that have ended (see END_STATUSES), with the time they ended, their hold and their re-use consent. */
export function endedDossiers(db: Db, where = '1 = 1', params: (string | number)[] = []): EndedDossier[] {
  return db.$client
    .prepare(
      `SELECT d.id, d.local_code, d.procedure_name, d.status, d.personal_data_purged_at,
              (SELECT min(e.at) FROM status_events e WHERE e.dossier_id = d.id AND e.to_status IN (${statusList})) AS ended_at,
              EXISTS (SELECT 1 FROM legal_holds h WHERE h.dossier_id = d.id AND h.released_at IS NULL) AS held,
              EXISTS (SELECT 1 FROM consents k WHERE k.dossier_id = d.id AND k.purpose = 'reuse' AND k.withdrawn_at IS NULL) AS reuse
         FROM dossiers d WHERE d.status IN (${statusList}) AND ${where}`,
    )
    .all(...params) as EndedDossier[];
}

type PageRow = { id: string; kind: string; purged_at: number | null; has_ocr: number };

function pagesOf(db: Db, dossierId: string): PageRow[] {
  return db.$client
    .prepare(
      'SELECT id, kind, purged_at, (ocr_text IS NOT NULL OR ocr_words IS NOT NULL) AS has_ocr FROM pages WHERE dossier_id = ?',
    )
    .all(dossierId) as PageRow[];
}

/** The plan for one ended dossier at `now`; `all` = every class at once (a citizen's erasure request). */
export function planDossier(db: Db, d: EndedDossier, periods: RetentionPeriods, now: number, all = false): DossierPlan {
  const due = (days: number) => all || (d.ended_at !== null && d.ended_at + days * DAY_MS <= now);
  const scansDays = d.reuse ? Math.max(periods.otherScans, periods.reuseScans) : periods.otherScans;
  const pages = pagesOf(db, d.id);
  const live = pages.filter((p) => p.purged_at === null);
  const idCard = due(periods.idCardImages) ? live.filter((p) => p.kind === 'id_card') : [];
  const other = due(scansDays) ? live.filter((p) => p.kind !== 'id_card') : [];
  const going = new Set([...idCard, ...other].map((p) => p.id));
  const ocr = pages.filter((p) => p.has_ocr === 1 && (going.has(p.id) || due(periods.ocrText)));
  const applicant = d.personal_data_purged_at === null && due(periods.applicantData);
  const classes: RetentionClass[] = [];
  if (idCard.length > 0) classes.push('idCardImages');
  if (other.length > 0) classes.push('otherScans');
  if (ocr.length > 0) classes.push('ocrText');
  if (applicant) classes.push('applicantData');
  return {
    dossier: d,
    classes,
    pageIds: [...going],
    idCardPages: idCard.length,
    otherPages: other.length,
    ocrPageIds: ocr.map((p) => p.id),
    applicant,
  };
}

/** Every ended dossier not on hold with something due now. `since`: the last run (receipts whose reprint window closed). */
export function planRetention(db: Db, periods: RetentionPeriods, now: number, since: number | null): RetentionPlan {
  let held = 0;
  let receiptsClosed = 0;
  const plans: DossierPlan[] = [];
  for (const d of endedDossiers(db)) {
    if (d.ended_at === null) continue;
    const receiptEnd = d.ended_at + periods.receipts * DAY_MS;
    if (receiptEnd <= now && (since === null || receiptEnd > since)) receiptsClosed++;
    const plan = planDossier(db, d, periods, now);
    if (plan.classes.length === 0) continue;
    if (d.held) {
      held++;
      continue;
    }
    plans.push(plan);
  }
  return { plans, held, receiptsClosed };
}

export function countsOf(plan: RetentionPlan): PurgeCounts {
  return {
    idCardImages: plan.plans.reduce((n, p) => n + p.idCardPages, 0),
    otherScans: plan.plans.reduce((n, p) => n + p.otherPages, 0),
    ocrText: plan.plans.reduce((n, p) => n + p.ocrPageIds.length, 0),
    applicantData: plan.plans.filter((p) => p.applicant).length,
    receipts: plan.receiptsClosed,
  };
}

/** Blob files the plan would delete: those no page outside the plan still uses (re-use shares blobs across dossiers). */
export function blobsFreedBy(db: Db, pageIds: readonly string[]): { freed: string[]; shared: number } {
  if (pageIds.length === 0) return { freed: [], shared: 0 };
  db.$client.exec('CREATE TEMP TABLE IF NOT EXISTS purge_pages (id TEXT PRIMARY KEY)');
  db.$client.exec('DELETE FROM purge_pages');
  const insert = db.$client.prepare('INSERT OR IGNORE INTO purge_pages (id) VALUES (?)');
  for (const id of pageIds) insert.run(id);
  const rows = db.$client
    .prepare(
      `SELECT p.blob_sha256 AS sha,
              EXISTS (SELECT 1 FROM pages o WHERE o.blob_sha256 = p.blob_sha256 AND o.id NOT IN (SELECT id FROM purge_pages)) AS used
         FROM pages p WHERE p.id IN (SELECT id FROM purge_pages) GROUP BY p.blob_sha256`,
    )
    .all() as { sha: string; used: number }[];
  db.$client.exec('DELETE FROM purge_pages');
  return { freed: rows.filter((r) => r.used === 0).map((r) => r.sha), shared: rows.filter((r) => r.used === 1).length };
}
