// Contract schemas of digitizing at the counter: ID-card reading, the watched scan folder, re-use of earlier pages.
import { z } from 'zod';
import { autoFillFields, fieldSourceSchema } from './applicant';

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected bytes' });
const autoFillField = z.enum(autoFillFields);

export const idCardReadInputSchema = z.object({
  dossierId: z.string(),
  fileName: z.string().max(255),
  bytes,
  /** also keep the picture as a page of the procedure's ID-card component, when it has one */
  attach: z.boolean().default(true),
});

export const idCardReadingSchema = z.object({
  source: z.enum(['qr', 'mrz', 'ocr', 'none']),
  /** values under the applicant's field names: dateOfBirth yyyy-MM-dd, sex 'male' | 'female' */
  fields: z.partialRecord(autoFillField, z.string()),
  perField: z.partialRecord(autoFillField, fieldSourceSchema),
  /** what the card says beyond the applicant form, for the agent to see */
  extra: z.object({
    oldIdNumber: z.string().nullable(),
    issueDate: z.string().nullable(),
    expiryDate: z.string().nullable(),
  }),
  conflicts: z.array(z.object({ field: autoFillField, qr: z.string(), mrz: z.string() })),
  /** per field, the Vietnamese warning to show beside it (QR and MRZ disagree, a name without diacritics) */
  fieldWarnings: z.partialRecord(autoFillField, z.string()),
  problems: z.array(z.string()),
  notes: z.array(z.string()),
  qrVersion: z.string().nullable(),
  /** where the card picture was kept as a page, if it was */
  attachedTo: z
    .object({ componentId: z.number(), componentName: z.string(), pageIds: z.array(z.string()) })
    .nullable(),
});
export type IdCardReadingOutput = z.infer<typeof idCardReadingSchema>;

export const scanTargetSchema = z.object({ dossierId: z.string(), componentId: z.number() }).nullable();

export const scannerStatusSchema = z.object({
  /** '' when no scan folder is set for this counter */
  folder: z.string(),
  watching: z.boolean(),
  target: z
    .object({ dossierId: z.string(), componentId: z.number(), componentName: z.string() })
    .nullable(),
  /** complete or still-being-written files in the folder not imported yet */
  waiting: z.number(),
  /** the file being imported right now */
  importing: z.string().nullable(),
  /** the last few imports, newest first */
  recent: z.array(
    z.object({
      fileName: z.string(),
      dossierId: z.string(),
      componentId: z.number(),
      pages: z.number(),
      at: z.number(),
    }),
  ),
  /** files that could not be imported as they are (corrupt, unsupported), with the reason in Vietnamese */
  rejected: z.array(z.object({ fileName: z.string(), message: z.string() })),
  /** pages that look blank (the back of a duplex scan), offered for removal */
  blankPages: z.array(z.object({ pageId: z.string(), dossierId: z.string(), componentId: z.number() })),
  /** a problem with the folder itself, in Vietnamese */
  problem: z.string().nullable(),
});
export type ScannerStatus = z.infer<typeof scannerStatusSchema>;

export const reusableDocumentsSchema = z.object({
  /** the applicant's ID number the documents were matched on ('' when the dossier has none yet) */
  idNumber: z.string(),
  groups: z.array(
    z.object({
      dossierId: z.string(),
      localCode: z.string(),
      procedureName: z.string(),
      componentId: z.number(),
      componentName: z.string(),
      /** epoch ms when these pages were first digitized (through earlier re-uses) */
      digitizedAt: z.number(),
      pages: z.array(
        z.object({
          pageId: z.string(),
          sourceName: z.string(),
          width: z.number(),
          height: z.number(),
          /** the same scan is already in the dossier being filled */
          alreadyHere: z.boolean(),
        }),
      ),
    }),
  ),
  /** what opened re-use for this dossier: the citizen's card read into it, or a supervisor; null: closed */
  allowedBy: z.enum(['card', 'supervisor']).nullable(),
  /** when closed for a valid ID number: what to do, in Vietnamese (groups is then empty) */
  blockedReason: z.string().nullable(),
});
export type ReusableDocuments = z.infer<typeof reusableDocumentsSchema>;

export const digitizeInputs = {
  scannerSetTarget: z.object({ target: scanTargetSchema }),
  scannerKeepPages: z.object({ pageIds: z.array(z.string()).min(1).max(200) }),
  reusable: z.object({ dossierId: z.string() }),
  reusableThumb: z.object({ dossierId: z.string(), pageId: z.string() }),
  reuseApprove: z.object({ dossierId: z.string(), reason: z.string().trim().min(5, 'Hãy ghi lý do duyệt (ít nhất 5 ký tự).').max(300) }),
  reuse: z.object({
    dossierId: z.string(),
    componentId: z.number(),
    pageIds: z.array(z.string()).min(1).max(200),
  }),
};
