// One benchmark pass: recognise a batch of pages with an engine, time the batch, score each page against its truth.
import { countErrors, pooledCer, type CerCount } from './cer';
import { mapPool } from './native-tesseract';
import type { BenchImage } from './ocr-pages';

/** Text of one page image; `cpuMs` when the work ran in another process (else the pass measures this process). */
export type Recognise = (image: BenchImage['images'][number]) => Promise<{ text: string; cpuMs?: number }>;

export type PassResult = {
  pages: number;
  wallMs: number;
  /** CPU time of the whole pass: this process's (all its threads) or the child processes' */
  cpuMs: number;
  counts: CerCount[];
  perPage: { name: string; cer: number; about?: string }[];
};

/**
 * Runs every page of `pages` through `recognise`, at most `concurrency` at once (an engine with its own pool gets
 * all of them and queues internally), and measures the wall time of the whole batch.
 */
export async function runPass(pages: BenchImage[], recognise: Recognise, concurrency: number): Promise<PassResult> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let childCpuMs = 0;
  const texts = await mapPool(pages, concurrency, async (page) => {
    const parts = await Promise.all(page.images.map((image) => recognise(image)));
    for (const part of parts) childCpuMs += part.cpuMs ?? 0;
    return parts.map((part) => part.text).join('\n');
  });
  const wallMs = performance.now() - started;
  const own = process.cpuUsage(cpuBefore);
  const cpuMs = childCpuMs > 0 ? childCpuMs : (own.user + own.system) / 1000;
  const counts = pages.map((page, i) => countErrors(texts[i] ?? '', page.groundTruth));
  return {
    pages: pages.reduce((n, p) => n + p.images.length, 0),
    wallMs,
    cpuMs,
    counts,
    perPage: pages.map((page, i) => ({ name: page.name, cer: pooledCer([counts[i] ?? { errors: 0, chars: 0 }]), ...(page.about ? { about: page.about } : {}) })),
  };
}

export const pagesPerMinute = (r: PassResult): number => (r.wallMs > 0 ? (r.pages * 60_000) / r.wallMs : 0);

/** CPU seconds per page: what a page costs whatever else the machine is doing. */
export const cpuPerPage = (r: PassResult): number => (r.pages > 0 ? r.cpuMs / 1000 / r.pages : 0);

export const percent = (value: number): string => `${(value * 100).toFixed(2)}%`;

/** Formats rows as a left-aligned text table. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
