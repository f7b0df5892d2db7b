// Printing a receipt in Electron goes through memory only: the PDF becomes one data: page of page images, no temp file.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_PRINT_URL_BYTES, pdfToPrintHtml } from '../../electron/core/pdf/print-html';
import { scrubOldPrintFiles } from '../../electron/core/storage/scrub';

const tmp = mkdtempSync(join(tmpdir(), 'dvc-print-tmp-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function receiptLikePdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([419.53, 595.28]); // A5 in points
    for (let line = 0; line < 30; line++) page.drawText(`PHIEU TIEP NHAN ${String(i + 1)} - dong ${String(line)}`, { x: 30, y: 560 - line * 18, size: 11, font });
  }
  return doc.save();
}

describe('printing from memory', () => {
  it('turns each page into an image of a page sized like the PDF, small enough for a data: URL, writing no file', async () => {
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const page = await pdfToPrintHtml(await receiptLikePdf(2));
      expect(page.pages).toBe(2);
      expect(page.html.match(/<img /g)).toHaveLength(2);
      expect(page.widthMm).toBeCloseTo(148, 0);
      expect(page.heightMm).toBeCloseTo(210, 0);
      expect(page.html).toMatch(/@page\{size:148\.\dmm 210\.\dmm;margin:0\}/);
      expect(Math.ceil(page.html.length / 3) * 4).toBeLessThanOrEqual(MAX_PRINT_URL_BYTES);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });

  it('lowers the resolution until the page fits the limit it is given', async () => {
    const pdf = await receiptLikePdf(1);
    const full = await pdfToPrintHtml(pdf);
    const small = await pdfToPrintHtml(pdf, Math.ceil(full.html.length / 3) * 2);
    expect(small.dpi).toBeLessThan(full.dpi);
    expect(small.html.length).toBeLessThan(full.html.length);
  });

  it('removes the receipts earlier versions left in the temp folder, and nothing else', async () => {
    const old = join(tmp, 'dai-ly-dvc-print-Xy12ab');
    mkdirSync(old);
    writeFileSync(join(old, 'phieu.pdf'), '%PDF-1.7 receipt of a citizen');
    writeFileSync(join(tmp, 'unrelated.txt'), 'keep');
    expect(await scrubOldPrintFiles(tmp)).toBe(1);
    expect(existsSync(old)).toBe(false);
    expect(readdirSync(tmp)).toEqual(['unrelated.txt']);
    rmSync(join(tmp, 'unrelated.txt'));
  });
});
