// Inputs and outputs of the forms.* calls (contract.ts maps the names): get a form, save its data, print it.
import { z } from 'zod';
import type { AdminUnitsFile } from './admin-units';
import type { FormDefinition } from './form-definition';
import { fieldSourceInfoSchema, prefillValueSchema, storedFormSchema } from './prefill';

const formDefinitionOut = z.custom<FormDefinition>((v) => typeof v === 'object' && v !== null && 'sections' in v, { message: 'expected a form schema' });
const adminUnitsOut = z.custom<AdminUnitsFile['provinces']>((v) => Array.isArray(v), { message: 'expected provinces' });

export const formsInputs = {
  /** the dossier's form (by its checklist's formId, or the procedure's), or a form by id; adminUnits for address pickers */
  get: z
    .object({
      dossierId: z.string().optional(),
      formId: z.string().optional(),
      withAdminUnits: z.boolean().default(false),
    })
    .refine((v) => v.dossierId !== undefined || v.formId !== undefined, 'Cần mã hồ sơ hoặc mã tờ khai.'),
  /** saves the whole form (autosave); after the dossier has been ready once, `reason` is required and the edit audited */
  save: z.object({
    dossierId: z.string(),
    formId: z.string(),
    /** the schema version the data was filled against */
    version: z.number().int().min(1),
    data: z.record(z.string(), z.unknown()),
    sources: z.record(z.string(), fieldSourceInfoSchema).default({}),
    confirmed: z.array(z.string()).default([]),
    /** the dossier version the agent saw (optimistic locking); omitted = no check */
    expectedVersion: z.number().int().optional(),
    reason: z.string().trim().max(500).optional(),
  }),
  /** the official form, filled: from the dossier's saved data, or from `data` for a form id (bulk printing) */
  print: z
    .object({
      dossierId: z.string().optional(),
      formId: z.string().optional(),
      data: z.record(z.string(), z.unknown()).optional(),
    })
    .refine((v) => v.dossierId !== undefined || (v.formId !== undefined && v.data !== undefined), 'Cần mã hồ sơ, hoặc mã tờ khai và dữ liệu.'),
  /** a scanned known document of the dossier (Giấy chứng sinh) read into the form, from the page's stored OCR */
  prefillFromPage: z.object({
    dossierId: z.string(),
    pageId: z.string(),
    document: z.enum(['giay-chung-sinh']).default('giay-chung-sinh'),
  }),
};

export const formsOutputs = {
  get: z.object({
    schema: formDefinitionOut,
    /** null when no dossier was given */
    stored: storedFormSchema.nullable(),
    /** data path -> Vietnamese message (the same as the portal would answer under formData.data.<path>) */
    problems: z.record(z.string(), z.string()),
    /** prefilled paths waiting for the agent's confirmation, in paper order */
    unconfirmed: z.array(z.string()),
    /** the dossier has been ready once: saving needs a reason and is audited */
    reasonRequired: z.boolean(),
    dossierVersion: z.number().nullable(),
    /** procedure codes that use this form */
    procedures: z.array(z.string()),
    adminUnits: adminUnitsOut.optional(),
  }),
  save: z.object({
    stored: storedFormSchema,
    problems: z.record(z.string(), z.string()),
    unconfirmed: z.array(z.string()),
    dossierVersion: z.number(),
    /** paths whose value changed in this save */
    changed: z.array(z.string()),
  }),
  prefillFromPage: z.discriminatedUnion('status', [
    /** the page's OCR has not finished yet: call again when ocr.progress says done */
    z.object({ status: z.literal('pending') }),
    z.object({
      status: z.literal('done'),
      /** form data path -> proposed value (stored form: dates yyyy-MM-dd, sex male/female), source 'ocr', confidence */
      values: z.record(z.string(), prefillValueSchema),
      /** how many fields the extractor found on the page (some may have no place in this form) */
      found: z.number().int().min(0),
    }),
  ]),
};
