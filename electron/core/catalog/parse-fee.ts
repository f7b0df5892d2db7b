// Reads a national record's "Phí, lệ phí" into a VND integer when the text is clear, else null with the reason.
import type { FeeRule } from '../../common/catalog';
import { feeRuleFromAmount } from '../../common/fee';
import { foldVietnamese, tidyText } from '../../common/text';

export type FeeProblemKind =
  'fee_missing' | 'fee_unparsed' | 'fee_ambiguous' | 'fee_foreign_currency' | 'fee_suspect_amount';

export type ParsedFee = {
  /** null = unknown; 0 = free */
  vnd: number | null;
  text: string;
  problem: { kind: FeeProblemKind; detail: string } | null;
};

type ItemFee = { vnd: number } | { problem: FeeProblemKind };

/** "50000 VNĐ (Lệ phí cấp giấy)": the portal's structured amount and its note */
const structuredItem = /^(\d+)\s*VNĐ\s*(?:\((.*)\))?\s*$/iu;
const foreignCurrency = /\d\s*usd\b|\busd\b|do la|dollar|\beur\b/;
const freeWording = /^(?:khong|mien|chua quy dinh)/;
const noInformation = /^khong co thong tin\.?$/;
// "50.000 đồng", "20.000đ/tờ khai", "1.500.000 VNĐ", "17,5 triệu đồng" (on folded text: đ is d)
const amountPattern =
  /(\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)\s*(trieu|nghin|ngan)?\s*(dong|vnd|d)(?![a-z])/g;

function toVnd(numberText: string, scale: string | undefined): number {
  if (scale) {
    const factor = scale === 'trieu' ? 1_000_000 : 1_000;
    return Math.round(Number(numberText.replace(/\.(?=\d{3}(?:\D|$))/g, '').replace(',', '.')) * factor);
  }
  // separators followed by exactly three digits are thousands; anything else is a decimal part of đồng (dropped)
  const whole = numberText.replace(/[.,](?=\d{3}(?:\D|$))/g, '');
  return Math.trunc(Number(whole.replace(',', '.')));
}

/** Every distinct VND amount written in a piece of text. */
export function amountsIn(text: string): number[] {
  const folded = foldVietnamese(text);
  const found = new Set<number>();
  for (const match of folded.matchAll(amountPattern)) {
    const [, numberText = '', scale, unit] = match;
    const vnd = toVnd(numberText, scale);
    // a bare "d" after a small number is more often a list letter ("khoản 2 d)") than đồng
    if (unit === 'd' && !scale && vnd < 1000) continue;
    found.add(vnd);
  }
  return [...found];
}

function fromNote(note: string): ItemFee {
  const folded = foldVietnamese(note);
  if (foreignCurrency.test(folded)) return { problem: 'fee_foreign_currency' };
  const amounts = amountsIn(note);
  if (folded.includes('%'))
    return { problem: amounts.length > 0 || /\d/.test(folded) ? 'fee_ambiguous' : 'fee_unparsed' };
  if (amounts.length === 1 && amounts[0] !== undefined) return { vnd: amounts[0] };
  if (amounts.length > 1) return { problem: 'fee_ambiguous' };
  if (noInformation.test(folded) || folded === '') return { problem: 'fee_missing' };
  if (freeWording.test(folded) && !/\d/.test(folded)) return { vnd: 0 };
  return { problem: 'fee_unparsed' };
}

function structuredFee(amount: number, note: string): ItemFee {
  // the structured amount is VND whatever the note says; below 1,000 đồng it may be dollars or thousands
  if (amount >= 1000) return { vnd: amount };
  const folded = foldVietnamese(note);
  if (foreignCurrency.test(folded)) return { problem: 'fee_foreign_currency' };
  if (amount === 0) {
    if (note === '' || (freeWording.test(folded) && !/\d/.test(folded))) return { vnd: 0 };
    // "0 VNĐ (Theo quy định của Bộ Tài chính)": the amount lives elsewhere, 0 does not mean free
    return fromNote(note);
  }
  // "20 VNĐ (20.000 vnđ/tờ khai)": the portal stored thousands; trust it only when the note agrees
  if (amountsIn(note).includes(amount * 1000)) return { vnd: amount * 1000 };
  return { problem: 'fee_suspect_amount' };
}

function itemFee(item: string): ItemFee {
  const structured = structuredItem.exec(item);
  if (structured?.[1] !== undefined)
    return structuredFee(Number(structured[1]), tidyText(structured[2] ?? ''));
  return fromNote(item);
}

const problemOrder: FeeProblemKind[] = [
  'fee_foreign_currency',
  'fee_suspect_amount',
  'fee_ambiguous',
  'fee_unparsed',
  'fee_missing',
];

/** Several fees joined by " | " give one amount only when they all agree. */
export function parseFee(raw: string): ParsedFee {
  const text = tidyText(raw);
  const items = text
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (items.length === 0)
    return { vnd: null, text, problem: { kind: 'fee_missing', detail: text || '(trống)' } };
  const fees = items.map(itemFee);
  const problems = new Set<FeeProblemKind>();
  const amounts = new Set<number>();
  for (const fee of fees) {
    if ('vnd' in fee) amounts.add(fee.vnd);
    else problems.add(fee.problem);
  }
  const worst = problemOrder.find((kind) => problems.has(kind));
  if (worst) return { vnd: null, text, problem: { kind: worst, detail: text } };
  if (amounts.size > 1) return { vnd: null, text, problem: { kind: 'fee_ambiguous', detail: text } };
  return { vnd: [...amounts][0] ?? null, text, problem: null };
}

/**
 * The fee as a rule: a clear amount is fixed, 0 is free, anything else (missing, ambiguous, in dollars, per page in
 * words) is unknown with the record's text, so the agent enters the amount with a reason. Per-unit fees come from the
 * curated profiles and the office's corrections, not from guessing at free text.
 */
export function feeRuleOfParsed(fee: ParsedFee): FeeRule {
  // "2000 VNĐ (/trang)": the portal's amount is a price per page or per copy, not the dossier's fee
  const perUnit = /^\d+\s*VNĐ\s*\(\s*\/\s*(trang|bản|tờ|phiếu)\s*\)$/iu.exec(fee.text);
  if (perUnit?.[1] && fee.vnd !== null && fee.vnd > 0)
    return {
      basis: 'per_unit',
      amountVnd: null,
      unit: perUnit[1].toLowerCase(),
      tiers: [{ fromUnit: 1, amountVnd: fee.vnd }],
      capVnd: null,
      perCopy: false,
      text: fee.text,
      source: null,
    };
  return feeRuleFromAmount(fee.vnd, fee.text);
}
