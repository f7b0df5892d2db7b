// What a citizen owes at the counter: the statutory fee from its rule and quantity, plus the office's service charge.
import type { FeeRule } from './catalog';

/** How much of the counted unit the citizen asks for: pages of the original and copies ("3 trang, 2 bản"). */
export type FeeQuantity = { units: number; copies: number };

export type FeeAmount =
  /** the rule gives an amount */
  | { known: true; vnd: number; detail: string }
  /** the catalog has no usable amount: the agent must enter one, with a reason */
  | { known: false; detail: string };

const dots = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** price of unit n (1-based): the last tier starting at or before n */
function unitPrice(rule: FeeRule, n: number): number {
  let price = 0;
  for (const tier of [...rule.tiers].sort((a, b) => a.fromUnit - b.fromUnit)) {
    if (tier.fromUnit <= n) price = tier.amountVnd;
  }
  return price;
}

/** one copy's amount for `units` units, tiers and cap applied */
function perCopyAmount(rule: FeeRule, units: number): number {
  let sum = 0;
  for (let n = 1; n <= units; n += 1) sum += unitPrice(rule, n);
  return rule.capVnd !== null ? Math.min(sum, rule.capVnd) : sum;
}

/**
 * The statutory fee for a quantity. per_unit with perCopy: each copy is charged for its pages
 * (chứng thực bản sao: "2.000 đồng/trang, từ trang thứ ba 1.000 đồng/trang, tối đa 200.000 đồng/bản", per copy);
 * without perCopy the units are what is counted (trích lục: 8.000 đồng/bản, units = copies asked for).
 */
export function statutoryFee(rule: FeeRule, quantity: FeeQuantity = { units: 1, copies: 1 }): FeeAmount {
  switch (rule.basis) {
    case 'free':
      return { known: true, vnd: 0, detail: 'Miễn phí, lệ phí' };
    case 'unknown':
      return { known: false, detail: rule.text || 'Danh mục chưa ghi rõ phí, lệ phí' };
    case 'fixed':
      return rule.amountVnd === null
        ? { known: false, detail: rule.text || 'Danh mục chưa ghi rõ phí, lệ phí' }
        : { known: true, vnd: rule.amountVnd, detail: `${dots(rule.amountVnd)} đồng` };
    case 'per_unit': {
      const units = Math.max(0, Math.floor(quantity.units));
      const copies = rule.perCopy ? Math.max(0, Math.floor(quantity.copies)) : 1;
      if (rule.tiers.length === 0) return { known: false, detail: rule.text || 'Danh mục chưa ghi rõ đơn giá' };
      const one = perCopyAmount(rule, units);
      const unit = rule.unit ?? 'đơn vị';
      const detail = rule.perCopy
        ? `${units} ${unit} × ${copies} bản = ${dots(one * copies)} đồng`
        : `${units} ${unit} = ${dots(one)} đồng`;
      return { known: true, vnd: one * copies, detail };
    }
  }
}

/** The fee a mode's v1 fields describe, for records without a rule: null = unknown, 0 = free, else a fixed amount. */
export function feeRuleFromAmount(feeVnd: number | null, text: string): FeeRule {
  const base = { unit: null, tiers: [], capVnd: null, perCopy: false, text, source: null };
  if (feeVnd === null) return { ...base, basis: 'unknown', amountVnd: null };
  if (feeVnd === 0) return { ...base, basis: 'free', amountVnd: 0 };
  return { ...base, basis: 'fixed', amountVnd: feeVnd };
}

/** The fixed amount a rule stands for in lists and reports (null when it depends on a quantity or is unknown). */
export function fixedAmountOf(rule: FeeRule): number | null {
  if (rule.basis === 'free') return 0;
  if (rule.basis === 'fixed') return rule.amountVnd;
  return null;
}
