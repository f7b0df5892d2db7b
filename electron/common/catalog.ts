// Procedure catalog model shared by core, contract, simulator and UI: documents, cases, notes, modes, fees, file format.
import { z } from 'zod';

/*
 * How the counter thinks of a procedure (DESIGN §9): common documents, and often cases (trường hợp) each with its own
 * documents; notes (Lưu ý) are guidance shown beside the checklist, never slots. A catalog procedure is built from three
 * layers merged in this order: the parsed national record < a curated profile shipped with the app < the office's own
 * corrections (see catalog-merge.ts). docs/catalog-format.md documents the JSON form of these types.
 */

export const filingModes = ['online', 'postal', 'direct'] as const;
export type CatalogFilingMode = (typeof filingModes)[number];
const filingModeEnum = z.enum(filingModes);
export const deadlineUnits = ['working_day', 'day', 'hour', 'month', 'year', 'other'] as const;

/** required | conditional (its condition in words) | optional ("nếu có") */
export const requirements = ['required', 'conditional', 'optional'] as const;
export type Requirement = (typeof requirements)[number];
const requirementEnum = z.enum(requirements);

/** what a page is, as data (DESIGN §10): the ID card reader and the slot set it, never a match on names */
export const pageKinds = ['id_card', 'document', 'form'] as const;
export type PageKind = (typeof pageKinds)[number];

const int = z.number().int();
const vnd = z.number().int().min(0).max(1_000_000_000);

/**
 * A fee as the law states it. per_unit: the price of unit n is the last tier whose fromUnit <= n ("2.000 đồng/trang, từ
 * trang thứ ba trở lên 1.000 đồng/trang" = [{1, 2000}, {3, 1000}]), at most capVnd per copy; perCopy: the pages are
 * charged again for each copy ("bản") the citizen asks for.
 */
export const feeRuleSchema = z.object({
  basis: z.enum(['fixed', 'per_unit', 'free', 'unknown']),
  /** fixed: the amount */
  amountVnd: vnd.nullable().default(null),
  /** per_unit: what is counted, in Vietnamese ("trang", "bản", "phiếu") */
  unit: z.string().max(40).nullable().default(null),
  tiers: z.array(z.object({ fromUnit: int.min(1), amountVnd: vnd })).default([]),
  capVnd: vnd.nullable().default(null),
  perCopy: z.boolean().default(false),
  /** the rule in words, as the record or the law writes it */
  text: z.string().default(''),
  /** the legal text that sets it: "Thông tư 226/2016/TT-BTC" */
  source: z.string().nullable().default(null),
});
export type FeeRule = z.infer<typeof feeRuleSchema>;

/** A fee a category of citizen pays instead (students, exempt groups): picked by the agent, printed with its label. */
export const feeVariantSchema = z.object({
  key: z.string().min(1).max(60),
  label: z.string().min(1),
  rule: feeRuleSchema,
});
export type FeeVariant = z.infer<typeof feeVariantSchema>;

export const procedureModeSchema = z.object({
  mode: filingModeEnum,
  /** null when the deadline could not be read */
  deadlineValue: z.number().nullable(),
  deadlineUnit: z.enum(deadlineUnits),
  /** the record's own words for the deadline (and the mode's description, when it had one) */
  deadlineText: z.string(),
  /** the fixed amount when there is one: null = unknown or not a fixed amount; 0 = free (kept for lists and reports) */
  feeVnd: z.number().int().nullable(),
  feeText: z.string(),
  /** the fee as a rule; absent in v1 files (derived from feeVnd/feeText) */
  fee: feeRuleSchema.optional(),
  feeVariants: z.array(feeVariantSchema).default([]),
});
export type ProcedureMode = z.infer<typeof procedureModeSchema>;
export type DeadlineUnit = ProcedureMode['deadlineUnit'];

export const catalogDocumentSchema = z.object({
  /** stable identity within the procedure, used to merge the office's corrections across catalog updates */
  key: z.string().min(1).max(80),
  /** the full name, as the record or the law writes it */
  name: z.string().min(1),
  /** the short counter label ("Giấy chứng sinh"); null = the name */
  label: z.string().max(120).nullable().default(null),
  /** 'submit' = phải nộp; 'show' = phải xuất trình (seen at the counter, not scanned unless the agent wants to) */
  kind: z.enum(['submit', 'show']),
  /** null when the record did not say */
  originals: int.min(0).nullable().default(null),
  copies: int.min(0).nullable().default(null),
  requirement: requirementEnum,
  /** when a conditional document applies, in words: "nếu nộp thay qua ủy quyền" */
  condition: z.string().nullable().default(null),
  /** the filing modes the document applies to; null = every mode */
  onlyModes: z.array(filingModeEnum).nullable().default(null),
  /** the requirement in a mode where it differs from `requirement` */
  requirementByMode: z.partialRecord(filingModeEnum, requirementEnum).nullable().default(null),
  /** what the pages put in this slot are */
  pageKind: z.enum(pageKinds).default('document'),
  /** the declaration form (tờ khai) this document is, when the app can fill and print it */
  formId: z.string().nullable().default(null),
});
export type CatalogDocument = z.infer<typeof catalogDocumentSchema>;

export const catalogCaseSchema = z.object({
  key: z.string().min(1).max(80),
  /** in counter language: "Nhà của mình (chủ sở hữu)" */
  name: z.string().min(1),
  /** the record's or the law's own words for the case */
  description: z.string().nullable().default(null),
  documents: z.array(catalogDocumentSchema),
});
export type CatalogCase = z.infer<typeof catalogCaseSchema>;

export const catalogNoteSchema = z.object({
  text: z.string().min(1),
  /** the case the note is about; null = the whole procedure */
  caseKey: z.string().nullable().default(null),
});
export type CatalogNote = z.infer<typeof catalogNoteSchema>;

/** Who the dossier is about when it is not the applicant (khai sinh: the child); printed on the receipt. */
export const subjectSchema = z.object({
  label: z.string().min(1),
  /** the form field that holds the person's full name ("child.fullName"), when the procedure has a form */
  formField: z.string().nullable().default(null),
});
export type ProcedureSubject = z.infer<typeof subjectSchema>;

const optionalText = z.string().nullable().optional().default(null);

/** One procedure in a catalog file (the parsed record, a curated profile's result, or an office's own procedure). */
export const catalogProcedureSchema = z.object({
  code: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1),
  level: optionalText,
  field: optionalText,
  agency: optionalText,
  procedureType: optionalText,
  decisionNo: optionalText,
  resultText: optionalText,
  applicantTypes: optionalText,
  /** 'national' | 'office' | 'portal'; a hand-made file's procedures are the office's own */
  source: z.string().min(1).optional().default('office'),
  active: z.boolean().optional().default(true),
  modes: z.array(procedureModeSchema),
  /** documents of every case */
  documents: z.array(catalogDocumentSchema).default([]),
  /** mutually exclusive cases; empty when the procedure has none */
  cases: z.array(catalogCaseSchema).default([]),
  notes: z.array(catalogNoteSchema).default([]),
  subject: subjectSchema.nullable().default(null),
});
export type CatalogProcedure = z.infer<typeof catalogProcedureSchema>;

export const procedureSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string().nullable(),
  field: z.string().nullable(),
  agency: z.string().nullable(),
  pinned: z.boolean(),
});
export type ProcedureSummary = z.infer<typeof procedureSummarySchema>;

/** Which layers made the procedure the app shows (catalog:show prints it). */
export const catalogLayersSchema = z.object({
  /** a reviewed profile shipped with the app took precedence over the parsed record */
  curated: z.boolean(),
  /** the profile's own version and legal sources (decision and circular numbers) */
  profileVersion: z.string().nullable(),
  legalBasis: z.array(z.string()),
  /** the office's corrections apply; their version (1, 2, ...) and who saved the last one */
  correctionVersion: z.number().int().nullable(),
  correctedBy: z.string().nullable(),
  correctedAt: z.number().nullable(),
  /** corrections that no longer match what the layers below say (shown to the admin) */
  conflicts: z.array(z.object({ target: z.string(), message: z.string() })),
});
export type CatalogLayers = z.infer<typeof catalogLayersSchema>;

export const procedureDetailSchema = procedureSummarySchema.extend({
  procedureType: z.string().nullable(),
  decisionNo: z.string().nullable(),
  resultText: z.string().nullable(),
  applicantTypes: z.string().nullable(),
  source: z.string(),
  catalogVersion: z.string(),
  modes: z.array(procedureModeSchema),
  documents: z.array(catalogDocumentSchema),
  cases: z.array(catalogCaseSchema),
  notes: z.array(catalogNoteSchema),
  subject: subjectSchema.nullable(),
  /** the office's service charge for this procedure (đồng): its correction, else the office's default */
  serviceChargeVnd: z.number().int().min(0),
  layers: catalogLayersSchema,
});
export type ProcedureDetail = z.infer<typeof procedureDetailSchema>;

/** v1 component (kept so v1 files and older exports still load): a flat list, required as a boolean. */
export const procedureComponentV1Schema = z.object({
  kind: z.enum(['submit', 'show']),
  name: z.string(),
  originals: z.number().int().nullable(),
  copies: z.number().int().nullable(),
  required: z.boolean(),
});
export type ProcedureComponentV1 = z.infer<typeof procedureComponentV1Schema>;

export const catalogFileSchema = z.object({
  format: z.literal('dai-ly-dvc-catalog'),
  version: z.literal(2),
  catalogVersion: z.string().min(1),
  /** ISO 8601 */
  exportedAt: z.string(),
  procedures: z.array(catalogProcedureSchema),
});
export type CatalogFile = z.infer<typeof catalogFileSchema>;

/** What importing a catalog file tells the user. */
export const catalogImportResultSchema = z.object({
  total: z.number().int(),
  stored: z.number().int(),
  /** number of parse problems noted (0 for the app's own JSON format, which is validated whole) */
  problems: z.number().int(),
  catalogVersion: z.string(),
  /** corrections of the office that no longer match the new catalog (kept, shown to the admin) */
  correctionConflicts: z.number().int().default(0),
  /** one Vietnamese sentence for the screen */
  summary: z.string(),
});
export type CatalogImportResult = z.infer<typeof catalogImportResultSchema>;

/*
 * The office's own corrections (layer 3). One row per save, versioned; the newest applies. Each document patch carries
 * `base`: a fingerprint of the document as the layers below gave it when the admin corrected it, so a catalog update
 * that changes or drops the document is shown as a conflict instead of being overwritten silently.
 */
export const documentCorrectionSchema = z.object({
  label: z.string().max(120).nullable().optional(),
  hidden: z.boolean().optional(),
  requirement: requirementEnum.optional(),
  condition: z.string().max(300).nullable().optional(),
  requirementByMode: z.partialRecord(filingModeEnum, requirementEnum).nullable().optional(),
  base: z.string(),
});
export type DocumentCorrection = z.infer<typeof documentCorrectionSchema>;

export const modeCorrectionSchema = z.object({
  fee: feeRuleSchema.optional(),
  base: z.string(),
});

export const procedureCorrectionSchema = z.object({
  procedureCode: z.string().min(1),
  /** document key -> patch */
  documents: z.record(z.string(), documentCorrectionSchema).default({}),
  modes: z.partialRecord(filingModeEnum, modeCorrectionSchema).default({}),
  /** this procedure's service charge; null = the office's default */
  serviceChargeVnd: vnd.nullable().default(null),
  /** why, in the admin's words (kept in the version history) */
  note: z.string().max(500).default(''),
});
export type ProcedureCorrection = z.infer<typeof procedureCorrectionSchema>;

export const correctionsFileSchema = z.object({
  format: z.literal('dai-ly-dvc-corrections'),
  version: z.literal(1),
  exportedAt: z.string(),
  officeCode: z.string(),
  corrections: z.array(procedureCorrectionSchema),
});
export type CorrectionsFile = z.infer<typeof correctionsFileSchema>;

/** A correction as the editor sends it: the service fills in each `base` from what the layers below say now. */
export const procedureCorrectionInputSchema = procedureCorrectionSchema.extend({
  documents: z.record(z.string(), documentCorrectionSchema.extend({ base: z.string().optional() })).default({}),
  modes: z.partialRecord(filingModeEnum, modeCorrectionSchema.extend({ base: z.string().optional() })).default({}),
});
export type ProcedureCorrectionInput = z.input<typeof procedureCorrectionInputSchema>;

/** One saved version of an office's correction, for the editor's history. */
export const correctionVersionSchema = z.object({
  version: z.number().int(),
  createdBy: z.string(),
  createdByName: z.string(),
  createdAt: z.number(),
  note: z.string(),
});
export type CorrectionVersion = z.infer<typeof correctionVersionSchema>;

/**
 * A curated profile shipped with the app (layer 2): resources/catalog/profiles/<code>.json. It replaces the parsed
 * record's documents, cases, notes and subject wholesale, and its modes where it gives any.
 */
export const curatedProfileSchema = z.object({
  format: z.literal('dai-ly-dvc-profile'),
  version: z.literal(1),
  /** the profile's own version: the date it was last reviewed against the law ("2026-12-01") */
  profileVersion: z.string().min(1),
  /** the legal texts it follows: "Luật Hộ tịch 2014", "Nghị định 123/2015/NĐ-CP", ... */
  legalBasis: z.array(z.string().min(1)).min(1),
  procedure: catalogProcedureSchema,
});
export type CuratedProfile = z.infer<typeof curatedProfileSchema>;

/** What the admin's checklist editor opens (catalog.corrections.get / save). */
export const correctionViewSchema = z.object({
  code: z.string(),
  /** the procedure as the layers below the office give it (national record + curated profile), hidden documents included */
  base: catalogProcedureSchema,
  /** the office's newest correction; null when it never corrected the procedure */
  correction: procedureCorrectionSchema.nullable(),
  version: z.number().int().nullable(),
  conflicts: catalogLayersSchema.shape.conflicts,
  curated: z.boolean(),
  /** the office's default service charge (settings), used when the correction sets none */
  defaultServiceChargeVnd: z.number().int().min(0),
});
export type CorrectionView = z.infer<typeof correctionViewSchema>;
