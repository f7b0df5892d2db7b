// Contract schemas of a dossier's checklist and fees: per-slot requirement, case, notes, subject, fee, and their calls.
import { z } from 'zod';
import { catalogNoteSchema, feeRuleSchema, pageKinds } from './catalog';
import { slotFormFillSchema } from './forms/form-slot';

/** a document's requirement in the dossier's filing mode; not_applicable = meant for other modes only */
export const effectiveRequirementSchema = z.enum(['required', 'conditional', 'optional', 'not_applicable']);

/** The checklist fields of a dossier slot, merged into dossierComponentSchema (contract.ts). */
export const checklistSlotShape = {
  /** the catalog document it was made from; 'other' = Giấy tờ khác; 'legacy-N' for slots made before keys */
  docKey: z.string(),
  /** the case (trường hợp) the document belongs to; null = common to every case */
  caseKey: z.string().nullable(),
  /** the short counter label; null = the name */
  label: z.string().nullable(),
  /** what this dossier's filing mode asks of the document */
  requirement: effectiveRequirementSchema,
  /** when a conditional document applies, in words ("nếu nộp thay qua ủy quyền") */
  condition: z.string().nullable(),
  /** the agent's "áp dụng" (true) / "không áp dụng" (false) for a conditional document; null = not answered */
  applies: z.boolean().nullable(),
  /** a document to show: who ticked "đã xem bản chính", and when */
  seen: z.object({ byName: z.string(), at: z.number() }).nullable(),
  pageKind: z.enum(pageKinds),
  formId: z.string().nullable(),
  /** a slot of the dossier's declaration form: how far the form filled in the app stands in for pages (form-slot.ts) */
  formFill: slotFormFillSchema.nullable(),
  /** common, or of the chosen case; false only for a slot of another case that still holds pages */
  inChecklist: z.boolean(),
};

export const dossierCaseSchema = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string().nullable(),
});
export type DossierCase = z.infer<typeof dossierCaseSchema>;

export const feeQuantitySchema = z.object({
  units: z.number().int().min(1).max(10_000),
  copies: z.number().int().min(1).max(1_000),
});

/** What the citizen owes at the counter: the statutory fee (or the agent's amount) plus the office's service charge. */
export const dossierFeeSchema = z.object({
  /** the fee rule the dossier took from its mode (or the chosen variant) */
  rule: feeRuleSchema,
  variantKey: z.string().nullable(),
  variantLabel: z.string().nullable(),
  /** pages/copies counted for a per-unit fee; null when the fee does not depend on a quantity */
  quantity: feeQuantitySchema.nullable(),
  /** the units follow the pages scanned (until the agent types a number) */
  quantityAuto: z.boolean(),
  /** the fee the rule gives for the quantity; null when the catalog's fee is unknown or ambiguous */
  statutoryVnd: z.number().int().nullable(),
  /** the arithmetic or the rule in words: "3 trang × 1 bản = 5.000 đồng" */
  detail: z.string(),
  /** the agent's amount with its reason (both or neither) */
  overrideVnd: z.number().int().nullable(),
  overrideReason: z.string().nullable(),
  serviceChargeVnd: z.number().int(),
  /** fee + service charge; null while the fee is not known */
  totalVnd: z.number().int().nullable(),
  /** the catalog gives no usable amount and the agent has not entered one: the dossier cannot be made ready */
  needsAmount: z.boolean(),
});
export type DossierFee = z.infer<typeof dossierFeeSchema>;

/** The checklist and fee fields of a dossier's detail, merged into dossierDetailSchema (contract.ts). */
export const checklistDetailShape = {
  /** the cases the agent picks from (empty when the procedure has none) and the one chosen */
  cases: z.array(dossierCaseSchema),
  caseKey: z.string().nullable(),
  /** Lưu ý: guidance of the procedure and of the chosen case, shown beside the checklist */
  notes: z.array(catalogNoteSchema),
  /** who the dossier is about when it is not the applicant (khai sinh: the child); null = the procedure has none */
  /** fromForm: the name comes from the declaration form only (the procedure names its field and the form was started) */
  subject: z.object({ label: z.string(), name: z.string(), fromForm: z.boolean() }).nullable(),
  fee: dossierFeeSchema,
  /** conditional documents nobody answered "áp dụng / không áp dụng" for: counted as not applying */
  unansweredConditions: z.array(z.string()),
};

const componentId = z.number().int();
/**
 * The dossier version the change was built on (detail.version). A newer stored version refuses the change with
 * CONFLICT and overwrites nothing; optional for callers that edit alone (scripts, tests), always sent by the UI.
 */
export const expectedVersion = z.number().int().optional();

export const checklistCallInputs = {
  setCase: z.object({ id: z.string(), caseKey: z.string().min(1), version: z.number().int() }),
  setApplies: z.object({ componentId, applies: z.boolean().nullable(), expectedVersion }),
  markSeen: z.object({ componentId, seen: z.boolean(), expectedVersion }),
  setFee: z.object({
    id: z.string(),
    expectedVersion,
    /** a fee variant of the dossier's mode; null = the mode's own fee */
    variantKey: z.string().nullable().optional(),
    /** null = count the pages scanned again */
    quantity: feeQuantitySchema.nullable().optional(),
    /** the agent's amount and why; null clears it */
    override: z
      .object({
        amountVnd: z.number().int().min(0).max(1_000_000_000),
        reason: z.string().trim().min(5, 'Hãy ghi lý do, ít nhất 5 ký tự.').max(300),
      })
      .nullable()
      .optional(),
  }),
};

/** Cancelling a draft never marked ready: deleted with its pages (a scan's file only when no other page uses it). */
export const cancelDraftInput = z.object({ id: z.string(), expectedVersion });

/** Moving a draft to another procedure: the applicant, delivery and pages stay; pages go to the matching slot. */
export const changeProcedureInput = z.object({ id: z.string(), procedureCode: z.string().min(1), expectedVersion });

/**
 * A page moved to another slot of the same dossier (its OCR, quality and kind stay); toIndex: its place there, default
 * last. fromComponentId: the slot the agent saw it in; a page moved elsewhere meanwhile is refused (CONFLICT).
 */
export const moveToComponentInput = z.object({
  pageId: z.string(),
  componentId: z.number().int(),
  toIndex: z.number().int().min(0).optional(),
  fromComponentId: z.number().int().optional(),
});

/** Pages that left the checklist with their slot when the case changed, and now sit in "Giấy tờ khác". */
export const movedPagesSchema = z.array(z.object({ from: z.string(), pages: z.number().int() }));
export type MovedPages = z.infer<typeof movedPagesSchema>;
