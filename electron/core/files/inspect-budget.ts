// What opening one uploaded file may cost: pixels decoded across all its pages, bytes of PDF drawing instructions,
// and time; a file over budget is refused (FILE_TOO_HEAVY) before the expensive part, in words the agent can act on.
import { AppError } from '../../common/errors';

export const inspectBudget = {
  /**
   * Pixels decoded or rendered for the whole file: 1,200 MP is 200 A4 pages at 250 DPI, or 140 at 300 DPI (the portal
   * asks for 200-300 DPI). A 40 KB TIFF of 200 frames of 100 MP claims 20,000 MP.
   */
  maxTotalPixels: 1_200_000_000,
  /** Decompressed PDF content streams (drawing instructions): a dense vector page is a few MB; 300 MB is a bomb. */
  maxContentBytes: 64 * 1024 * 1024,
  /**
   * Time for one file, a backstop behind the checks above (which stop bombs in seconds): a base, plus per page, up to
   * a ceiling; then the thread is stopped. Rendering an A4 text page at 200 DPI and encoding it took 0.5-1.6 s on this
   * 2-core machine under a load of 18, so 3 s a page leaves a slow office PC room.
   */
  baseMs: 30_000,
  perPageMs: 3_000,
  maxMs: 300_000,
  /** JS heap of the inspect thread (pdf.js lives there); past it the thread dies and the file is refused */
  maxHeapMb: 1024,
} as const;

export function timeBudgetMs(pages: number): number {
  return Math.min(inspectBudget.maxMs, inspectBudget.baseMs + Math.max(0, pages) * inspectBudget.perPageMs);
}

export function tooHeavy(name: string, reason: string): AppError {
  return new AppError('FILE_TOO_HEAVY', { name, reason });
}

/** Adds up pixels as pages are planned, refusing the file as soon as the total passes the budget. */
export function pixelTally(name: string) {
  let total = 0;
  return {
    add(pixels: number): void {
      total += Math.max(0, pixels);
      if (total > inspectBudget.maxTotalPixels) {
        throw tooHeavy(name, `tổng các trang trên ${String(Math.round(inspectBudget.maxTotalPixels / 1e6))} megapixel`);
      }
    },
    get total(): number {
      return total;
    },
  };
}

/** A point in time past which in-process inspection stops between pages (the thread is also stopped from outside). */
export type Deadline = { check(): void };

export function deadlineFor(name: string, ms: number, now: () => number = Date.now): Deadline {
  const end = now() + ms;
  return {
    check() {
      if (now() > end) throw tooHeavy(name, `xử lý quá ${String(Math.round(ms / 1000))} giây`);
    },
  };
}
