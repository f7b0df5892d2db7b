// The OCR queue trusts the quality gate: a blank page ends "Trang trắng" at once (no worker held), a blurred one never
// shows a confidence it has not earned.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client';
import { blobs, dossierComponents, dossiers, pages, procedures, users } from '../../db/schema';
import { toPage } from '../../electron/core/dossiers/dossier-service';
import { systemClock, type Logger } from '../../electron/core/ports';
import type { OcrEngine, OcrResult } from '../../electron/core/ocr/ocr-engine';
import { createOcrQueue, type OcrProgressEvent } from '../../electron/core/ocr/ocr-queue';
import { assessForStorage } from '../../electron/core/quality';
import { ocrLabel } from '../../renderer/features/intake/ocr-label';
import { blankSheet } from '../support/make-quality-pages';
import { makeTextPage } from '../support/make-text-page';

const quietLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const vi: Record<string, string> = { 'page.ocrBlank': 'Trang trắng', 'page.ocrDone': 'Độ tin cậy {confidence}%', 'page.ocrDoneNoConfidence': 'Đã nhận dạng' };
const t = (key: string, vars?: Record<string, string | number>) =>
  (vi[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? ''));

let dir = '';
let db: Db;
const blobBytes = new Map<string, Uint8Array>();

function seed(conn: Db): number {
  const now = Date.now();
  conn.insert(users).values({ id: 'u1', username: 'nv.lan', fullName: 'Lê Thị Lan', role: 'agent', passwordHash: 'x', createdAt: now }).run();
  conn.insert(procedures).values({ code: '1.001193', name: 'Đăng ký khai sinh', searchText: 'dang ky khai sinh', source: 'national', catalogVersion: 't' }).run();
  conn
    .insert(dossiers)
    .values({ id: 'd1', localCode: 'DL001-0001', procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', mode: 'direct', applicant: '{}', delivery: '{"kind":"counter"}', status: 'draft', createdBy: 'u1', createdAt: now, updatedAt: now })
    .run();
  return conn.insert(dossierComponents).values({ dossierId: 'd1', kind: 'submit', name: 'Tờ khai', required: true, ord: 1 }).returning({ id: dossierComponents.id }).get().id;
}

/** Adds a page as intake does: the image stored, the quality gate's verdict with it. */
async function addPage(componentId: number, id: string, bytes: Uint8Array): Promise<void> {
  const now = Date.now();
  const sha = `sha-${id}`;
  blobBytes.set(sha, bytes);
  const meta = await sharp(bytes).metadata();
  db.insert(blobs).values({ sha256: sha, size: bytes.length, mime: 'image/jpeg', createdAt: now }).run();
  db.insert(pages)
    .values({ id, dossierId: 'd1', componentId, ord: 1, rotation: 0, blobSha256: sha, mime: 'image/jpeg', size: bytes.length, width: meta.width, height: meta.height, sourceName: `${id}.jpg`, createdAt: now, quality: await assessForStorage(bytes) })
    .run();
}

/** An engine whose workers never finish a page (a stuck tesseract): whatever reaches it is held for good. */
function stuckEngine(): OcrEngine & { calls: number } {
  const engine = {
    calls: 0,
    recognize: () => {
      engine.calls++;
      return new Promise<OcrResult>(() => undefined);
    },
    terminate: () => Promise.resolve(),
  };
  return engine;
}

const answering = (confidence: number): OcrEngine & { calls: number } => {
  const engine = {
    calls: 0,
    recognize: () => {
      engine.calls++;
      return Promise.resolve({ text: 'Uỷ ban nhân dân', confidence, words: [], durationMs: 1 });
    },
    terminate: () => Promise.resolve(),
  };
  return engine;
};

function queueWith(engine: OcrEngine, events: OcrProgressEvent[]) {
  return createOcrQueue({
    db,
    readBlob: (sha) => Promise.resolve(blobBytes.get(sha) ?? new Uint8Array()),
    engine,
    clock: systemClock,
    emit: (e) => events.push(e),
    logger: quietLogger,
    concurrency: 1,
  });
}

const shown = (id: string) => {
  const row = db.select().from(pages).where(eq(pages.id, id)).get();
  if (!row) throw new Error(`no page ${id}`);
  return toPage(row);
};

let componentId = 0;
const images = new Map<string, Uint8Array>();

/** A blank back (paper grain, dust), a page of text, the same page blurred. */
async function makeImages(): Promise<void> {
  const lines = ['TỜ KHAI ĐĂNG KÝ KHAI SINH', 'Họ, chữ đệm, tên người yêu cầu: Trần Thị Mai Phương', 'Nơi cư trú: Số 27 ngõ Thổ Quan, phường Văn Chương'];
  const text = await makeTextPage({ lines, format: 'png' });
  const jpeg = async (png: Uint8Array, blur = 0) =>
    new Uint8Array(await (blur ? sharp(png).blur(blur) : sharp(png)).withMetadata({ density: 300 }).jpeg({ quality: 85 }).toBuffer());
  images.set('blank', await blankSheet(313)); // held-out seeds (tests/support/ocr-page-set.ts)
  images.set('sharp', await jpeg(text));
  images.set('blurred', await jpeg(text, 3));
}
const caseBytes = (name: string) => images.get(name) ?? new Uint8Array();

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocr-blank-'));
  db = openDatabase(join(dir, 'app.sqlite'));
  componentId = seed(db);
  if (images.size === 0) await makeImages();
});

afterEach(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

describe('OCR after the quality gate', () => {
  it('ends a blank page at once as "Trang trắng" without handing it to a worker, even when every worker is stuck', async () => {
    await addPage(componentId, 'blank', caseBytes('blank'));
    const engine = stuckEngine();
    const events: OcrProgressEvent[] = [];
    const queue = queueWith(engine, events);
    queue.start();
    queue.enqueue('blank');
    await queue.idle(); // would never resolve if a blank page had reached the stuck engine
    expect(engine.calls).toBe(0);
    for (const id of ['blank']) {
      const page = shown(id);
      expect(page.ocrStatus).toBe('done');
      expect(page.ocrText).toBe('');
      expect(page.ocrConfidence).toBeNull();
      expect(ocrLabel(page, t)).toBe('Trang trắng');
      expect(events).toContainEqual(expect.objectContaining({ pageId: id, status: 'done', blank: true }));
    }
    await queue.stop();
  });

  it('still reads a page with writing on it, and caps the confidence shown for a blurred one below 60%', async () => {
    await addPage(componentId, 'sharp', caseBytes('sharp'));
    await addPage(componentId, 'blurred', caseBytes('blurred'));
    const engine = answering(91);
    const events: OcrProgressEvent[] = [];
    const queue = queueWith(engine, events);
    queue.start();
    queue.enqueue('sharp');
    queue.enqueue('blurred');
    await queue.idle();
    expect(engine.calls).toBe(2);
    expect(ocrLabel(shown('sharp'), t)).toBe('Độ tin cậy 91%');
    expect(shown('blurred').ocrConfidence).toBeLessThan(60);
    expect(ocrLabel(shown('blurred'), t)).toBe('Độ tin cậy 55%');
    expect(events).toContainEqual(expect.objectContaining({ pageId: 'blurred', status: 'done', confidence: 55 }));
    await queue.stop();
  });
});
