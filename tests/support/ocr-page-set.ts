// Fixture: the OCR benchmark's page set: Vietnamese pages per condition (clean, scanned, phone, form, rotated) with truth.
import { makeFormPage } from './make-form-page';
import { makeTextPage } from './make-text-page';
import { phoneLike, scanLike, turnPage } from './degrade-page';
import { headings, pickSentences, seededRandom } from './vietnamese-corpus';

export const ocrConditions = ['clean', 'scanned', 'phone', 'form', 'rotated'] as const;
export type OcrCondition = (typeof ocrConditions)[number];

export type BenchPage = { name: string; condition: OcrCondition; bytes: Uint8Array; groundTruth: string };

/** A news-style A4 page at 300 DPI: a heading and paragraphs of two or three sentences, ~2,000 characters. */
export async function makeArticlePage(seed: number, sentenceCount = 18): Promise<{ png: Uint8Array; groundTruth: string }> {
  const random = seededRandom(seed);
  const heading = headings[Math.floor(random() * headings.length)] ?? '';
  const chosen = pickSentences(random, sentenceCount);
  const paragraphs: string[] = [];
  for (let i = 0; i < chosen.length; ) {
    const take = 2 + Math.floor(random() * 2);
    paragraphs.push(chosen.slice(i, i + take).join(' '));
    i += take;
  }
  const lines = [heading, ...paragraphs];
  const png = await makeTextPage({ lines, format: 'png' });
  return { png, groundTruth: lines.join('\n') };
}

const quarterTurns = [90, 180, 270] as const;

/** One page of a condition; the same seed gives the same bytes. */
export async function makeBenchPage(condition: OcrCondition, seed: number): Promise<BenchPage> {
  const name = `${condition}-${String(seed).padStart(2, '0')}`;
  if (condition === 'form') {
    const form = await makeFormPage(seed);
    const bytes = await scanLike(form.png, { seed, maxSkewDeg: 1.2, dust: 20 });
    return { name, condition, bytes, groundTruth: form.groundTruth };
  }
  const article = await makeArticlePage(seed);
  const { groundTruth } = article;
  switch (condition) {
    case 'clean':
      return { name, condition, bytes: article.png, groundTruth };
    case 'scanned':
      return { name, condition, bytes: await scanLike(article.png, { seed }), groundTruth };
    case 'phone':
      return { name, condition, bytes: await phoneLike(article.png, { seed }), groundTruth };
    case 'rotated': {
      const scanned = await scanLike(article.png, { seed, maxSkewDeg: 1.2 });
      return { name, condition, bytes: await turnPage(scanned, quarterTurns[seed % 3] ?? 180), groundTruth };
    }
  }
}

export async function makeOcrPageSet(opts: { perCondition: number; conditions?: readonly OcrCondition[]; firstSeed?: number }): Promise<BenchPage[]> {
  const pages: BenchPage[] = [];
  for (const condition of opts.conditions ?? ocrConditions) {
    for (let i = 0; i < opts.perCondition; i++) pages.push(await makeBenchPage(condition, (opts.firstSeed ?? 1) + i));
  }
  return pages;
}
