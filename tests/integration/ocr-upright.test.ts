// A page scanned sideways or upside down is turned upright by OCR (rotation, word boxes, audit), never on a weak
// reading; and a page the agent turns while it is being read is read again, so its words sit on the page as shown.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail, Page } from '../../electron/common/contract';
import type { OcrEngine, OcrResult, OcrWord, RecognizeOptions } from '../../electron/core/ocr/ocr-engine';
import { resolveTessdataDir } from '../../electron/core/ocr/tessdata';
import { createOcrEngine } from '../../electron/core/ocr/tesseract-engine';
import { turnBox } from '../../electron/core/ocr/upright';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { scanLike, turnPage } from '../support/degrade-page';
import { makeTextPage } from '../support/make-text-page';
import { LAND_DATA, takeDossier, tinyJpeg, type Tokens } from '../support/review-fixtures';

/** An engine the test scripts: it records each call's rotation and answers with `next(rotation)`, held until released. */
function scriptedEngine() {
  const calls: RecognizeOptions[] = [];
  const held: Array<() => void> = [];
  let hold = false;
  let next: (opts: RecognizeOptions) => OcrResult = () => ({ text: '', confidence: 0, words: [], durationMs: 1 });
  const engine: OcrEngine = {
    recognize(_image, opts = {}) {
      calls.push(opts);
      const answer = () => next(opts);
      if (!hold) return Promise.resolve(answer());
      return new Promise<OcrResult>((resolve) => held.push(() => resolve(answer())));
    },
    terminate: () => Promise.resolve(),
  };
  return {
    engine,
    calls,
    answer(fn: typeof next) {
      next = fn;
    },
    hold() {
      hold = true;
    },
    release() {
      hold = false;
      for (const r of held.splice(0)) r();
    },
  };
}

const words = (n: number): OcrWord[] =>
  Array.from({ length: n }, (_, i) => ({ text: `chữ${String(i)}`, confidence: 90, bbox: { x0: 2 + i, y0: 3, x1: 10 + i, y1: 9 } }));

async function until(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('turnBox', () => {
  it('four quarter turns give the box back; 90 then 270 too; a corner lands where the turn takes it', () => {
    const box = { x0: 10, y0: 20, x1: 30, y1: 60 };
    const [w, h] = [100, 200];
    let b = box;
    for (let i = 0; i < 4; i++) b = i % 2 === 0 ? turnBox(b, 90, w, h) : turnBox(b, 90, h, w);
    expect(b).toEqual(box);
    expect(turnBox(turnBox(box, 90, w, h), 270, h, w)).toEqual(box);
    expect(turnBox(turnBox(box, 180, w, h), 180, w, h)).toEqual(box);
    // top-left corner region of a 100 x 200 page, turned clockwise, is at the top-right of the 200 x 100 result
    expect(turnBox(box, 90, w, h)).toEqual({ x0: 140, y0: 10, x1: 180, y1: 30 });
  });
});

describe('with a scripted engine', () => {
  let h: Harness;
  let t: Tokens;
  let s: ReturnType<typeof scriptedEngine>;
  let d: DossierDetail;
  let n = 500;

  const pageRow = (id: string) =>
    h.core.db.$client.prepare('SELECT rotation, ocr_status AS status, ocr_words AS words, width, height FROM pages WHERE id = ?').get(id) as {
      rotation: number;
      status: string;
      words: string | null;
      width: number;
      height: number;
    };

  async function add(): Promise<string> {
    const added = await h.call<{ pages: Page[] }>('pages.add', t.agent, { dossierId: d.id, componentId: d.components[0]?.id, fileName: `t${String(n)}.jpg`, bytes: await tinyJpeg(n++) });
    return added.pages[0]?.id ?? '';
  }

  beforeAll(async () => {
    s = scriptedEngine();
    h = await startHarness({ ocr: s.engine });
    t = await setupOffice(h);
    d = await takeDossier(h, t.agent, { procedureCode: LAND_DATA, skipScans: true, draft: true });
  });
  afterAll(async () => h.close());

  it('a confident reading of a page found upside down turns the page and its words, and says so in the audit log', async () => {
    s.answer(() => ({ text: 'chữ', confidence: 88, words: words(20), durationMs: 1, orientation: 180 }));
    const id = await add();
    await until('read', () => pageRow(id).status === 'done');
    const row = pageRow(id);
    expect(row.rotation).toBe(180);
    const stored = JSON.parse(row.words ?? '[]') as OcrWord[];
    expect(stored[0]?.bbox).toEqual({ x0: row.width - 10, y0: row.height - 9, x1: row.width - 2, y1: row.height - 3 });
    const audit = h.core.db.$client.prepare("SELECT actor_id, details FROM audit_log WHERE action = 'page.auto_rotate'").all() as { actor_id: string | null; details: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBeNull();
    expect(JSON.parse(audit[0]?.details ?? '{}')).toEqual({ page: id, from: 0, to: 180 });
    expect((await h.call<{ ok: boolean }>('audit.verify', t.supervisor, {})).ok).toBe(true);
  });

  it('a weak reading, or one with few words, leaves the page as the agent set it', async () => {
    s.answer(() => ({ text: 'chữ', confidence: 41, words: words(20), durationMs: 1, orientation: 90 }));
    const weak = await add();
    await until('read', () => pageRow(weak).status === 'done');
    expect(pageRow(weak).rotation).toBe(0);
    s.answer(() => ({ text: 'chữ', confidence: 95, words: words(4), durationMs: 1, orientation: 90 }));
    const few = await add();
    await until('read', () => pageRow(few).status === 'done');
    expect(pageRow(few).rotation).toBe(0);
  });

  it('a page turned by the agent while it is being read is read again at its new turn', async () => {
    s.answer((opts) => ({ text: `đọc ở ${String(opts.rotation ?? 0)}`, confidence: 90, words: words(3), durationMs: 1 }));
    s.hold();
    const before = s.calls.length;
    const id = await add();
    await until('reading started', () => s.calls.length === before + 1);
    await h.call('pages.rotate', t.agent, { pageId: id, clockwise: true });
    s.release();
    await until('read again', () => pageRow(id).status === 'done');
    expect(s.calls.slice(before).map((c) => c.rotation ?? 0)).toEqual([0, 90]);
    const shown = (await h.call<DossierDetail>('dossiers.get', t.agent, { id: d.id })).components[0]?.pages.find((p) => p.id === id);
    expect(shown?.ocrText).toBe('đọc ở 90');
    expect(shown?.rotation).toBe(90);
  });
});

describe('with tesseract and preprocessing, as in the app', () => {
  let h: Harness;
  let t: Tokens;
  let engine: OcrEngine;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocr-upright-'));
    engine = createOcrEngine({ langPath: resolveTessdataDir(), workers: 1, preprocess: true });
    h = await startHarness({ ocr: engine });
    t = await setupOffice(h);
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a letter scanned sideways ends up upright: thumbnail, and the component PDF text found by pdftotext', async () => {
    const lines = [
      'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Người nộp hồ sơ cần mang theo căn cước công dân gắn chíp để đối chiếu thông tin.',
      'Hồ sơ phải được quét rõ nét, đầy đủ và toàn vẹn trước khi gửi lên hệ thống.',
    ];
    const sideways = await turnPage(await scanLike(await makeTextPage({ lines, format: 'png', height: 1400 }), { seed: 5 }), 90);
    const d = await takeDossier(h, t.agent, { procedureCode: LAND_DATA, skipScans: true, draft: true });
    const comp = d.components[0];
    const added = await h.call<{ pages: Page[] }>('pages.add', t.agent, { dossierId: d.id, componentId: comp?.id, fileName: 'nam-ngang.jpg', bytes: sideways });
    const id = added.pages[0]?.id ?? '';
    const page = async () => (await h.call<DossierDetail>('dossiers.get', t.agent, { id: d.id })).components[0]?.pages.find((p) => p.id === id);
    for (let waited = 0; (await page())?.ocrStatus !== 'done'; waited += 200) {
      if (waited > 120_000) throw new Error('OCR did not finish');
      await new Promise((r) => setTimeout(r, 200));
    }
    const shown = await page();
    expect(shown?.rotation).toBe(270); // turned 90° clockwise on the glass: a quarter turn back shows it upright
    expect(shown?.autoRotated).toBe(true); // the page card says so
    const thumb = await h.call<{ bytes: Uint8Array }>('pages.image', t.agent, { pageId: id, variant: 'thumb' });
    const meta = await sharp(Buffer.from(thumb.bytes)).metadata();
    expect(meta.width ?? 0).toBeGreaterThan(meta.height ?? 0); // the page is wider than tall again, as generated
    const pdf = await h.call<{ bytes: Uint8Array }>('documents.componentPdf', t.agent, { dossierId: d.id, componentId: comp?.id });
    const file = join(dir, 'thanh-phan.pdf');
    writeFileSync(file, pdf.bytes);
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
    expect(text).toContain('Người nộp hồ sơ cần mang theo căn cước công dân');
    // the agent turns it again: no longer the app's doing
    await h.call('pages.rotate', t.agent, { pageId: id, clockwise: true });
    expect((await page())?.autoRotated).toBe(false);
  }, 180_000);
});
