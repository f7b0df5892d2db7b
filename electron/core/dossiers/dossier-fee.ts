// The fee of a dossier: the rule it took from its mode (or a variant), the quantity counted, the agent's amount, the total.
import { feeRuleSchema, type FeeRule, type ProcedureMode } from '../../common/catalog';
import type { DossierFee } from '../../common/dossier-contract';
import { feeRuleFromAmount, statutoryFee, type FeeQuantity } from '../../common/fee';
import { foldVietnamese } from '../../common/text';
import type { DossierRow } from './dossier-rows';

/** The rule a mode (or one of its variants) sets; v1 records carry only an amount and its words. */
export function ruleOfMode(
  mode: ProcedureMode,
  variantKey: string | null,
): { rule: FeeRule; variantKey: string | null } {
  const variant = variantKey === null ? undefined : mode.feeVariants.find((v) => v.key === variantKey);
  if (variant) return { rule: variant.rule, variantKey: variant.key };
  return { rule: mode.fee ?? feeRuleFromAmount(mode.feeVnd, mode.feeText), variantKey: null };
}

export function parseFeeRule(json: string | null): FeeRule | null {
  if (json === null) return null;
  try {
    const parsed = feeRuleSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function parseQuantity(json: string | null): FeeQuantity | null {
  if (json === null) return null;
  try {
    const q = JSON.parse(json) as Partial<FeeQuantity>;
    return typeof q.units === 'number' && typeof q.copies === 'number'
      ? { units: q.units, copies: q.copies }
      : null;
  } catch {
    return null;
  }
}

/** a per-unit fee counted in pages ("trang") takes its default from the pages scanned; any other unit starts at 1 */
function countsPages(rule: FeeRule): boolean {
  return rule.basis === 'per_unit' && /\btrang\b/.test(foldVietnamese(rule.unit ?? rule.text));
}

export type FeeInputs = {
  /** the mode the dossier is filed in, from the catalog (for a dossier made before fee rules were stored) */
  mode: ProcedureMode | undefined;
  /** pages of the original as scanned: the most pages in one document slot of the checklist */
  scannedUnits: number;
};

/** The fee as the dossier has it now: the stored rule, the quantity (typed, or counted from the scans), the amounts. */
export function feeOf(row: DossierRow, inputs: FeeInputs): DossierFee {
  // dossiers taken before 0008 have no stored rule: their amount stands as a fixed fee (or unknown)
  const rule = parseFeeRule(row.feeRule) ?? feeRuleFromAmount(row.feeVnd, inputs.mode?.feeText ?? '');
  const typed = parseQuantity(row.feeQuantity);
  const perUnit = rule.basis === 'per_unit';
  const quantity: FeeQuantity | null = perUnit
    ? (typed ?? { units: countsPages(rule) ? Math.max(1, inputs.scannedUnits) : 1, copies: 1 })
    : null;
  const amount = statutoryFee(rule, quantity ?? undefined);
  const statutoryVnd = amount.known ? amount.vnd : null;
  const owed = row.feeOverrideVnd ?? statutoryVnd;
  const variantLabel =
    row.feeVariant === null
      ? null
      : (inputs.mode?.feeVariants.find((v) => v.key === row.feeVariant)?.label ?? row.feeVariant);
  return {
    rule,
    variantKey: row.feeVariant,
    variantLabel,
    quantity,
    quantityAuto: perUnit && typed === null,
    statutoryVnd,
    detail: amount.detail,
    overrideVnd: row.feeOverrideVnd,
    overrideReason: row.feeOverrideReason,
    serviceChargeVnd: row.serviceChargeVnd,
    totalVnd: owed === null ? null : owed + row.serviceChargeVnd,
    needsAmount: owed === null,
  };
}

/** what dossiers.fee_vnd holds: the agent's amount when there is one, else the statutory fee (null = not known) */
export function owedFee(fee: DossierFee): number | null {
  return fee.overrideVnd ?? fee.statutoryVnd;
}
