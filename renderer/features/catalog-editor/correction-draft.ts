// The checklist editor's working copy: built from the catalog and the office's correction, turned back into a patch.
import type {
  CatalogDocument,
  CatalogFilingMode,
  CorrectionView,
  FeeRule,
  ProcedureCorrectionInput,
  Requirement,
} from '../../../electron/common/catalog';

export const modeOrder: readonly CatalogFilingMode[] = ['online', 'postal', 'direct'];

export type DocumentDraft = {
  label: string;
  hidden: boolean;
  requirement: Requirement;
  condition: string;
  /** '' = as the document's requirement */
  byMode: Record<CatalogFilingMode, Requirement | ''>;
};

export type FeeDraft = { override: boolean; rule: FeeRule };

export type CorrectionDraft = {
  documents: Record<string, DocumentDraft>;
  fees: Partial<Record<CatalogFilingMode, FeeDraft>>;
  serviceCharge: { override: boolean; amount: string };
  note: string;
};

function byModeOf(map: CatalogDocument['requirementByMode']): DocumentDraft['byMode'] {
  return { online: map?.online ?? '', postal: map?.postal ?? '', direct: map?.direct ?? '' };
}

/** The draft shows what the counter sees now: the catalog's document with the office's patch applied. */
export function draftFrom(view: CorrectionView): CorrectionDraft {
  const c = view.correction;
  const documents: Record<string, DocumentDraft> = {};
  for (const doc of [...view.base.documents, ...view.base.cases.flatMap((x) => x.documents)]) {
    const patch = c?.documents[doc.key];
    documents[doc.key] = {
      label: (patch?.label !== undefined ? patch.label : doc.label) ?? '',
      hidden: patch?.hidden ?? false,
      requirement: patch?.requirement ?? doc.requirement,
      condition: (patch?.condition !== undefined ? patch.condition : doc.condition) ?? '',
      byMode: byModeOf(patch?.requirementByMode !== undefined ? patch.requirementByMode : doc.requirementByMode),
    };
  }
  const fees: CorrectionDraft['fees'] = {};
  for (const mode of view.base.modes) {
    const own = c?.modes[mode.mode]?.fee;
    const below = mode.fee ?? null;
    fees[mode.mode] = {
      override: own !== undefined,
      rule: own ?? below ?? { basis: 'unknown', amountVnd: null, unit: null, tiers: [], capVnd: null, perCopy: false, text: mode.feeText, source: null },
    };
  }
  return {
    documents,
    fees,
    serviceCharge: {
      override: c?.serviceChargeVnd !== null && c?.serviceChargeVnd !== undefined,
      amount: String(c?.serviceChargeVnd ?? view.defaultServiceChargeVnd),
    },
    note: '',
  };
}

type DocumentPatch = NonNullable<ProcedureCorrectionInput['documents']>[string];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function requirementByModeOf(draft: DocumentDraft): CatalogDocument['requirementByMode'] {
  const entries = modeOrder.flatMap((m) => (draft.byMode[m] ? [[m, draft.byMode[m]] as const] : []));
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}

/** Only what differs from the catalog goes into the patch; a label cleared back to the catalog's is left out. */
function documentPatch(doc: CatalogDocument, d: DocumentDraft): DocumentPatch {
  const label = d.label.trim() === '' ? null : d.label.trim();
  const condition = d.condition.trim() === '' ? null : d.condition.trim();
  const byMode = requirementByModeOf(d);
  return {
    ...(label !== doc.label ? { label } : {}),
    ...(d.hidden ? { hidden: true } : {}),
    ...(d.requirement !== doc.requirement ? { requirement: d.requirement } : {}),
    ...(condition !== doc.condition ? { condition } : {}),
    ...(!same(byMode, doc.requirementByMode) ? { requirementByMode: byMode } : {}),
  };
}

export function parseAmount(text: string): number | null {
  const digits = text.replace(/[.\s₫đ]/g, '');
  if (!/^\d{1,10}$/.test(digits)) return null;
  return Number(digits);
}

/** The correction the editor saves (the service adds each base). */
export function correctionFrom(view: CorrectionView, draft: CorrectionDraft): ProcedureCorrectionInput {
  const documents: NonNullable<ProcedureCorrectionInput['documents']> = {};
  for (const doc of [...view.base.documents, ...view.base.cases.flatMap((x) => x.documents)]) {
    const d = draft.documents[doc.key];
    if (!d) continue;
    const patch = documentPatch(doc, d);
    if (Object.keys(patch).length > 0) documents[doc.key] = patch;
  }
  const modes: NonNullable<ProcedureCorrectionInput['modes']> = {};
  for (const mode of modeOrder) {
    const fee = draft.fees[mode];
    if (fee?.override) modes[mode] = { fee: fee.rule };
  }
  const charge = draft.serviceCharge.override ? parseAmount(draft.serviceCharge.amount) : null;
  return { procedureCode: view.code, documents, modes, serviceChargeVnd: charge, note: draft.note.trim() };
}

/** What keeps the draft from being saved, as message keys. */
export function draftProblems(draft: CorrectionDraft): string[] {
  const problems: string[] = [];
  if (draft.serviceCharge.override && parseAmount(draft.serviceCharge.amount) === null) problems.push('catalogEditor.badCharge');
  for (const fee of Object.values(draft.fees)) {
    if (!fee?.override) continue;
    if (fee.rule.basis === 'fixed' && fee.rule.amountVnd === null) problems.push('catalogEditor.badFee');
    if (fee.rule.basis === 'per_unit' && (fee.rule.tiers.length === 0 || !fee.rule.unit)) problems.push('catalogEditor.badTiers');
  }
  return [...new Set(problems)];
}
