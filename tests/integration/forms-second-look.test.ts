// forms.prefillFromPage takes the second look's reading of a written value over the page's first OCR pass.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../electron/common/contract';
import { extractBirthCertificateFields } from '../../electron/core/extract';
import type { OcrEngine, OcrResult, OcrWord } from '../../electron/core/ocr/ocr-engine';
import { setupOffice, startHarness, testClock, type Harness } from '../support/core-harness';
import { BIRTH, takeDossier, type Tokens } from '../support/review-fixtures';

// what is written on the certificate, line by line
const truth = [
  'GIẤY CHỨNG SINH',
  'Họ và tên mẹ/người nuôi dưỡng: DƯƠNG THỊ HỒNG LAN',
  'Năm sinh: 1982',
  'Giấy CMND/Thẻ căn cước/Hộ chiếu số: 015 182 529840',
  'Đã sinh con vào lúc: 15 giờ 00 phút, ngày 04 tháng 01 năm 2026',
  'Tại: Bệnh viện Đa khoa thành phố Huế',
  'Giới tính của con: Trai Cân nặng: 3600 gram',
  'Dự định đặt tên con là: Đinh Nhật Vũ',
  'Huế, ngày 05 tháng 01 năm 2026',
];
const NAME_ROW = 7;
// the page pass loses the child's last syllable (faint ink at the line's end), as tesseract does on noisy scans
const firstPass = truth.map((line, row) => (row === NAME_ROW ? line.replace(' Vũ', '') : line));

const ROW_TOP = (row: number) => 100 + row * 90;
// each line's ink is drawn in its own grey, so the fake engine knows from a crop which line it was shown
const greyOf = (row: number) => 20 + row * 18;

function wordsOf(line: string, row: number, confidenceOf: (text: string) => number): OcrWord[] {
  let x = 100;
  return line.split(/\s+/).filter(Boolean).map((text) => {
    const w = { text, confidence: confidenceOf(text), bbox: { x0: x, y0: ROW_TOP(row), x1: x + 22 * [...text].length, y1: ROW_TOP(row) + 40 } };
    x = w.bbox.x1 + 18;
    return w;
  });
}

async function pageImage(): Promise<Uint8Array> {
  const width = 1900;
  const height = ROW_TOP(truth.length) + 100;
  const px = Buffer.alloc(width * height, 255);
  truth.forEach((line, row) => {
    for (const w of wordsOf(line, row, () => 90))
      for (let y = w.bbox.y0; y < w.bbox.y1; y++) px.fill(greyOf(row), y * width + w.bbox.x0, y * width + Math.min(w.bbox.x1, width));
  });
  return new Uint8Array(await sharp(px, { raw: { width, height, channels: 1 } }).png().toBuffer());
}

/** The line a crop shows: the grey most of its dark pixels have. */
async function rowOfCrop(image: Uint8Array): Promise<number> {
  const { data } = await sharp(image).greyscale().raw().toBuffer({ resolveWithObject: true });
  const votes = new Map<number, number>();
  for (const v of data) {
    if (v > 215) continue;
    const row = Math.round((v - 20) / 18);
    votes.set(row, (votes.get(row) ?? 0) + 1);
  }
  return [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? -1;
}

const lineCalls: number[] = [];
const engine: OcrEngine = {
  async recognize(image, opts): Promise<OcrResult> {
    if (opts?.layout === 'line') {
      // one line, as the second look asks: read right, at the crop's own scale
      const row = await rowOfCrop(image);
      lineCalls.push(row);
      // a crop holds the value, not its label: what follows the line's last colon
      const line = (truth[row] ?? '').split(': ').pop() ?? '';
      const meta = await sharp(image).metadata();
      const words = line.split(/\s+/).filter(Boolean);
      const step = Math.floor(((meta.width ?? 400) - 32) / Math.max(1, words.length));
      return {
        text: line,
        confidence: 93,
        words: words.map((text, i) => ({ text, confidence: 93, bbox: { x0: 16 + i * step, y0: 16, x1: 16 + (i + 1) * step - 8, y1: (meta.height ?? 80) - 16 } })),
        durationMs: 1,
      };
    }
    const words = firstPass.flatMap((line, row) => wordsOf(line, row, () => 90));
    return { text: firstPass.join('\n'), confidence: 85, words, durationMs: 1 };
  },
  terminate: () => Promise.resolve(),
};

let h: Harness;
let t: Tokens;
let d: DossierDetail;
let pageId = '';

beforeAll(async () => {
  h = await startHarness({ clock: testClock(Date.parse('2026-12-02T02:00:00Z')), ocr: engine });
  t = await setupOffice(h);
  d = await takeDossier(h, t.agent, { procedureCode: BIRTH, mode: 'online', draft: true, caseKey: 'co-giay-chung-sinh', skipScans: true });
  const slot = d.components.find((c) => c.name.startsWith('Giấy chứng sinh'));
  if (!slot) throw new Error('no Giấy chứng sinh slot');
  const added = await h.call<{ pages: { id: string }[] }>('pages.add', t.agent, { dossierId: d.id, componentId: slot.id, fileName: 'giay-chung-sinh.png', bytes: await pageImage() });
  pageId = added.pages[0]?.id ?? '';
});
afterAll(async () => h.close());

type Prefill = { status: 'pending' } | { status: 'done'; values: Record<string, { value: unknown; confidence?: number }> };

describe('the second look in the app', () => {
  it('fills the child\'s name as the value line re-read from the image, not as the page pass misread it', async () => {
    // control: the page pass alone gives the misread name
    const alone = extractBirthCertificateFields({ text: firstPass.join('\n'), words: firstPass.flatMap((l, r) => wordsOf(l, r, () => 90)) });
    expect(alone.find((f) => f.field === 'childFullName')?.value).not.toBe('Đinh Nhật Vũ');

    let read: Prefill = { status: 'pending' };
    for (let i = 0; i < 400 && read.status === 'pending'; i++) {
      read = await h.call<Prefill>('forms.prefillFromPage', t.agent, { dossierId: d.id, pageId });
      if (read.status === 'pending') await new Promise((r) => setTimeout(r, 50));
    }
    if (read.status !== 'done') throw new Error('never read');
    expect(lineCalls).toContain(NAME_ROW); // the name's own line was cropped and read again
    expect(read.values['child.fullName']?.value).toBe('Đinh Nhật Vũ');
    expect(read.values['mother.idNumber']?.value).toBe('015182529840');
  });
});
