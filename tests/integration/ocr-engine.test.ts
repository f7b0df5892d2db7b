// Real tesseract.js on generated Vietnamese pages: diacritics read in NFC, off the main thread, offline.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/common/errors';
import { createOcrEngine } from '../../electron/core/ocr/tesseract-engine';
import { resolveTessdataDir, TESSDATA_FILE } from '../../electron/core/ocr/tessdata';
import type { OcrEngine } from '../../electron/core/ocr/ocr-engine';
import { makeTextPage } from '../support/make-text-page';

const phrases = ['Thủ tục đăng ký khai sinh cho trẻ em', 'Uỷ ban nhân dân phường Hoàn Kiếm'];
const filler = [
  'Cộng hoà xã hội chủ nghĩa Việt Nam',
  'Độc lập - Tự do - Hạnh phúc',
  'Họ, chữ đệm, tên người yêu cầu: Nguyễn Thị Hương',
  'Nơi cư trú: số 12 phố Hàng Bạc, quận Hoàn Kiếm, Hà Nội',
  'Giấy tờ tùy thân: Căn cước công dân',
  'Quan hệ với người được khai sinh: mẹ',
];

const oneLine = (s: string) => s.replace(/\s+/g, ' ');

let tmp = '';
let langPath = '';

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ocr-engine-'));
  // the model is read from this local copy: the engine has no other source (and this machine has no internet)
  langPath = join(tmp, 'tessdata');
  mkdirSync(langPath);
  copyFileSync(join(resolveTessdataDir(), TESSDATA_FILE), join(langPath, TESSDATA_FILE));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('resolveTessdataDir / createOcrEngine guards', () => {
  it('prefers resources/tessdata, falls back to the npm package best_int model', () => {
    expect(resolveTessdataDir(tmp)).toBe(langPath);
    expect(resolveTessdataDir(join(tmp, 'nowhere'))).toMatch(
      /@tesseract\.js-data[/\\]vie[/\\]4\.0\.0_best_int$/,
    );
  });

  it('refuses at once (instead of hanging) a missing model or a URL', () => {
    const refusal = (langPath: string) => {
      try {
        createOcrEngine({ langPath });
      } catch (error) {
        return error instanceof AppError
          ? `${error.code}: ${JSON.stringify(error.details.reason)}`
          : String(error);
      }
      return 'accepted';
    };
    expect(refusal(join(tmp, 'empty'))).toBe('INTERNAL: "traineddata_missing"');
    expect(refusal('https://cdn.example.org/tessdata')).toMatch(/^INTERNAL: .*never a URL/);
  });
});

describe('tesseract.js engine', () => {
  let engine: OcrEngine;
  let page: Uint8Array;

  beforeAll(async () => {
    engine = createOcrEngine({ langPath, workers: 1 });
    page = await makeTextPage({
      lines: [...filler.slice(0, 2), phrases[0] ?? '', ...filler.slice(2), phrases[1] ?? ''],
      format: 'jpeg',
    });
  });

  afterAll(async () => engine.terminate());

  it('reads Vietnamese diacritics on an A4 300 DPI page, in NFC, while the main thread stays responsive', async () => {
    await engine.recognize(
      await makeTextPage({ lines: ['khởi động'], format: 'png', width: 800, height: 400 }),
    ); // warm the worker
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 20);
    const started = performance.now();
    const result = await engine.recognize(page);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(ticker);
    console.log(
      `OCR: ${seconds.toFixed(2)} s/page (A4 300 DPI, 8 lines, 1 worker), confidence ${String(result.confidence)}`,
    );

    const text = oneLine(result.text);
    for (const phrase of phrases) expect(text).toContain(phrase.normalize('NFC'));
    expect(result.text).toBe(result.text.normalize('NFC'));
    expect(result.confidence).toBeGreaterThan(80);
    // event-loop ticks kept coming: recognition ran in a worker thread
    expect(ticks).toBeGreaterThan((seconds * 1000) / 20 / 2);

    const ky = result.words.find((w) => w.text === 'ký');
    expect(ky).toBeDefined();
    expect(ky?.bbox.x1).toBeGreaterThan(ky?.bbox.x0 ?? Infinity);
    for (const w of result.words) expect(w.bbox.x1).toBeLessThanOrEqual(2480);
  });

  it('turns a page scanned sideways upright when told its rotation', async () => {
    const small = await makeTextPage({ lines: [phrases[1] ?? ''], format: 'png', width: 1600, height: 500 });
    const sideways = new Uint8Array(await sharp(small).rotate(-90).png().toBuffer());
    const result = await engine.recognize(sideways, { rotation: 90 });
    expect(oneLine(result.text)).toContain(phrases[1]);
  });
});

describe('stuck workers', () => {
  it('times out a page that takes too long, replaces the worker, and goes on with the next page', async () => {
    // 3 s: a one-line strip takes ~0.1 s (under 1 s even on a loaded machine), the double-height page
    // of 68 lines below ~7 s unloaded, so the outcome does not depend on the machine's load
    const engine = createOcrEngine({ langPath, workers: 1, timeoutMs: 3000 });
    try {
      const line = await makeTextPage({ lines: ['Hoàn Kiếm'], format: 'png', width: 700, height: 200 });
      await engine.recognize(line); // worker started outside the timed part
      const busy = await makeTextPage({
        lines: Array.from({ length: 68 }, (_, i) => filler[i % filler.length] ?? ''),
        format: 'png',
        height: 6600,
      });
      const error = await engine.recognize(busy).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('OCR_FAILED');
      expect((error as AppError).details.reason).toMatch(/took over 3000 ms/);
      const after = await engine.recognize(line);
      expect(after.text).toContain('Hoàn Kiếm');
    } finally {
      await engine.terminate();
    }
  });
});
