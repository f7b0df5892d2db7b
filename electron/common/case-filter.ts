// The case picker's filter, kept pure and shared: accent-insensitive words over a case's name and legal wording.
import { foldVietnamese } from './text';

type CaseText = { key: string; name: string; description: string | null };

/**
 * Every word typed must appear in the case's name or its legal wording, accents and case aside; cases holding the words
 * as one phrase come first ("thuộc quyền sở hữu" before "không thuộc quyền sở hữu"), each group in catalog order.
 */
export function filterCases<C extends CaseText>(cases: readonly C[], query: string): C[] {
  const folded = foldVietnamese(query).replace(/\s+/g, ' ').trim();
  const words = folded.split(' ').filter(Boolean);
  if (words.length === 0) return [...cases];
  const matching = cases
    .map((c) => ({ c, text: foldVietnamese(`${c.name} ${c.description ?? ''}`).replace(/\s+/g, ' ') }))
    .filter(({ text }) => words.every((w) => text.includes(w)));
  const phrase = matching.filter(({ text }) => text.includes(folded));
  return [...phrase, ...matching.filter((m) => !phrase.includes(m))].map(({ c }) => c);
}
