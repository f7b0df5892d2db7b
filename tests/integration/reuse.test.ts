// Re-use of documents digitized earlier for the same citizen: listed with their original date, linked without copying,
// recorded in the audit log, limited to the same ID number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail, Page } from '../../electron/common/contract';
import type { ReusableDocuments } from '../../electron/common/digitize-contract';
import { createBlobStore } from '../../electron/core/storage/blob-store';
import { checkStorageIntegrity } from '../../electron/core/storage/integrity';
import { silentLogger } from '../../electron/core/logger';
import { join } from 'node:path';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import sharp from 'sharp';
import { applicantFor, BIRTH, LAND_DATA, relogin, type Tokens } from '../support/review-fixtures';
import { giveConsent } from '../support/consent';

let h: Harness;
let t: Tokens;
const citizen = applicantFor(71);
const stranger = applicantFor(72);
const DAY = 86_400_000;

async function dossierFor(token: string, procedureCode: string, applicant: object): Promise<DossierDetail> {
  const d = await h.call<DossierDetail>('dossiers.create', token, { procedureCode });
  await h.call('dossiers.saveDraft', token, { id: d.id, applicant });
  // each time, the citizen agreed to keep their papers for next time (re-use offers only those: issue 11)
  await giveConsent(h, token, d.id, { reuse: true });
  return d;
}

/** re-use needs the card read into the dossier or a supervisor's approval (security-reuse.test.ts): here, approval */
async function approved(d: DossierDetail): Promise<DossierDetail> {
  await h.call('reuse.approve', t.supervisor, { dossierId: d.id, reason: 'Đã đối chiếu thẻ căn cước bản gốc' });
  return d;
}

/** a small scan whose bytes differ clearly for each n */
async function scan(n: number): Promise<Uint8Array> {
  const shade = { r: 200 + (n % 50), g: 255 - n * 7, b: 100 + n * 11 };
  return new Uint8Array(await sharp({ create: { width: 60, height: 80, channels: 3, background: shade } }).jpeg().toBuffer());
}

async function addPage(token: string, d: DossierDetail, componentIndex: number, n: number): Promise<Page> {
  const comp = d.components[componentIndex];
  const added = await h.call<{ pages: Page[] }>('pages.add', token, { dossierId: d.id, componentId: comp?.id, fileName: `giay-to-${n}.jpg`, bytes: await scan(n) });
  const page = added.pages[0];
  if (!page) throw new Error('no page');
  return page;
}

const count = (sql: string, ...args: unknown[]) => (h.core.db.$client.prepare(sql).get(...args) as { n: number }).n;
const blobOf = (pageId: string) => (h.core.db.$client.prepare('SELECT blob_sha256 AS s FROM pages WHERE id = ?').get(pageId) as { s: string }).s;

let first: DossierDetail;
let firstPages: Page[];
let firstAt = 0;

beforeAll(async () => {
  h = await startHarness();
  t = await setupOffice(h);
  // twelve days ago, agent Lan digitized the citizen's ID card (two sides) and a household paper
  first = await dossierFor(t.agent, BIRTH, citizen);
  firstAt = h.clock.now();
  firstPages = [await addPage(t.agent, first, 0, 1), await addPage(t.agent, first, 0, 2), await addPage(t.agent, first, 1, 3)];
  await dossierFor(t.agent, LAND_DATA, stranger).then((d) => addPage(t.agent, d, 0, 9));
  // OCR of the first dossier's pages has run (fake engine) by the time the citizen comes back
  for (let waited = 0; count("SELECT count(*) AS n FROM pages WHERE ocr_status = 'done'") < 4; waited += 50) {
    if (waited > 10_000) throw new Error('OCR of the first pages did not finish');
    await new Promise((r) => setTimeout(r, 50));
  }
  h.clock.advance(12 * DAY);
  t = await relogin(h);
});
afterAll(async () => h.close());

describe('re-use for a returning citizen', () => {
  let second: DossierDetail;
  let reused: Page[];

  it('lists the earlier pages of the same ID number, by dossier and component, with the original date', async () => {
    // another agent takes the citizen this time: the papers are the citizen's, not the agent's
    second = await approved(await dossierFor(t.agent2, BIRTH, citizen));
    const list = await h.call<ReusableDocuments>('documents.reusable', t.agent2, { dossierId: second.id });
    expect(list.idNumber).toBe(citizen.idNumber);
    expect(list.groups.map((g) => [g.localCode, g.componentName, g.pages.length])).toEqual([
      [first.localCode, first.components[0]?.name, 2],
      [first.localCode, first.components[1]?.name, 1],
    ]);
    expect(list.groups.every((g) => g.digitizedAt === firstAt)).toBe(true);
    expect(list.groups.flatMap((g) => g.pages.map((p) => p.alreadyHere))).toEqual([false, false, false]);
  });

  it('shows the other agent a thumbnail of each listed page, though the earlier dossier itself stays closed to them', async () => {
    const page = firstPages[0]?.id ?? '';
    expect((await h.fail('pages.image', t.agent2, { pageId: page, variant: 'thumb' })).code).toBe('NOT_FOUND');
    const thumb = await h.call<{ mime: string; bytes: Uint8Array }>('documents.reusableThumb', t.agent2, { dossierId: second.id, pageId: page });
    expect(thumb.mime).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(thumb.bytes)).metadata();
    expect((meta.height ?? 0) / (meta.width ?? 1)).toBeCloseTo(80 / 60, 1); // the 60 x 80 scan, as a thumbnail
    // only for this dossier's citizen: the stranger's page, or the same page through a dossier the agent cannot edit, is not there
    const strangerPage = h.core.db.$client
      .prepare('SELECT p.id FROM pages p JOIN dossiers d ON d.id = p.dossier_id WHERE d.applicant_id_number = ?')
      .get(stranger.idNumber) as { id: string };
    expect((await h.fail('documents.reusableThumb', t.agent2, { dossierId: second.id, pageId: strangerPage.id })).code).toBe('NOT_FOUND');
    expect((await h.fail('documents.reusableThumb', t.agent2, { dossierId: first.id, pageId: page })).code).toBe('NOT_FOUND');
  });

  it('links the chosen pages into a slot without copying the files, with their OCR text, and records it', async () => {
    const blobsBefore = count('SELECT count(*) AS n FROM blobs');
    const slot = second.components.find((c) => /căn cước/.test(c.name)) ?? second.components[0];
    const r = await h.call<{ pages: Page[] }>('pages.reuse', t.agent2, {
      dossierId: second.id,
      componentId: slot?.id,
      pageIds: [firstPages[0]?.id, firstPages[1]?.id],
    });
    reused = r.pages;
    expect(reused.map((p) => p.sourceName)).toEqual(['giay-to-1.jpg', 'giay-to-2.jpg']);
    expect(reused.map((p) => p.ord)).toEqual([0, 1]);
    expect(reused.every((p) => p.ocrStatus === 'done' && p.ocrText !== null)).toBe(true);
    expect(reused.map((p) => blobOf(p.id))).toEqual([blobOf(firstPages[0]?.id ?? ''), blobOf(firstPages[1]?.id ?? '')]);
    expect(count('SELECT count(*) AS n FROM blobs')).toBe(blobsBefore);
    expect(count('SELECT count(*) AS n FROM pages WHERE reused_from_page_id = ?', firstPages[0]?.id)).toBe(1);
    const audit = h.core.db.$client
      .prepare("SELECT actor_id, entity_id, details FROM audit_log WHERE action = 'page.reuse'")
      .all() as { entity_id: string; details: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]?.entity_id).toBe(second.id);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ from: [firstPages[0]?.id, firstPages[1]?.id], fromDossiers: [first.id] });
    const verify = await h.call<{ ok: boolean }>('audit.verify', t.supervisor, {});
    expect(verify.ok).toBe(true);

    // choosing them again adds nothing to that slot, and the list now says they are here
    const again = await h.call<{ pages: Page[] }>('pages.reuse', t.agent2, { dossierId: second.id, componentId: slot?.id, pageIds: [firstPages[0]?.id] });
    expect(again.pages).toEqual([]);
    const list = await h.call<ReusableDocuments>('documents.reusable', t.agent2, { dossierId: second.id });
    expect(list.groups[0]?.pages.map((p) => p.alreadyHere)).toEqual([true, true]);
  });

  it('a third visit sees each scan once, still dated from the first time it was digitized', async () => {
    h.clock.advance(30 * DAY);
    t = await relogin(h);
    const third = await approved(await dossierFor(t.agent, BIRTH, citizen));
    const list = await h.call<ReusableDocuments>('documents.reusable', t.agent, { dossierId: third.id });
    // the second dossier's slot holds the same two scans as the first's: listed once
    expect(list.groups).toHaveLength(2);
    const idCard = list.groups.find((g) => g.pages.length === 2);
    expect(idCard?.digitizedAt).toBe(firstAt);
  });

  it('the re-used pages outlive the original dossier\'s pages', async () => {
    await h.call('pages.remove', t.agent, { pageId: firstPages[0]?.id });
    const report = await checkStorageIntegrity(h.core.db, createBlobStore(join(h.dataDir, 'blobs')), join(h.dataDir, 'blobs'), silentLogger);
    expect(report.orphanFilesRemoved).toBe(0);
    const image = await h.call<{ bytes: Uint8Array }>('pages.image', t.agent2, { pageId: reused[0]?.id, variant: 'full' });
    expect(image.bytes.length).toBeGreaterThan(100);
  });

  it('offers nothing of other citizens, and refuses their pages', async () => {
    const d = await approved(await dossierFor(t.agent, BIRTH, citizen));
    const strangerPage = h.core.db.$client
      .prepare('SELECT p.id FROM pages p JOIN dossiers d ON d.id = p.dossier_id WHERE d.applicant_id_number = ?')
      .get(stranger.idNumber) as { id: string };
    const refused = await h.fail('pages.reuse', t.agent, { dossierId: d.id, componentId: d.components[0]?.id, pageIds: [strangerPage.id] });
    expect(refused.code).toBe('NOT_FOUND');
    const list = await h.call<ReusableDocuments>('documents.reusable', t.agent, { dossierId: d.id });
    expect(list.groups.flatMap((g) => g.pages.map((p) => p.pageId))).not.toContain(strangerPage.id);

    const noId = await dossierFor(t.agent, BIRTH, { fullName: citizen.fullName });
    expect((await h.call<ReusableDocuments>('documents.reusable', t.agent, { dossierId: noId.id })).groups).toEqual([]);
    const invalid = await h.fail('pages.reuse', t.agent, { dossierId: noId.id, componentId: noId.components[0]?.id, pageIds: [firstPages[1]?.id] });
    expect(invalid.code).toBe('VALIDATION');
    expect(invalid.fields?.idNumber).toMatch(/số định danh/);
  });
});
