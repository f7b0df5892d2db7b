// Character error rate for OCR benchmarks: Levenshtein distance over ground-truth characters, NFC, whitespace collapsed.

/** NFC, every run of whitespace (line breaks included) as one space, trimmed: layout is not what is measured. */
export function normalizeForCer(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Edit distance between two strings, by code points (a precomposed Vietnamese letter is one character). */
export function levenshtein(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let prev = new Int32Array(t.length + 1);
  let curr = new Int32Array(t.length + 1);
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    curr[0] = i;
    const si = s[i - 1];
    for (let j = 1; j <= t.length; j++) {
      const cost = si === t[j - 1] ? 0 : 1;
      curr[j] = Math.min((prev[j] ?? 0) + 1, (curr[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[t.length] ?? 0;
}

export type CerCount = { errors: number; chars: number };

export function countErrors(recognised: string, truth: string): CerCount {
  const gt = normalizeForCer(truth);
  return { errors: levenshtein(normalizeForCer(recognised), gt), chars: Array.from(gt).length };
}

/** Pooled CER of several pages: total errors over total ground-truth characters. */
export function pooledCer(counts: CerCount[]): number {
  const chars = counts.reduce((n, c) => n + c.chars, 0);
  return chars === 0 ? 0 : counts.reduce((n, c) => n + c.errors, 0) / chars;
}
