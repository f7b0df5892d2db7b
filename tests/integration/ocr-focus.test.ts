// OCR focus: the page the agent opens, then the dossier they work on, is recognised before the rest of the queue.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../db/client';
import type { DossierDetail, Page } from '../../electron/common/contract';
import type { OcrEngine, OcrResult } from '../../electron/core/ocr/ocr-engine';
import { claimNextOcrJob, explainOcrClaim } from '../../electron/core/ocr/ocr-jobs';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { LAND_DATA, takeDossier, tinyJpeg, type Tokens } from '../support/review-fixtures';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** An engine that holds every page until the test opens the gate, and fails once the images listed (by sha256). */
function gatedEngine() {
  const held: Array<() => void> = [];
  const failOnce = new Set<string>();
  let open = false;
  const result: OcrResult = { text: 'Trang', confidence: 90, words: [], durationMs: 1 };
  const engine: OcrEngine = {
    recognize(image) {
      if (failOnce.delete(sha256(image))) return Promise.reject(new Error('tesseract hỏng'));
      if (open) return Promise.resolve(result);
      return new Promise<OcrResult>((resolve) => held.push(() => resolve(result)));
    },
    terminate: () => Promise.resolve(),
  };
  return {
    engine,
    failOnce,
    close() {
      open = false;
    },
    open() {
      open = true;
      for (const release of held.splice(0)) release();
    },
  };
}

let h: Harness;
let t: Tokens;
let gate: ReturnType<typeof gatedEngine>;
/** page ids in the order the queue claimed them ('running' events) */
let claimed: string[] = [];
let done: string[] = [];
let imageNo = 1000;

async function until(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function emptyDossier(token = t.agent): Promise<DossierDetail> {
  return takeDossier(h, token, { procedureCode: LAND_DATA, skipScans: true, draft: true });
}

async function addPages(d: DossierDetail, n: number, opts: { failOnce?: boolean } = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const bytes = await tinyJpeg(imageNo++);
    if (opts.failOnce) gate.failOnce.add(sha256(bytes));
    const added = await h.call<{ pages: Page[] }>('pages.add', t.agent, {
      dossierId: d.id,
      componentId: d.components[0]?.id,
      fileName: `trang-${String(imageNo)}.jpg`,
      bytes,
    });
    ids.push(added.pages[0]?.id ?? '');
  }
  return ids;
}

function jobOf(pageId: string | undefined) {
  return h.core.db.$client
    .prepare("SELECT state, attempts FROM jobs WHERE kind = 'ocr' AND ref_id = ?")
    .get(pageId) as { state: string; attempts: number } | undefined;
}

const openJobs = () =>
  (
    h.core.db.$client
      .prepare("SELECT count(*) AS n FROM jobs WHERE kind = 'ocr' AND state IN ('queued', 'running')")
      .get() as { n: number }
  ).n;

beforeAll(async () => {
  gate = gatedEngine();
  h = await startHarness({ ocr: gate.engine });
  t = await setupOffice(h);
  h.core.events.subscribe((name, payload) => {
    if (name !== 'ocr.progress') return;
    const p = payload as { pageId: string; status: string };
    if (p.status === 'running') claimed.push(p.pageId);
    if (p.status === 'done') done.push(p.pageId);
  });
});
afterAll(async () => h.close());

beforeEach(() => {
  gate.close();
  claimed = [];
  done = [];
});

describe('OCR focus', () => {
  it('the opened page goes next after the pages already running, then the rest of its dossier, then the others', async () => {
    const a = await emptyDossier();
    const b = await emptyDossier();
    const aPages = await addPages(a, 8); // a scan batch: two start at once, six wait
    const bPages = await addPages(b, 3);
    await until('two pages running', () => claimed.length === 2);
    expect(claimed).toEqual(aPages.slice(0, 2));

    const r = await h.call<{ focused: boolean }>('ocr.focus', t.agent, { dossierId: b.id, pageId: bPages[2] });
    expect(r.focused).toBe(true);
    gate.open();
    await until('queue empty', () => openJobs() === 0);

    expect(claimed).toEqual([...aPages.slice(0, 2), bPages[2], bPages[0], bPages[1], ...aPages.slice(2)]);
    expect(done.sort()).toEqual([...aPages, ...bPages].sort());
  });

  it('focusing a dossier puts its pages, also ones added later, before the rest; closing the viewer keeps the dossier', async () => {
    const a = await emptyDossier();
    const b = await emptyDossier();
    const early = await addPages(b, 1);
    await until('first page running', () => claimed.length === 1);
    const aPages = await addPages(a, 5);
    // the viewer opens a page of B, then closes: back to dossier B, not to nothing
    await h.call('ocr.focus', t.agent, { dossierId: b.id, pageId: early[0] });
    await h.call('ocr.focus', t.agent, { dossierId: b.id, pageId: null });
    const later = await addPages(b, 2); // the agent keeps scanning into B while A's batch waits
    gate.open();
    await until('queue empty', () => openJobs() === 0);

    expect(claimed).toEqual([early[0], aPages[0], ...later, ...aPages.slice(1)]);
  });

  it('a page waiting to retry after a failure is not pulled forward by focus', async () => {
    const a = await emptyDossier();
    const b = await emptyDossier();
    const [flaky] = await addPages(b, 1, { failOnce: true }); // runs at once and fails: retry due in 10 s
    await until('the first attempt failed', () => jobOf(flaky)?.attempts === 1);
    expect(jobOf(flaky)).toMatchObject({ state: 'queued' });

    const aPages = await addPages(a, 4);
    await h.call('ocr.focus', t.agent, { dossierId: b.id, pageId: flaky });
    gate.open();
    await until("A's pages done", () => aPages.every((p) => done.includes(p)));
    expect(claimed).toEqual([flaky, ...aPages]);
    expect(jobOf(flaky)).toMatchObject({ state: 'queued', attempts: 1 });

    // once its backoff (10 s) is over, the focused page goes first again, ahead of older waiting pages
    gate.close();
    const more = await addPages(a, 3); // two start, one waits with an earlier due time than the retry
    h.clock.advance(10_001);
    gate.open();
    await until('queue empty', () => openJobs() === 0);
    expect(claimed.slice(-4)).toEqual([more[0], more[1], flaky, more[2]]);
  });

  it('checks access like dossiers.get: another agent cannot focus a dossier, nor a page of another dossier', async () => {
    const a = await emptyDossier();
    const b = await emptyDossier();
    const aPages = await addPages(a, 4);
    const bPages = await addPages(b, 2);

    expect((await h.fail('ocr.focus', t.agent2, { dossierId: b.id })).code).toBe('NOT_FOUND');
    expect((await h.fail('ocr.focus', t.agent2, { dossierId: b.id, pageId: bPages[0] })).code).toBe('NOT_FOUND');
    expect((await h.fail('ocr.focus', t.agent, { dossierId: a.id, pageId: bPages[0] })).code).toBe('NOT_FOUND');
    expect((await h.fail('ocr.focus', t.agent, { dossierId: 'khong-co' })).code).toBe('NOT_FOUND');
    expect((await h.fail('ocr.focus', null, { dossierId: b.id })).code).toBe('UNAUTHENTICATED');
    gate.open();
    await until('queue empty', () => openJobs() === 0);
    // none of the refused calls moved B forward: plain first-in, first-out
    expect(claimed).toEqual([...aPages, ...bPages]);

    // the owner's own dossier and, for a supervisor, anyone's
    const theirs = await emptyDossier(t.agent2);
    expect((await h.call<{ focused: boolean }>('ocr.focus', t.agent2, { dossierId: theirs.id })).focused).toBe(true);
    expect((await h.call<{ focused: boolean }>('ocr.focus', t.supervisor, { dossierId: b.id })).focused).toBe(true);
  });
});

describe('claim query plan', () => {
  it('stays index searches with thousands of queued jobs, and claims in focus order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocr-focus-plan-'));
    const db = openDatabase(join(dir, 'plan.sqlite'));
    try {
      const c = db.$client;
      c.exec(`INSERT INTO users (id, username, full_name, role, password_hash, created_at) VALUES ('u', 'u', 'U', 'agent', 'x', 1);
        INSERT INTO procedures (code, name, search_text, source, catalog_version) VALUES ('p', 'n', 'n', 'national', 't');
        INSERT INTO blobs (sha256, size, mime, created_at) VALUES ('s', 1, 'image/jpeg', 1);`);
      const dossier = c.prepare(`INSERT INTO dossiers (id, local_code, procedure_code, procedure_name, mode, applicant,
        delivery, status, created_by, created_at, updated_at) VALUES (?, ?, 'p', 'n', 'direct', '{}', '{}', 'draft', 'u', 1, 1)`);
      const component = c.prepare(`INSERT INTO dossier_components (dossier_id, kind, name, required, ord) VALUES (?, 'submit', 'x', 1, 1)`);
      const page = c.prepare(`INSERT INTO pages (id, dossier_id, component_id, ord, rotation, blob_sha256, mime, size, width,
        height, source_name, created_at) VALUES (?, ?, ?, 1, 0, 's', 'image/jpeg', 1, 1, 1, 'x', 1)`);
      const job = c.prepare(`INSERT INTO jobs (kind, ref_id, state, attempts, next_run_at, created_at, updated_at)
        VALUES ('ocr', ?, 'queued', 0, ?, 1, 1)`);
      c.transaction(() => {
        for (let d = 0; d < 200; d++) {
          dossier.run(`d${String(d)}`, `L${String(d)}`);
          const comp = Number(component.run(`d${String(d)}`).lastInsertRowid);
          for (let i = 0; i < 20; i++) {
            page.run(`p${String(d)}-${String(i)}`, `d${String(d)}`, comp);
            job.run(`p${String(d)}-${String(i)}`, d * 20 + i);
          }
        }
      })();
      // d199-3 is in backoff: due only at 10_000
      c.prepare("UPDATE jobs SET next_run_at = 10000 WHERE ref_id = 'p199-3'").run();
      const focus = { dossierId: 'd199', pageId: 'p199-7' };

      const plans = explainOcrClaim(db, 5000, focus);
      expect(plans).toHaveLength(3);
      for (const plan of plans) expect(plan).not.toMatch(/\bSCAN\b/);
      expect(plans[1]).toMatch(/^SEARCH pages USING INDEX pages_dossier_idx/); // pages outer, not every due job

      const started = performance.now();
      const order = Array.from({ length: 22 }, () => claimNextOcrJob(db, 5000, focus)?.pageId);
      const ms = (performance.now() - started) / order.length;
      console.log(`claim with focus, 4,000 queued: ${ms.toFixed(2)} ms each (incl. commit)`);
      expect(order).toEqual([
        'p199-7',
        ...[0, 1, 2, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19].map((i) => `p199-${String(i)}`),
        'p0-0',
        'p0-1',
        'p0-2',
      ]);
    } finally {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
