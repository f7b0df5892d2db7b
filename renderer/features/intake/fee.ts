// Fee and deadline wording for a filing mode, in the interface language.
import type { ProcedureMode } from '../../../electron/common/catalog';
import { fixedAmountOf } from '../../../electron/common/fee';
import { formatVnd } from '../../../electron/common/format';
import type { Translate } from '../../i18n/translate-types';

export function feeLabel(feeVnd: number | null | undefined, t: Translate): string {
  if (feeVnd === null || feeVnd === undefined) return t('intake.feeUnknown');
  return feeVnd === 0 ? t('intake.feeFree') : formatVnd(feeVnd);
}

/** A mode's fee as its rule states it: "20.000 ₫", "Không thu phí", "2.000 ₫/trang", "Chưa rõ lệ phí". */
export function modeFeeLabel(mode: Pick<ProcedureMode, 'fee' | 'feeVnd'>, t: Translate): string {
  const rule = mode.fee;
  if (!rule) return feeLabel(mode.feeVnd, t);
  const first = [...rule.tiers].sort((a, b) => a.fromUnit - b.fromUnit)[0];
  if (rule.basis === 'per_unit' && first)
    return t('fee.perUnit', { amount: formatVnd(first.amountVnd), unit: rule.unit ?? '' });
  return feeLabel(fixedAmountOf(rule), t);
}

export function deadlineLabel(mode: ProcedureMode, t: Translate): string {
  if (mode.deadlineValue !== null && mode.deadlineUnit !== 'other') {
    return `${String(mode.deadlineValue)} ${t(`deadlineUnit.${mode.deadlineUnit}`)}`;
  }
  return mode.deadlineText.trim() || t('common.none');
}
