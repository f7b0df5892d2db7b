// Type-ahead over pick lists (dân tộc, quốc tịch, provinces, communes): accents, case and unit words aside.
import { foldVietnamese } from '../../../electron/common/text';

export type PickOption = { value: string; label: string; /** other spellings that find it ("Khmer", "H'Mông") */ keys?: readonly string[] };

const MAX_SHOWN = 60;
const fold = (s: string) => foldVietnamese(s).replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();

/** Options matching every word typed, those starting with it first ("ba dinh" finds "Phường Ba Đình"). */
export function filterOptions(options: readonly PickOption[], query: string): PickOption[] {
  const q = fold(query);
  if (q === '') return options.slice(0, MAX_SHOWN);
  const words = q.split(' ');
  const scored: { o: PickOption; score: number }[] = [];
  for (const o of options) {
    const names = [o.label, ...(o.keys ?? [])].map(fold);
    if (!names.some((n) => words.every((w) => n.includes(w)))) continue;
    const bare = names.map((n) => n.replace(/^(tinh|thanh pho|phuong|xa|dac khu) /, ''));
    const score = names.some((n) => n === q) || bare.some((n) => n === q) ? 0 : bare.some((n) => n.startsWith(q)) || names.some((n) => n.startsWith(q)) ? 1 : 2;
    scored.push({ o, score });
  }
  return scored.sort((a, b) => a.score - b.score).slice(0, MAX_SHOWN).map((s) => s.o);
}

/** The option a typed text names exactly (accents and case aside), if any. */
export function exactOption(options: readonly PickOption[], text: string): PickOption | undefined {
  const q = fold(text);
  if (q === '') return undefined;
  return options.find((o) => [o.label, ...(o.keys ?? [])].some((n) => fold(n) === q || fold(n).replace(/^(tinh|thanh pho|phuong|xa|dac khu) /, '') === q));
}

