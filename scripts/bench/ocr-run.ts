// One benchmark pass: recognise a batch of pages with an engine, time the batch, score each page against its truth.
import { countErrors, pooledCer, type CerCount } from './cer';
import { mapPool } from './native-tesseract';
import type { BenchImage } from './ocr-pages';

export type Recognise = (image: BenchImage['images'][number]) => Promise<string>;

export type PassResult = {
  pages: number;
  wallMs: number;
  counts: CerCount[];
  perPage: { name: string; cer: number }[];
};

/**
 * Runs every page of `pages` through `recognise`, at most `concurrency` at once (an engine with its own pool gets
 * all of them and queues internally), and measures the wall time of the whole batch.
 */
export async function runPass(pages: BenchImage[], recognise: Recognise, concurrency: number): Promise<PassResult> {
  const started = performance.now();
  const texts = await mapPool(pages, concurrency, async (page) => {
    const parts = await Promise.all(page.images.map((image) => recognise(image)));
    return parts.join('\n');
  });
  const wallMs = performance.now() - started;
  const counts = pages.map((page, i) => countErrors(texts[i] ?? '', page.groundTruth));
  return {
    pages: pages.reduce((n, p) => n + p.images.length, 0),
    wallMs,
    counts,
    perPage: pages.map((page, i) => ({ name: page.name, cer: pooledCer([counts[i] ?? { errors: 0, chars: 0 }]) })),
  };
}

export const pagesPerMinute = (r: PassResult): number => (r.wallMs > 0 ? (r.pages * 60_000) / r.wallMs : 0);

export const percent = (value: number): string => `${(value * 100).toFixed(2)}%`;

/** Formats rows as a left-aligned text table. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
