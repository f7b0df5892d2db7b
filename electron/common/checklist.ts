// Checklist rules shared by intake, the ready check, the receipt and the portal simulator: what a document asks in a mode.
import type { CatalogCase, CatalogDocument, CatalogFilingMode, Requirement } from './catalog';

/** a document's requirement in one filing mode; not_applicable when it is for other modes only */
export type EffectiveRequirement = Requirement | 'not_applicable';

type DocumentRule = Pick<CatalogDocument, 'requirement' | 'onlyModes' | 'requirementByMode'>;

export function requirementIn(doc: DocumentRule, mode: CatalogFilingMode): EffectiveRequirement {
  if (doc.onlyModes && !doc.onlyModes.includes(mode)) return 'not_applicable';
  return doc.requirementByMode?.[mode] ?? doc.requirement;
}

/**
 * Must the dossier have this document before it is ready? Required ones always; conditional ones when the agent said
 * the condition applies to this citizen ("áp dụng"); optional ones never.
 */
export function mustHave(requirement: EffectiveRequirement, applies: boolean | null): boolean {
  return requirement === 'required' || (requirement === 'conditional' && applies === true);
}

/** The documents of a case: the procedure's common ones, then the case's own (none when no case is chosen yet). */
export function documentsForCase(
  procedure: { documents: readonly CatalogDocument[]; cases: readonly CatalogCase[] },
  caseKey: string | null,
): CatalogDocument[] {
  const chosen = caseKey === null ? undefined : procedure.cases.find((c) => c.key === caseKey);
  return [...procedure.documents, ...(chosen?.documents ?? [])];
}

const order: Record<EffectiveRequirement, number> = { required: 0, conditional: 1, optional: 2, not_applicable: 3 };

/** Counter order: documents to submit before documents to show; required first, then conditional, then optional. */
export function compareForChecklist(
  a: { kind: 'submit' | 'show'; requirement: EffectiveRequirement },
  b: { kind: 'submit' | 'show'; requirement: EffectiveRequirement },
): number {
  if (a.kind !== b.kind) return a.kind === 'submit' ? -1 : 1;
  return order[a.requirement] - order[b.requirement];
}
