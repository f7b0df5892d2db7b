// Procedure catalog types shared by core, contract and UI: modes, components, summaries, details, the JSON file format.
import { z } from 'zod';

export const filingModes = ['online', 'postal', 'direct'] as const;
export const deadlineUnits = ['working_day', 'day', 'hour', 'month', 'year', 'other'] as const;

export const procedureModeSchema = z.object({
  mode: z.enum(filingModes),
  /** null when the deadline could not be read */
  deadlineValue: z.number().nullable(),
  deadlineUnit: z.enum(deadlineUnits),
  /** the record's own words for the deadline (and the mode's description, when it had one) */
  deadlineText: z.string(),
  /** null = unknown; 0 = free */
  feeVnd: z.number().int().nullable(),
  feeText: z.string(),
});
export type ProcedureMode = z.infer<typeof procedureModeSchema>;
export type DeadlineUnit = ProcedureMode['deadlineUnit'];

export const procedureComponentSchema = z.object({
  /** 'submit' = phải nộp; 'show' = phải xuất trình */
  kind: z.enum(['submit', 'show']),
  name: z.string(),
  /** null when the record did not say */
  originals: z.number().int().nullable(),
  copies: z.number().int().nullable(),
  required: z.boolean(),
});
export type ProcedureComponent = z.infer<typeof procedureComponentSchema>;

export const procedureSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string().nullable(),
  field: z.string().nullable(),
  agency: z.string().nullable(),
  pinned: z.boolean(),
});
export type ProcedureSummary = z.infer<typeof procedureSummarySchema>;

export const procedureDetailSchema = procedureSummarySchema.extend({
  procedureType: z.string().nullable(),
  decisionNo: z.string().nullable(),
  resultText: z.string().nullable(),
  applicantTypes: z.string().nullable(),
  source: z.string(),
  catalogVersion: z.string(),
  modes: z.array(procedureModeSchema),
  components: z.array(procedureComponentSchema),
});
export type ProcedureDetail = z.infer<typeof procedureDetailSchema>;

const optionalText = z.string().nullable().optional().default(null);

/**
 * One procedure in a catalog file. Only code, name, modes and components are required, so a file
 * from the portal (or typed by an office) with fewer fields still loads.
 */
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
  components: z.array(procedureComponentSchema),
});
export type CatalogProcedure = z.infer<typeof catalogProcedureSchema>;

export const catalogFileSchema = z.object({
  format: z.literal('dai-ly-dvc-catalog'),
  version: z.literal(1),
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
  /** one Vietnamese sentence for the screen */
  summary: z.string(),
});
export type CatalogImportResult = z.infer<typeof catalogImportResultSchema>;
