// OCR preprocessing with real tesseract.js: turned and skewed pages are read; the searchable PDF keeps diacritics, stays small.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OcrEngine, OcrResult } from '../../electron/core/ocr/ocr-engine';
import { resolveTessdataDir } from '../../electron/core/ocr/tessdata';
import { createOcrEngine } from '../../electron/core/ocr/tesseract-engine';
import { preprocessPage } from '../../electron/core/ocr/preprocess';
import { compactPageForPdf } from '../../electron/core/pdf/compact-page';
import { assembleComponentPdf, type ComponentPage } from '../../electron/core/pdf/component-pdf';
import { countErrors } from '../../scripts/bench/cer';
import { phoneLike, scanLike, turnPage } from '../support/degrade-page';
import { makeTextPage } from '../support/make-text-page';

const lines = [
  'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'Uỷ ban nhân dân phường đã tiếp nhận hồ sơ đăng ký khai sinh của bà Nguyễn Thị Hương.',
  'Người nộp hồ sơ cần mang theo căn cước công dân gắn chíp để đối chiếu thông tin.',
  'Hồ sơ phải được quét rõ nét, đầy đủ và toàn vẹn trước khi gửi lên hệ thống.',
  'Thời hạn giải quyết được tính theo ngày làm việc, không kể ngày nghỉ lễ, tết.',
];
const truth = lines.join('\n');
const oneLine = (s: string) => s.replace(/\s+/g, ' ');
const cer = (r: OcrResult) => {
  const c = countErrors(r.text, truth);
  return c.errors / c.chars;
};

let engine: OcrEngine;
let raw: OcrEngine;
let page: Uint8Array; // A4 width, 300 DPI, the lines above
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocr-preprocess-'));
  const langPath = resolveTessdataDir();
  engine = createOcrEngine({ langPath, workers: 1, preprocess: true });
  raw = createOcrEngine({ langPath, workers: 1 });
  page = await makeTextPage({ lines, format: 'png', height: 1400 });
});

afterAll(async () => {
  await Promise.all([engine.terminate(), raw.terminate()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('preprocessing before tesseract', () => {
  it('reads a page fed upside down and reports the turn; word boxes stay on the image as stored', async () => {
    const upsideDown = await turnPage(await scanLike(page, { seed: 3, maxSkewDeg: 1.2 }), 180);
    const result = await engine.recognize(upsideDown);
    expect(oneLine(result.text)).toContain('Người nộp hồ sơ cần mang theo căn cước công dân gắn chíp');
    expect(result.orientation).toBe(180);
    // the heading is at the top of the page as read, so at the bottom of the stored (upside-down) image
    const cong = result.words.find((w) => w.text === 'CỘNG');
    expect(cong?.bbox.y0).toBeGreaterThan(1400 / 2);
    for (const w of result.words) {
      expect(w.bbox.x1).toBeLessThanOrEqual(2480);
      expect(w.bbox.y1).toBeLessThanOrEqual(1400);
    }
  });

  it('reads a page scanned sideways without being told its rotation', async () => {
    const sideways = await turnPage(page, 90);
    const result = await engine.recognize(sideways);
    expect(result.orientation).toBe(270);
    expect(cer(result)).toBeLessThan(0.01);
  });

  it('reads a skewed phone photo with a shadow that plain tesseract garbles', async () => {
    const photo = await phoneLike(page, { seed: 5, minSkewDeg: 4, maxSkewDeg: 5 });
    const [cleaned, plain] = await Promise.all([engine.recognize(photo), raw.recognize(photo)]);
    expect(oneLine(cleaned.text)).toContain('Hồ sơ phải được quét rõ nét, đầy đủ và toàn vẹn');
    expect(cer(cleaned)).toBeLessThan(0.02);
    expect(cer(plain)).toBeGreaterThan(cer(cleaned) * 3);
  });

  it('a page with one or two lines is turned only on a plain verdict, never the wrong way', async () => {
    const line = 'Người nộp hồ sơ cần mang theo căn cước công dân gắn chíp';
    const one = await makeTextPage({ lines: [line], format: 'png', width: 2480, height: 420 });
    const strip = await makeTextPage({ lines: ['Trần Thị Mai Phương'], format: 'png', width: 1200, height: 400 });
    const caps = await makeTextPage({ lines: ['GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT'], format: 'png', width: 2480, height: 500 });
    // upright: left as it is (the letters of one line look like many short lines read sideways)
    for (const img of [one, strip, caps]) expect((await preprocessPage(img, {})).report.orientation).toBe(0);
    // turned: the right turn back, or none when the page says too little; never another one
    for (const img of [one, strip, caps]) {
      for (const turn of [90, 180, 270] as const) {
        const found = (await preprocessPage(await turnPage(img, turn), {})).report.orientation;
        expect([0, (360 - turn) % 360]).toContain(found);
      }
    }
    const read = await engine.recognize(await turnPage(one, 180));
    expect(read.orientation).toBe(180);
    expect(oneLine(read.text)).toContain(line);
  });
});

describe('searchable, compact component PDF', () => {
  it('keeps a 300 DPI JPEG byte for byte, shrinks a 600 DPI scan under 400 KB, and pdftotext finds the words', async () => {
    const full = await makeTextPage({ lines, format: 'png' }); // A4 at 300 DPI
    const scan300 = new Uint8Array(await sharp(full).greyscale().jpeg({ quality: 80 }).toBuffer());
    const scan600 = new Uint8Array(
      await sharp(await scanLike(full, { seed: 9, noise: 4, quality: 90 }))
        .resize(4960, 7016, { kernel: 'cubic' })
        .jpeg({ quality: 90 })
        .toBuffer(),
    );
    const ocr = await engine.recognize(scan300);
    const double = ocr.words.map((w) => ({ ...w, bbox: { x0: w.bbox.x0 * 2, y0: w.bbox.y0 * 2, x1: w.bbox.x1 * 2, y1: w.bbox.y1 * 2 } }));
    const inputs: ComponentPage[] = [
      { bytes: scan300, mime: 'image/jpeg', width: 2480, height: 3508, rotation: 0, words: ocr.words },
      { bytes: scan600, mime: 'image/jpeg', width: 4960, height: 7016, rotation: 0, words: double },
    ];
    const compacted = await Promise.all(inputs.map((p) => compactPageForPdf(p)));
    expect(compacted[0]?.bytes).toBe(scan300); // untouched, not even copied
    expect(Math.abs((compacted[1]?.width ?? 0) - 2067)).toBeLessThanOrEqual(1); // 250 DPI on A4
    expect(compacted[1]?.bytes.length).toBeLessThan(400 * 1024);
    expect(scan600.length).toBeGreaterThan(1024 * 1024);

    const font = new Uint8Array(readFileSync(join(__dirname, '../../resources/fonts/NotoSans-Regular.ttf')));
    const pdf = await assembleComponentPdf(compacted, { title: 'Giấy khai sinh', font });
    const path = join(dir, 'component.pdf');
    writeFileSync(path, pdf);
    expect(pdf.length / 2).toBeLessThan(400 * 1024);
    expect(Buffer.from(pdf).indexOf(Buffer.from(scan300))).toBeGreaterThan(0);
    for (const pageNo of ['1', '2']) {
      const text = oneLine(execFileSync('pdftotext', ['-f', pageNo, '-l', pageNo, path, '-'], { encoding: 'utf8' }));
      expect(text).toContain('Uỷ ban nhân dân phường đã tiếp nhận hồ sơ đăng ký khai sinh');
      expect(text).toContain('căn cước công dân gắn chíp');
    }
  });
});
