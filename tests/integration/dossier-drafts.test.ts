// Two windows on one dossier never lose data (stale versions refused); pages move between slots; drafts are cancelled,
// moved to another procedure, and empty ones swept after a day.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../electron/common/contract';
import { setupOffice, startHarness, testClock, type Harness } from '../support/core-harness';
import { advance, applicantFor, BIRTH, LAND_DATA, relogin, takeDossier, tinyJpeg, type Tokens } from '../support/review-fixtures';

let h: Harness;
let t: Tokens;

beforeAll(async () => {
  h = await startHarness();
  t = await setupOffice(h);
});
afterAll(async () => h.close());

const get = (id: string, token = t.agent) => h.call<DossierDetail>('dossiers.get', token, { id });
const blobPath = (sha: string) => join(h.dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);
const shaOf = (pageId: string) =>
  (h.core.db.$client.prepare('SELECT blob_sha256 AS sha FROM pages WHERE id = ?').get(pageId) as { sha: string }).sha;
const audit = (action: string, id: string) =>
  h.core.db.$client.prepare('SELECT details FROM audit_log WHERE action = ? AND entity_id = ?').all(action, id) as { details: string }[];

describe('two tabs on one dossier', () => {
  it('refuses the second save of a stale version with the time of the newer one, and keeps what tab A saved', async () => {
    const d = await h.call<DossierDetail>('dossiers.create', t.agent, { procedureCode: LAND_DATA });
    const seen = d.version; // both tabs opened the dossier at this version
    const applicant = { ...applicantFor(1), phone: '' };
    const a = await h.call<{ version: number }>('dossiers.saveDraft', t.agent, {
      id: d.id,
      applicant: { ...applicant, phone: '0912345678' },
      expectedVersion: seen,
    });
    expect(a.version).toBe(seen + 1);
    // tab B still holds the applicant without the phone, at the version it opened
    const refused = await h.fail('dossiers.saveDraft', t.agent, { id: d.id, applicant, expectedVersion: seen });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/^Hồ sơ đã được sửa ở cửa sổ khác lúc \d{2}:\d{2}; hãy tải lại để xem bản mới nhất\.$/);
    expect(refused.params?.at).toMatch(/^\d{2}:\d{2}$/);
    const stored = await get(d.id);
    expect(stored.applicant.phone).toBe('0912345678');
    expect(stored.version).toBe(seen + 1);
    // after reloading, tab B saves on the version it now holds
    const b = await h.call<{ version: number }>('dossiers.saveDraft', t.agent, {
      id: d.id,
      applicant: { ...stored.applicant, email: 'lan@example.com' },
      expectedVersion: stored.version,
    });
    expect(b.version).toBe(seen + 2);
    expect((await get(d.id)).applicant).toMatchObject({ phone: '0912345678', email: 'lan@example.com' });
  });

  it('refuses stale answers on the checklist, the fee and "ready" the same way', async () => {
    const d = await h.call<DossierDetail>('dossiers.create', t.agent, { procedureCode: LAND_DATA });
    await h.call('dossiers.saveDraft', t.agent, { id: d.id, applicant: applicantFor(2), expectedVersion: d.version });
    const stale = { expectedVersion: d.version };
    expect((await h.fail('dossiers.setFee', t.agent, { id: d.id, quantity: null, ...stale })).code).toBe('CONFLICT');
    expect((await h.fail('dossiers.markReady', t.agent, { id: d.id, ...stale })).code).toBe('CONFLICT');
    const show = d.components.find((c) => c.kind === 'show');
    if (show) expect((await h.fail('dossiers.markSeen', t.agent, { componentId: show.id, seen: true, ...stale })).code).toBe('CONFLICT');
  });
});

describe('a page filed in the wrong slot', () => {
  it('moves to another slot keeping its OCR text, and a second stale move is refused', async () => {
    const d = await h.call<DossierDetail>('dossiers.create', t.agent, { procedureCode: LAND_DATA });
    const [first, second] = d.components.filter((c) => c.kind === 'submit');
    if (!first || !second) throw new Error('the procedure needs two slots');
    const { pages } = await h.call<{ pages: { id: string }[] }>('pages.add', t.agent, {
      dossierId: d.id, componentId: first.id, fileName: 'nham-cho.jpg', bytes: await tinyJpeg(7001),
    });
    const pageId = pages[0]?.id ?? '';
    await expect.poll(async () => (await get(d.id)).components.flatMap((c) => c.pages).find((p) => p.id === pageId)?.ocrStatus).toBe('done');
    const before = (await get(d.id)).components.flatMap((c) => c.pages).find((p) => p.id === pageId);
    await h.call('pages.moveToComponent', t.agent, { pageId, componentId: second.id, fromComponentId: first.id });
    const after = await get(d.id);
    expect(after.components.find((c) => c.id === first.id)?.pages).toHaveLength(0);
    const moved = after.components.find((c) => c.id === second.id)?.pages[0];
    expect(moved?.id).toBe(pageId);
    expect(moved?.ocrText).toBe(before?.ocrText);
    expect(moved?.ocrStatus).toBe('done');
    expect(audit('page.move_slot', d.id)).toHaveLength(1);
    const again = await h.fail('pages.moveToComponent', t.agent, { pageId, componentId: first.id, fromComponentId: first.id });
    expect(again.code).toBe('CONFLICT');
  });
});

describe('cancelling a draft', () => {
  it('deletes the draft and its pages; a scan another dossier shares keeps its file until that one goes too', async () => {
    // PNG is lossless: small JPEGs of nearly the same pixels can compress to the same bytes (one shared blob)
    const raw = Buffer.alloc(40 * 56 * 3, 200);
    raw.write('huy-ho-so-nhap', 0);
    const bytes = new Uint8Array(await sharp(raw, { raw: { width: 40, height: 56, channels: 3 } }).png().toBuffer());
    const one = await h.call<DossierDetail>('dossiers.create', t.agent, { procedureCode: LAND_DATA });
    const two = await h.call<DossierDetail>('dossiers.create', t.agent, { procedureCode: LAND_DATA });
    const slot = (d: DossierDetail) => d.components[0]?.id ?? 0;
    const p1 = (await h.call<{ pages: { id: string }[] }>('pages.add', t.agent, { dossierId: one.id, componentId: slot(one), fileName: 'a.png', bytes })).pages[0]?.id ?? '';
    await h.call('pages.add', t.agent, { dossierId: two.id, componentId: slot(two), fileName: 'a.png', bytes });
    const sha = shaOf(p1);
    expect(existsSync(blobPath(sha))).toBe(true);

    // another agent cannot cancel it; a stale window cannot either
    expect((await h.fail('dossiers.cancelDraft', t.agent2, { id: one.id })).code).toBe('NOT_FOUND');
    expect((await h.fail('dossiers.cancelDraft', t.agent, { id: one.id, expectedVersion: one.version - 1 })).code).toBe('CONFLICT');

    expect(await h.call('dossiers.cancelDraft', t.agent, { id: one.id, expectedVersion: one.version })).toEqual({ deleted: true, pages: 1 });
    expect((await h.fail('dossiers.get', t.agent, { id: one.id })).code).toBe('NOT_FOUND');
    expect(existsSync(blobPath(sha))).toBe(true); // dossier two still shows this scan
    const row = audit('dossier.cancel', one.id)[0];
    expect(JSON.parse(row?.details ?? '{}')).toMatchObject({ code: one.localCode, pages: 1, filesDeleted: 0 });

    await h.call('dossiers.cancelDraft', t.agent, { id: two.id });
    expect(existsSync(blobPath(sha))).toBe(false);
    expect(h.core.db.$client.prepare('SELECT count(*) AS n FROM blobs WHERE sha256 = ?').get(sha)).toEqual({ n: 0 });
  });

  it('refuses a dossier marked ready (its receipt was printed)', async () => {
    const ready = await takeDossier(h, t.agent, { procedureCode: LAND_DATA });
    const refused = await h.fail('dossiers.cancelDraft', t.agent, { id: ready.id });
    expect(['DRAFT_NOT_CANCELLABLE', 'INVALID_STATE']).toContain(refused.code);
    expect((await get(ready.id)).id).toBe(ready.id);
  });
});

describe('moving a draft to another procedure', () => {
  it('keeps the applicant and every page; pages without a matching slot go to "Giấy tờ khác"', async () => {
    const d = await takeDossier(h, t.agent, { procedureCode: LAND_DATA, draft: true });
    const pagesBefore = d.components.flatMap((c) => c.pages.map((p) => p.id)).sort();
    expect(pagesBefore.length).toBeGreaterThan(0);
    const { detail, moved } = await h.call<{ detail: DossierDetail; moved: { from: string; pages: number }[] }>(
      'dossiers.changeProcedure', t.agent, { id: d.id, procedureCode: BIRTH, expectedVersion: d.version },
    );
    expect(detail.procedureCode).toBe(BIRTH);
    expect(detail.localCode).toBe(d.localCode);
    expect(detail.applicant.fullName).toBe(d.applicant.fullName);
    expect(detail.components.flatMap((c) => c.pages.map((p) => p.id)).sort()).toEqual(pagesBefore);
    const other = detail.components.find((c) => c.docKey === 'other');
    expect(other?.pages.length).toBe(moved.reduce((n, m) => n + m.pages, 0));
    expect(audit('dossier.procedure', d.id)).toHaveLength(1);
    expect((await h.fail('dossiers.changeProcedure', t.agent, { id: d.id, procedureCode: BIRTH })).code).toBe('PROCEDURE_UNCHANGED');
  });

  it('refuses a draft once marked ready with its own reason (a new dossier instead), not the cancelling one', async () => {
    const once = await takeDossier(h, t.agent, { procedureCode: LAND_DATA });
    advance(h, once.id, ['draft'], Date.now()); // back to editing: its receipt, with this procedure, is out
    const refused = await h.fail('dossiers.changeProcedure', t.agent, { id: once.id, procedureCode: BIRTH });
    expect(refused.code).toBe('DRAFT_PROCEDURE_LOCKED');
    expect(refused.message).toContain(once.localCode);
    expect(refused.message).toContain('tạo hồ sơ mới');
    expect(refused.message).not.toContain('huỷ');
    expect((await get(once.id)).procedureCode).toBe(LAND_DATA);
  });
});

describe('empty drafts', () => {
  it('are deleted at the next start a day later; a draft with anything typed stays, and so does a fresh one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dvc-drafts-'));
    const clock = testClock();
    let own = await startHarness({ dataDir, clock });
    try {
      const tokens = await setupOffice(own);
      const empty = await own.call<DossierDetail>('dossiers.create', tokens.agent, { procedureCode: LAND_DATA });
      const typed = await own.call<DossierDetail>('dossiers.create', tokens.agent, { procedureCode: LAND_DATA });
      await own.call('dossiers.saveDraft', tokens.agent, { id: typed.id, applicant: { fullName: 'Nguyễn Văn An' } });
      clock.advance(25 * 3600_000);
      const fresh = await own.call<DossierDetail>('dossiers.create', (await relogin(own)).agent, { procedureCode: LAND_DATA });
      await own.close();
      own = await startHarness({ dataDir, clock });
      const left = (own.core.db.$client.prepare('SELECT id FROM dossiers').all() as { id: string }[]).map((r) => r.id);
      expect(left).not.toContain(empty.id);
      expect(left).toEqual(expect.arrayContaining([typed.id, fresh.id]));
      const row = own.core.db.$client.prepare("SELECT actor_id, details FROM audit_log WHERE action = 'dossier.cancel_empty' AND entity_id = ?").get(empty.id) as { actor_id: string | null; details: string };
      expect(row.actor_id).toBeNull();
      expect(JSON.parse(row.details)).toEqual({ code: empty.localCode, procedure: LAND_DATA });
    } finally {
      await own.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
