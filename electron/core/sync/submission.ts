// Builds the portal submission body of a dossier from its rows (deterministic: same rows, same bytes) and lists its files.
import type { Db } from '../../../db/client';
import { AppError } from '../../common/errors';
import type { DossierSubmission, SubmittedFile } from './portal-protocol';
import { storedFormSchema } from '../../common/forms/prefill';
import { printOfCurrentData } from '../forms/form-slots';

type DossierRow = {
  id: string;
  local_code: string;
  procedure_code: string;
  mode: 'online' | 'postal' | 'direct';
  applicant: string;
  form_data: string;
  delivery: string;
  fee_vnd: number | null;
  case_key: string | null;
};

type PageFileRow = {
  component_name: string;
  doc_key: string;
  component_ord: number;
  page_ord: number;
  blob_sha256: string;
  mime: string;
  size: number;
};

export type DossierFile = SubmittedFile & { component: string; docKey: string };

const EXT: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/tiff': 'tif',
  'application/pdf': 'pdf',
};

function parseObject(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The saved declaration form as the portal takes it ({ formId, version, data }, and the print of this very data when
 * there is one); none when no form was filled.
 */
function formDataOf(db: Db, dossierId: string, json: string): Pick<DossierSubmission, 'formData'> {
  const stored = storedFormSchema.safeParse(parseObject(json));
  if (!stored.success || Object.keys(stored.data.data).length === 0) return {};
  const print = printOfCurrentData(db, dossierId, stored.data);
  const printed = print ? { printed: { at: new Date(print.at).toISOString(), dataHash: print.dataHash } } : {};
  return { formData: { formId: stored.data.formId, version: stored.data.version, data: stored.data.data, ...printed } };
}

/** The pages to upload, in submission order (component order, then page order). */
export function dossierFiles(db: Db, dossierId: string): DossierFile[] {
  const rows = db.$client
    .prepare(
      `SELECT c.name AS component_name, c.doc_key, c.ord AS component_ord, p.ord AS page_ord, p.blob_sha256, p.mime, p.size
       FROM pages p JOIN dossier_components c ON c.id = p.component_id
       WHERE p.dossier_id = ? AND c.kind = 'submit'
       ORDER BY c.ord, p.ord, p.id`,
    )
    .all(dossierId) as PageFileRow[];
  return rows.map((r, i) => ({
    component: r.component_name,
    docKey: r.doc_key,
    sha256: r.blob_sha256,
    fileName: `trang-${String(r.component_ord + 1).padStart(2, '0')}-${String(i + 1).padStart(3, '0')}.${EXT[r.mime] ?? 'bin'}`,
    mime: r.mime,
    size: r.size,
  }));
}

/** keys of the checklist's conditional documents the agent answered "áp dụng" for, in checklist order */
function appliedConditions(db: Db, dossierId: string, caseKey: string | null): string[] {
  const rows = db.$client
    .prepare(
      `SELECT doc_key FROM dossier_components
        WHERE dossier_id = ? AND applies = 1 AND doc_key <> '' AND (case_key IS NULL OR case_key = ?) ORDER BY ord`,
    )
    .all(dossierId, caseKey) as { doc_key: string }[];
  return rows.map((r) => r.doc_key);
}

/** What the portal receives for a dossier. Built once when the dossier is queued and frozen in the outbox. */
export function buildSubmission(db: Db, dossierId: string): DossierSubmission {
  const row = db.$client
    .prepare(
      'SELECT id, local_code, procedure_code, mode, applicant, form_data, delivery, fee_vnd, case_key FROM dossiers WHERE id = ?',
    )
    .get(dossierId) as DossierRow | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  const applicant = parseObject(row.applicant);
  const delivery = parseObject(row.delivery);
  // one entry per slot (two slots may share a name), in checklist order
  const components = new Map<string, { name: string; docKey: string; files: SubmittedFile[] }>();
  for (const f of dossierFiles(db, dossierId)) {
    const key = `${f.docKey}\u0000${f.component}`;
    const entry = components.get(key) ?? { name: f.component, docKey: f.docKey, files: [] };
    entry.files.push({ sha256: f.sha256, fileName: f.fileName, mime: f.mime, size: f.size });
    components.set(key, entry);
  }
  const address = str(applicant.address);
  const deliveryAddress = str(delivery.address);
  return {
    procedureCode: row.procedure_code,
    mode: row.mode,
    localCode: row.local_code,
    applicant: {
      fullName: str(applicant.fullName) ?? '',
      idNumber: str(applicant.idNumber) ?? '',
      ...(str(applicant.dateOfBirth) ? { dateOfBirth: str(applicant.dateOfBirth) } : {}),
      ...(str(applicant.phone) ? { phone: str(applicant.phone) } : {}),
      ...(str(applicant.email) ? { email: str(applicant.email) } : {}),
      ...(address ? { address } : {}),
    },
    ...formDataOf(db, dossierId, row.form_data),
    delivery: {
      method: delivery.method === 'post' ? 'post' : 'counter',
      ...(deliveryAddress ? { address: deliveryAddress } : {}),
    },
    feeVnd: row.fee_vnd,
    caseKey: row.case_key,
    appliedConditions: appliedConditions(db, dossierId, row.case_key),
    // docKey '' for slots made before catalog keys: the portal matches those by name
    components: [...components.values()].map((c) => ({ name: c.name, ...(c.docKey ? { docKey: c.docKey } : {}), files: c.files })),
  };
}
