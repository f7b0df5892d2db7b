// Contract schemas of personal data (issue 11): consent, retention and legal holds, the access log, citizens' requests.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-MM-dd');
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected bytes' });
const fileOut = z.object({ fileName: z.string(), mime: z.string(), bytes });
/** a 12-digit personal identification number (số định danh cá nhân) */
const idNumber = z.string().trim().regex(/^\d{12}$/, 'Số định danh gồm 12 chữ số.');

export const consentPurposeSchema = z.enum(['procedure', 'reuse']);
export type ConsentPurpose = z.infer<typeof consentPurposeSchema>;
/** signed_receipt: the clause printed on the receipt, signed by the citizen; read_aloud: the agent read the notice */
export const consentMethodSchema = z.enum(['signed_receipt', 'read_aloud']);
export type ConsentMethod = z.infer<typeof consentMethodSchema>;
export const pageKindSchema = z.enum(['id_card', 'document', 'form']);
export type PageKind = z.infer<typeof pageKindSchema>;

export const consentRecordSchema = z.object({
  id: z.number(),
  purpose: consentPurposeSchema,
  noticeVersion: z.string(),
  method: consentMethodSchema,
  recordedByName: z.string(),
  recordedAt: z.number(),
  withdrawn: z.object({ at: z.number(), byName: z.string(), note: z.string() }).nullable(),
});
export type ConsentRecord = z.infer<typeof consentRecordSchema>;

export const dossierConsentsSchema = z.object({
  dossierId: z.string(),
  /** the notice in force, to read to the citizen or print */
  notice: z.object({ version: z.string(), title: z.string(), text: z.string() }),
  /** every record, newest first (withdrawn ones too) */
  records: z.array(consentRecordSchema),
  /** the purposes agreed to and not withdrawn */
  active: z.object({ procedure: z.boolean(), reuse: z.boolean() }),
  /** the method of the procedure consent in force, or null */
  method: consentMethodSchema.nullable(),
  /** recording (new consent) is possible: the dossier is still being filled */
  canRecord: z.boolean(),
});
export type DossierConsents = z.infer<typeof dossierConsentsSchema>;

export const retentionClassSchema = z.enum(['idCardImages', 'otherScans', 'ocrText', 'applicantData', 'receipts']);
export type RetentionClass = z.infer<typeof retentionClassSchema>;

/** Days after the dossier's end (first of result_ready, completed, rejected, withdrawn). See core/privacy/retention-rules. */
export const retentionPeriodsSchema = z.object({
  idCardImages: z.number().int().min(0).max(3650),
  otherScans: z.number().int().min(0).max(3650),
  ocrText: z.number().int().min(0).max(3650),
  applicantData: z.number().int().min(0).max(3650),
  receipts: z.number().int().min(1825).max(7300),
  /** other scans of a dossier whose owner agreed to keep them for re-use (while the consent stands) */
  reuseScans: z.number().int().min(0).max(1825),
});
export type RetentionPeriods = z.infer<typeof retentionPeriodsSchema>;

export const retentionRuleSchema = z.object({
  key: z.enum(['idCardImages', 'otherScans', 'ocrText', 'applicantData', 'receipts', 'reuseScans']),
  label: z.string(),
  days: z.number(),
  defaultDays: z.number(),
  basis: z.string(),
});

export const retentionSettingsSchema = z.object({
  periods: retentionPeriodsSchema,
  rules: z.array(retentionRuleSchema),
  lastRun: z
    .object({ at: z.number(), dossiers: z.number(), blobsDeleted: z.number(), pagesPurged: z.number() })
    .nullable(),
});
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

export const purgeCountsSchema = z.object({
  idCardImages: z.number(),
  otherScans: z.number(),
  ocrText: z.number(),
  applicantData: z.number(),
  receipts: z.number(),
});
export type PurgeCounts = z.infer<typeof purgeCountsSchema>;

export const purgePreviewSchema = z.object({
  asOf: z.number(),
  /** pages (images, OCR texts) or dossiers (applicant data, receipts) per class */
  counts: purgeCountsSchema,
  /** blob files that would go (shared scans still used by a live dossier stay) */
  blobFiles: z.number(),
  dossiers: z.array(
    z.object({
      dossierId: z.string(),
      localCode: z.string(),
      procedureName: z.string(),
      status: z.string(),
      endedAt: z.number(),
      classes: z.array(retentionClassSchema),
    }),
  ),
  held: z.number(),
});
export type PurgePreview = z.infer<typeof purgePreviewSchema>;

export const purgeReportSchema = z.object({
  at: z.number(),
  dossiers: z.number(),
  counts: purgeCountsSchema,
  blobsDeleted: z.number(),
  blobsKeptShared: z.number(),
  pagesPurged: z.number(),
  held: z.number(),
});
export type PurgeReport = z.infer<typeof purgeReportSchema>;

export const legalHoldSchema = z.object({
  id: z.number(),
  dossierId: z.string(),
  localCode: z.string(),
  reason: z.string(),
  placedByName: z.string(),
  placedAt: z.number(),
});
export type LegalHold = z.infer<typeof legalHoldSchema>;

export const accessItemSchema = z.object({
  id: z.number(),
  at: z.number(),
  actorName: z.string().nullable(),
  action: z.string(),
  /** the action in Vietnamese words */
  actionLabel: z.string(),
  dossierId: z.string().nullable(),
  localCode: z.string().nullable(),
  target: z.string().nullable(),
  reason: z.string().nullable(),
});
export type AccessItem = z.infer<typeof accessItemSchema>;

const accessFilter = {
  actorId: z.string().optional(),
  fromDate: isoDate.optional(),
  toDate: isoDate.optional(),
  idNumber: idNumber.optional(),
};

export const citizenDossierSchema = z.object({
  dossierId: z.string(),
  localCode: z.string(),
  procedureName: z.string(),
  status: z.string(),
  createdAt: z.number(),
  pages: z.number(),
  idCardPages: z.number(),
  purged: z.boolean(),
  held: z.boolean(),
  consents: z.array(z.string()),
});

export const citizenSummarySchema = z.object({
  idNumber: z.string(),
  fullName: z.string(),
  dossiers: z.array(citizenDossierSchema),
  accessEntries: z.number(),
});
export type CitizenSummary = z.infer<typeof citizenSummarySchema>;

export const eraseReportSchema = z.object({
  erased: z.array(z.string()),
  /** local codes left as they were, with the reason (on legal hold, being processed at the portal) */
  skipped: z.array(z.object({ localCode: z.string(), reason: z.string() })),
  pagesPurged: z.number(),
  blobsDeleted: z.number(),
  /** what stays and why, in plain Vietnamese */
  kept: z.array(z.string()),
});
export type EraseReport = z.infer<typeof eraseReportSchema>;

export const privacyInputs = {
  consentGet: z.object({ dossierId: z.string() }),
  consentRecord: z.object({
    dossierId: z.string(),
    /** the procedure purpose must be true (required to proceed); re-use is the citizen's separate choice */
    procedure: z.literal(true),
    reuse: z.boolean(),
    method: consentMethodSchema,
    noticeVersion: z.string(),
  }),
  consentWithdraw: z.object({
    dossierId: z.string(),
    purpose: consentPurposeSchema,
    note: z.string().trim().max(200).default(''),
  }),
  retentionUpdate: retentionPeriodsSchema.partial(),
  legalHold: z.object({ dossierId: z.string(), reason: z.string().trim().min(5).max(500) }),
  legalRelease: z.object({ dossierId: z.string(), reason: z.string().trim().min(5).max(500) }),
  legalHoldByCode: z.object({ localCode: z.string().trim().min(3).max(40), reason: z.string().trim().min(5).max(500) }),
  accessList: z.object({
    ...accessFilter,
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).default(0),
  }),
  accessExport: z.object({ ...accessFilter, format: z.enum(['csv', 'xlsx']) }),
  citizenFind: z.object({ idNumber }),
  citizenExport: z.object({ idNumber }),
  citizenErase: z.object({
    idNumber,
    /** the ID number typed again by the supervisor */
    confirm: z.string().trim(),
    reason: z.string().trim().min(5).max(500),
  }),
  pageSetKind: z.object({ pageId: z.string(), kind: pageKindSchema }),
};

export const privacyOutputs = {
  legalHolds: z.array(legalHoldSchema),
  accessList: z.object({ items: z.array(accessItemSchema), total: z.number() }),
  accessVerify: z.object({ ok: z.boolean(), rows: z.number(), brokenAtId: z.number().nullable(), message: z.string() }),
  citizenExport: z.object({ json: fileOut, pdf: fileOut }),
  fileOut,
};
