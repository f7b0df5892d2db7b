// Everything held about one ID number: the dossiers they filed, the dossiers that mention them, pages, consents, who looked.
import type { Db } from '../../../db/client';
import { formatDate, toVietnamIsoDate } from '../../common/format';
import type { RetentionPeriods } from '../../common/privacy-contract';
import { accessActions } from './access-log';
import { idNumberDigest } from './id-digest';
import { DAY_MS, END_STATUSES } from './retention-rules';

export type DossierRowLite = {
  id: string;
  local_code: string;
  procedure_code: string;
  procedure_name: string;
  mode: string;
  status: string;
  applicant: string;
  form_data: string;
  delivery: string;
  subject_name: string | null;
  fee_vnd: number | null;
  service_charge_vnd: number;
  due_date: string | null;
  portal_code: string | null;
  created_at: number;
  ready_at: number | null;
  personal_data_purged_at: number | null;
  applicant_id_number: string;
};

type PageLite = {
  id: string;
  component_name: string;
  kind: string;
  ord: number;
  mime: string;
  size: number;
  width: number;
  height: number;
  source_name: string;
  ocr_text: string | null;
  created_at: number;
  purged_at: number | null;
  blob_sha256: string;
};

const DOSSIER_COLUMNS = `d.id, d.local_code, d.procedure_code, d.procedure_name, d.mode, d.status, d.applicant, d.form_data, d.delivery,
  d.subject_name, d.fee_vnd, d.service_charge_vnd, d.due_date, d.portal_code, d.created_at, d.ready_at,
  d.personal_data_purged_at, d.applicant_id_number`;

/** Dossiers this person filed (they are the applicant). */
export function dossiersFiledBy(db: Db, idNumber: string): DossierRowLite[] {
  return db.$client
    .prepare(`SELECT ${DOSSIER_COLUMNS} FROM dossiers d WHERE d.applicant_id_number = ? ORDER BY d.created_at`)
    .all(idNumber) as DossierRowLite[];
}

/** Dossiers of other applicants whose applicant data or form names this ID number (a parent, a spouse, a principal). */
export function dossiersMentioning(db: Db, idNumber: string): DossierRowLite[] {
  return db.$client
    .prepare(
      `SELECT ${DOSSIER_COLUMNS} FROM dossiers d
        WHERE d.applicant_id_number <> ? AND (instr(d.form_data, ?) > 0 OR instr(d.applicant, ?) > 0) ORDER BY d.created_at`,
    )
    .all(idNumber, idNumber, idNumber) as DossierRowLite[];
}

export function pagesOfDossier(db: Db, dossierId: string): PageLite[] {
  return db.$client
    .prepare(
      `SELECT p.id, c.name AS component_name, p.kind, p.ord, p.mime, p.size, p.width, p.height, p.source_name, p.ocr_text,
              p.created_at, p.purged_at, p.blob_sha256
         FROM pages p JOIN dossier_components c ON c.id = p.component_id WHERE p.dossier_id = ? ORDER BY c.ord, p.ord`,
    )
    .all(dossierId) as PageLite[];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function endedAt(db: Db, dossierId: string): number | null {
  const statuses = END_STATUSES.map((s) => `'${s}'`).join(', ');
  return (
    db.$client
      .prepare(`SELECT min(at) AS at FROM status_events WHERE dossier_id = ? AND to_status IN (${statuses})`)
      .get(dossierId) as { at: number | null }
  ).at;
}

/** The dates the retention purge will remove each class (or "khi hồ sơ kết thúc" while it is open). */
export function retentionDates(db: Db, dossierId: string, periods: RetentionPeriods, reuse: boolean): Record<string, string> {
  const end = endedAt(db, dossierId);
  const when = (days: number) => (end === null ? `${days} ngày sau khi hồ sơ có kết quả hoặc kết thúc` : formatDate(toVietnamIsoDate(end + days * DAY_MS)));
  return {
    'Ảnh thẻ căn cước': when(periods.idCardImages),
    'Bản quét giấy tờ khác': when(reuse ? Math.max(periods.otherScans, periods.reuseScans) : periods.otherScans),
    'Chữ nhận dạng (OCR)': when(periods.ocrText),
    'Thông tin người nộp, tờ khai': when(periods.applicantData),
  };
}

export type AccessLine = { at: number; actorName: string | null; action: string; localCode: string | null };

export function accessAbout(db: Db, idNumber: string): AccessLine[] {
  const rows = db.$client
    .prepare(
      `SELECT a.at, u.full_name AS actor_name, a.action, d.local_code FROM access_log a
         LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN dossiers d ON d.id = a.dossier_id
        WHERE a.id_digest = ? ORDER BY a.id`,
    )
    .all(idNumberDigest(db, idNumber)) as { at: number; actor_name: string | null; action: string; local_code: string | null }[];
  return rows.map((r) => ({
    at: r.at,
    actorName: r.actor_name,
    action: (accessActions as Record<string, string>)[r.action] ?? r.action,
    localCode: r.local_code,
  }));
}

export function consentsOf(db: Db, dossierId: string) {
  return db.$client
    .prepare(
      `SELECT k.purpose, k.notice_version AS noticeVersion, k.method, k.recorded_at AS recordedAt, u.full_name AS recordedBy,
              k.withdrawn_at AS withdrawnAt, k.withdrawn_note AS withdrawnNote
         FROM consents k LEFT JOIN users u ON u.id = k.recorded_by WHERE k.dossier_id = ? ORDER BY k.id`,
    )
    .all(dossierId) as { purpose: string; noticeVersion: string; method: string; recordedAt: number; recordedBy: string | null; withdrawnAt: number | null; withdrawnNote: string | null }[];
}

export function historyOf(db: Db, dossierId: string) {
  return db.$client
    .prepare('SELECT at, from_status AS fromStatus, to_status AS toStatus, source, message FROM status_events WHERE dossier_id = ? ORDER BY at, id')
    .all(dossierId) as { at: number; fromStatus: string | null; toStatus: string; source: string; message: string | null }[];
}

/** One dossier as the export shows it; images as base64 when `images` reads them. */
export function dossierExport(
  db: Db,
  d: DossierRowLite,
  periods: RetentionPeriods,
  images: Map<string, string>,
): Record<string, unknown> {
  const consents = consentsOf(db, d.id);
  const reuse = consents.some((k) => k.purpose === 'reuse' && k.withdrawnAt === null);
  return {
    localCode: d.local_code,
    procedure: { code: d.procedure_code, name: d.procedure_name },
    mode: d.mode,
    status: d.status,
    createdAt: new Date(d.created_at).toISOString(),
    readyAt: d.ready_at === null ? null : new Date(d.ready_at).toISOString(),
    dueDate: d.due_date,
    portalCode: d.portal_code,
    applicant: parseJson(d.applicant),
    subjectName: d.subject_name,
    formData: parseJson(d.form_data),
    delivery: parseJson(d.delivery),
    fee: { feeVnd: d.fee_vnd, serviceChargeVnd: d.service_charge_vnd },
    personalDataPurgedAt: d.personal_data_purged_at === null ? null : new Date(d.personal_data_purged_at).toISOString(),
    history: historyOf(db, d.id),
    consents,
    retention: retentionDates(db, d.id, periods, reuse),
    pages: pagesOfDossier(db, d.id).map((p) => ({
      document: p.component_name,
      kind: p.kind,
      order: p.ord + 1,
      mime: p.mime,
      width: p.width,
      height: p.height,
      fileName: p.source_name,
      ocrText: p.ocr_text,
      scannedAt: new Date(p.created_at).toISOString(),
      purgedAt: p.purged_at === null ? null : new Date(p.purged_at).toISOString(),
      imageBase64: p.purged_at === null ? (images.get(p.blob_sha256) ?? null) : null,
    })),
  };
}
