// The durable OCR queue on a real SQLite file with a fake engine: results, retries, failure, crash recovery.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client';
import { blobs, dossierComponents, dossiers, jobs, pages, procedures, users } from '../../db/schema';
import { systemClock, type Logger } from '../../electron/core/ports';
import type { OcrEngine, OcrResult } from '../../electron/core/ocr/ocr-engine';
import { createOcrQueue, type OcrProgressEvent, type OcrQueue } from '../../electron/core/ocr/ocr-queue';

const quietLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

let dir = '';
let dbPath = '';
let db: Db;
const blobBytes = new Map<string, Uint8Array>();

function seedDossier(conn: Db): { dossierId: string; componentId: number } {
  const now = Date.now();
  conn
    .insert(users)
    .values({
      id: 'u1',
      username: 'nv.lan',
      fullName: 'Lê Thị Lan',
      role: 'agent',
      passwordHash: 'x',
      createdAt: now,
    })
    .run();
  conn
    .insert(procedures)
    .values({
      code: '1.001193',
      name: 'Thủ tục đăng ký khai sinh',
      searchText: '1.001193 thu tuc dang ky khai sinh',
      source: 'national',
      catalogVersion: 't',
    })
    .run();
  conn
    .insert(dossiers)
    .values({
      id: 'd1',
      localCode: 'DL001-0001',
      procedureCode: '1.001193',
      procedureName: 'Thủ tục đăng ký khai sinh',
      mode: 'direct',
      applicant: '{}',
      delivery: '{"kind":"counter"}',
      status: 'draft',
      createdBy: 'u1',
      createdAt: now,
      updatedAt: now,
    })
    .run();
  const component = conn
    .insert(dossierComponents)
    .values({ dossierId: 'd1', kind: 'submit', name: 'Tờ khai', required: true, ord: 1 })
    .returning({ id: dossierComponents.id })
    .get();
  return { dossierId: 'd1', componentId: component.id };
}

function addPage(conn: Db, componentId: number, pageId: string, opts: { rotation?: number } = {}): void {
  const sha = `sha-${pageId}`;
  const bytes = new TextEncoder().encode(`image of ${pageId}`);
  blobBytes.set(sha, bytes);
  const now = Date.now();
  conn
    .insert(blobs)
    .values({ sha256: sha, size: bytes.length, mime: 'image/png', createdAt: now })
    .onConflictDoNothing()
    .run();
  conn
    .insert(pages)
    .values({
      id: pageId,
      dossierId: 'd1',
      componentId,
      ord: 1,
      rotation: opts.rotation ?? 0,
      blobSha256: sha,
      mime: 'image/png',
      size: bytes.length,
      width: 100,
      height: 100,
      sourceName: `${pageId}.png`,
      createdAt: now,
    })
    .run();
}

const readBlob = (sha: string): Promise<Uint8Array> => {
  const bytes = blobBytes.get(sha);
  return bytes ? Promise.resolve(bytes) : Promise.reject(new Error(`blob ${sha} missing`));
};

function resultFor(image: Uint8Array, rotation = 0): OcrResult {
  const text = `${new TextDecoder().decode(image)} xoay ${String(rotation)}: Uỷ ban nhân dân`;
  return {
    text,
    confidence: 88,
    words: [{ text: 'Uỷ', confidence: 90, bbox: { x0: 1, y0: 2, x1: 30, y1: 20 } }],
    durationMs: 5,
  };
}

/** A fake engine that answers from the image bytes, failing the first `failures[page]` calls for a page. */
function fakeEngine(failures: Record<string, number> = {}): OcrEngine & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    recognize(image, opts) {
      const page = new TextDecoder().decode(image).replace('image of ', '');
      calls.push(page);
      const left = failures[page] ?? 0;
      if (left > 0) {
        failures[page] = left - 1;
        return Promise.reject(new Error(`tesseract choked on ${page}`));
      }
      return Promise.resolve(resultFor(image, opts?.rotation));
    },
    terminate: () => Promise.resolve(),
  };
}

function makeQueue(engine: OcrEngine, events: OcrProgressEvent[], conn = db): OcrQueue {
  return createOcrQueue({
    db: conn,
    readBlob,
    engine,
    clock: systemClock,
    emit: (e) => events.push(e),
    logger: quietLogger,
    concurrency: 2,
    retryDelayMs: () => 15,
  });
}

const pageRow = (id: string, conn = db) => conn.select().from(pages).where(eq(pages.id, id)).get();
const jobRows = (conn = db) => conn.select().from(jobs).all();
const statuses = (events: OcrProgressEvent[], pageId: string) =>
  events.filter((e) => e.pageId === pageId).map((e) => e.status);

let componentId = 0;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocr-queue-'));
  dbPath = join(dir, 'app.sqlite');
  db = openDatabase(dbPath);
  componentId = seedDossier(db).componentId;
});

afterEach(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

describe('OCR queue', () => {
  it('writes text, confidence and word boxes to each page and reports progress; enqueue is idempotent', async () => {
    addPage(db, componentId, 'p1');
    addPage(db, componentId, 'p2', { rotation: 90 });
    const events: OcrProgressEvent[] = [];
    const queue = makeQueue(fakeEngine(), events);
    queue.enqueue('p1');
    queue.enqueue('p1');
    queue.enqueue('p2');
    expect(jobRows()).toHaveLength(2);
    queue.start();
    await queue.idle();
    await queue.stop();

    const p1 = pageRow('p1');
    expect(p1).toMatchObject({
      ocrStatus: 'done',
      ocrConfidence: 88,
      ocrText: 'image of p1 xoay 0: Uỷ ban nhân dân',
    });
    expect(JSON.parse(p1?.ocrWords ?? '[]')).toEqual([
      { text: 'Uỷ', confidence: 90, bbox: { x0: 1, y0: 2, x1: 30, y1: 20 } },
    ]);
    expect(pageRow('p2')?.ocrText).toContain('xoay 90'); // the page's rotation reaches the engine
    expect(statuses(events, 'p1')).toEqual(['running', 'done']);
    expect(events.find((e) => e.status === 'done')).toMatchObject({
      type: 'ocr.progress',
      dossierId: 'd1',
      confidence: 88,
    });
    expect(jobRows().map((j) => j.state)).toEqual(['done', 'done']);
  });

  it('resumes after a crash: jobs left running are redone, a page committed without its job gets one', async () => {
    for (const id of ['p1', 'p2', 'p3']) addPage(db, componentId, id);
    const hung: OcrEngine = {
      recognize: () => new Promise<OcrResult>(() => undefined),
      terminate: () => Promise.resolve(),
    };
    const before = makeQueue(hung, []);
    for (const id of ['p1', 'p2', 'p3']) before.enqueue(id);
    before.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // the process "dies" here: two pages mid-OCR, one waiting, and p4 committed just before enqueue
    addPage(db, componentId, 'p4');
    closeDatabase(db);

    db = openDatabase(dbPath);
    expect(
      jobRows()
        .map((j) => j.state)
        .sort(),
    ).toEqual(['queued', 'running', 'running']);
    expect(pageRow('p1')?.ocrStatus).toBe('running');
    const events: OcrProgressEvent[] = [];
    const engine = fakeEngine();
    const after = makeQueue(engine, events);
    after.start();
    await after.idle();
    await after.stop();
    for (const id of ['p1', 'p2', 'p3', 'p4']) expect(pageRow(id)?.ocrStatus).toBe('done');
    expect(engine.calls.sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(jobRows()).toHaveLength(4);
  });

  it('retries a failing page with backoff and succeeds', async () => {
    addPage(db, componentId, 'p1');
    const events: OcrProgressEvent[] = [];
    const queue = makeQueue(fakeEngine({ p1: 2 }), events);
    queue.enqueue('p1');
    queue.start();
    await queue.idle();
    await queue.stop();
    expect(pageRow('p1')?.ocrStatus).toBe('done');
    expect(jobRows()[0]).toMatchObject({ state: 'done', attempts: 2, lastError: null });
    expect(statuses(events, 'p1')).toEqual(['running', 'pending', 'running', 'pending', 'running', 'done']);
  });

  it('gives up after 3 attempts: job and page failed, error kept, other pages unaffected', async () => {
    addPage(db, componentId, 'bad');
    addPage(db, componentId, 'good');
    const events: OcrProgressEvent[] = [];
    const engine = fakeEngine({ bad: 99 });
    const queue = makeQueue(engine, events);
    queue.enqueue('bad');
    queue.enqueue('good');
    queue.start();
    await queue.idle();
    await queue.stop();
    expect(pageRow('bad')).toMatchObject({ ocrStatus: 'failed', ocrText: null });
    expect(pageRow('good')?.ocrStatus).toBe('done');
    const badJob = jobRows().find((j) => j.refId === 'bad');
    expect(badJob).toMatchObject({ state: 'failed', attempts: 3 });
    expect(badJob?.lastError).toContain('tesseract choked on bad');
    expect(engine.calls.filter((c) => c === 'bad')).toHaveLength(3);
    expect(statuses(events, 'bad').at(-1)).toBe('failed');
  });

  it('closes the job silently when the page is deleted before or during OCR', async () => {
    addPage(db, componentId, 'gone');
    addPage(db, componentId, 'midway');
    const events: OcrProgressEvent[] = [];
    const inner = fakeEngine();
    const deleting: OcrEngine = {
      recognize: (image, opts) => {
        db.delete(pages).where(eq(pages.id, 'midway')).run();
        return inner.recognize(image, opts);
      },
      terminate: () => Promise.resolve(),
    };
    const queue = makeQueue(deleting, events);
    queue.enqueue('gone');
    db.delete(pages).where(eq(pages.id, 'gone')).run();
    queue.enqueue('midway');
    queue.start();
    await queue.idle();
    await queue.stop();
    expect(jobRows().map((j) => [j.refId, j.state])).toEqual([
      ['gone', 'done'],
      ['midway', 'done'],
    ]);
    expect(inner.calls).toEqual(['midway']);
    expect(events.filter((e) => e.status === 'done' || e.status === 'failed')).toEqual([]);
  });

  it('re-runs a finished page when forced (after the agent rotates it)', async () => {
    addPage(db, componentId, 'p1');
    const events: OcrProgressEvent[] = [];
    const queue = makeQueue(fakeEngine(), events);
    queue.start();
    queue.enqueue('p1');
    await queue.idle();
    db.update(pages).set({ rotation: 180 }).where(eq(pages.id, 'p1')).run();
    queue.enqueue('p1'); // plain enqueue of a done page: nothing happens
    await queue.idle();
    expect(pageRow('p1')?.ocrText).toContain('xoay 0');
    queue.enqueue('p1', { force: true });
    await queue.idle();
    await queue.stop();
    expect(pageRow('p1')?.ocrText).toContain('xoay 180');
    expect(statuses(events, 'p1')).toEqual(['running', 'done', 'pending', 'running', 'done']);
  });
});
