// Retention purge with a controlled clock: ID card images go after their period, shared scans stay, day reports do not move.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail, Page } from '../../electron/common/contract';
import type { PurgePreview, PurgeReport } from '../../electron/common/privacy-contract';
import { giveConsent } from '../support/consent';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { advance, applicantFor, BIRTH, relogin, takeDossier, tinyJpeg, type Tokens } from '../support/review-fixtures';

const DAY = 86_400_000;
let h: Harness;
let t: Tokens;
let a: DossierDetail;
let b: DossierDetail;
let c: DossierDetail;
let idCardSha = '';
let sharedSha = '';
let ownSha = '';
const citizen = applicantFor(501);
const day0 = '2026-11-20';

const blobFile = (sha: string) => join(h.dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);
const shaOf = (pageId: string) =>
  (h.core.db.$client.prepare('SELECT blob_sha256 AS s FROM pages WHERE id = ?').get(pageId) as { s: string }).s;
const report = async () => {
  const r = await h.call<Record<string, unknown>>('reports.dayReport', t.supervisor, { date: day0 });
  const { generatedAt: _g, ...rest } = r;
  return rest;
};
const pagesOf = async (id: string) => (await h.call<DossierDetail>('dossiers.get', t.supervisor, { id })).components.flatMap((x) => x.pages);

async function waitOcr(id: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await pagesOf(id)).every((p) => p.ocrStatus === 'done')) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

let dayReportBefore: Record<string, unknown>;

beforeAll(async () => {
  h = await startHarness();
  await setupOffice(h);
  t = await relogin(h);
  // A: the citizen's birth registration, with their ID card scanned into the ID-card slot; they agree to re-use
  a = await takeDossier(h, t.agent, { procedureCode: BIRTH, draft: true });
  await h.call('dossiers.saveDraft', t.agent, { id: a.id, applicant: citizen });
  const idSlot = a.components.find((x) => x.pageKind === 'id_card');
  if (!idSlot) throw new Error('no ID card slot');
  const idPage = (await h.call<{ pages: Page[] }>('pages.add', t.agent, { dossierId: a.id, componentId: idSlot.id, fileName: 'cccd.jpg', bytes: await tinyJpeg(9001) })).pages[0];
  expect(idPage?.kind).toBe('id_card');
  await giveConsent(h, t.agent, a.id, { reuse: true });
  a = await h.call<DossierDetail>('dossiers.markReady', t.agent, { id: a.id, dueDate: '2026-11-27' });
  await waitOcr(a.id);
  const docPages = (await pagesOf(a.id)).filter((p) => p.kind !== 'id_card');
  idCardSha = shaOf(idPage?.id ?? '');
  // B: the same citizen a week later; a supervisor lets B re-use A's first document (the blob is shared)
  b = await h.call<DossierDetail>('dossiers.create', t.agent2, { procedureCode: BIRTH });
  await h.call('dossiers.saveDraft', t.agent2, { id: b.id, applicant: citizen });
  await giveConsent(h, t.agent2, b.id);
  await h.call('reuse.approve', t.supervisor, { dossierId: b.id, reason: 'Đã đối chiếu thẻ căn cước bản gốc' });
  const shared = docPages[0];
  if (!shared || docPages.length < 2) throw new Error('A needs two document pages');
  await h.call('pages.reuse', t.agent2, { dossierId: b.id, componentId: b.components[0]?.id, pageIds: [shared.id] });
  sharedSha = shaOf(shared.id);
  ownSha = shaOf(docPages[1]?.id ?? '');
  // C: another citizen's dossier, finished the same day, put on legal hold
  c = await takeDossier(h, t.agent, { procedureCode: BIRTH });
  const finished = h.clock.now();
  for (const d of [a, c]) advance(h, d.id, ['queued', 'submitting', 'submitted', 'received', 'processing', 'result_ready', 'completed'], finished);
  dayReportBefore = await report();
});
afterAll(async () => h?.close());

describe('retention purge', () => {
  it('shows the supervisor what the next purge removes, and removes nothing before the period', async () => {
    await h.call('retention.hold', t.supervisor, { localCode: c.localCode, reason: 'Khiếu nại đang giải quyết' });
    const early = await h.call<PurgePreview>('retention.preview', t.supervisor);
    expect(early.dossiers).toEqual([]);
    h.clock.advance(31 * DAY);
    t = await relogin(h);
    const preview = await h.call<PurgePreview>('retention.preview', t.supervisor);
    expect(preview.dossiers.map((d) => d.localCode)).toEqual([a.localCode]);
    expect(preview.dossiers[0]?.classes).toEqual(['idCardImages', 'ocrText']);
    expect(preview.counts.idCardImages).toBe(1);
    expect(preview.held).toBe(1);
    expect(preview.blobFiles).toBe(1);
  });

  it('after 30 days the ID card image is gone (file and picture); the documents stay; OCR text is scrubbed', async () => {
    expect(existsSync(blobFile(idCardSha))).toBe(true);
    const done = await h.call<PurgeReport>('retention.run', t.admin);
    expect(done).toMatchObject({ dossiers: 1, blobsDeleted: 1, pagesPurged: 1, held: 1 });
    expect(existsSync(blobFile(idCardSha))).toBe(false);
    const pages = await pagesOf(a.id);
    const idPage = pages.find((p) => p.kind === 'id_card');
    expect(idPage?.purgedAt).toBe(h.clock.now());
    expect(idPage?.sourceName).toBe('Đã xoá theo thời hạn lưu trữ');
    expect(pages.filter((p) => p.kind !== 'id_card').every((p) => p.purgedAt === null && p.ocrText === null)).toBe(true);
    expect(existsSync(blobFile(ownSha))).toBe(true);
    // a second run finds nothing more to do
    expect((await h.call<PurgeReport>('retention.run', t.admin)).pagesPurged).toBe(0);
  });

  it('withdrawing re-use consent brings back the normal period: after 90 days the scans go, except a blob a live dossier shares', async () => {
    await h.call('consent.withdraw', t.agent, { dossierId: a.id, purpose: 'reuse' });
    h.clock.advance(60 * DAY);
    t = await relogin(h);
    const done = await h.call<PurgeReport>('retention.run', t.admin);
    expect(done.counts.applicantData).toBe(1);
    expect(done.blobsKeptShared).toBe(1);
    expect(existsSync(blobFile(sharedSha))).toBe(true);
    expect(existsSync(blobFile(ownSha))).toBe(false);
    expect((await pagesOf(a.id)).every((p) => p.purgedAt !== null)).toBe(true);
    // B, still open, keeps its page and its picture
    const bPage = (await pagesOf(b.id))[0];
    expect(bPage?.purgedAt).toBeNull();
    const image = await h.call<{ bytes: Uint8Array }>('pages.image', t.agent2, { pageId: bPage?.id, variant: 'full' });
    expect(image.bytes.length).toBeGreaterThan(100);
  });

  it('scrubs the applicant and the search index but keeps the skeleton: the day report is unchanged', async () => {
    const row = h.core.db.$client.prepare('SELECT applicant, applicant_id_number, form_data, local_code, fee_vnd FROM dossiers WHERE id = ?').get(a.id) as Record<string, unknown>;
    expect(row).toMatchObject({ applicant: '{}', applicant_id_number: '', form_data: '{}', local_code: a.localCode });
    const found = await h.call<{ items: { id: string }[] }>('dossiers.list', t.supervisor, { text: citizen.idNumber });
    expect(found.items.map((i) => i.id)).toEqual([b.id]);
    const byName = await h.call<{ items: { id: string }[] }>('dossiers.list', t.supervisor, { text: citizen.fullName });
    expect(byName.items.map((i) => i.id)).not.toContain(a.id);
    expect(await report()).toEqual(dayReportBefore);
    // the history and the page counts stay
    const detail = await h.call<DossierDetail>('dossiers.get', t.supervisor, { id: a.id });
    expect(detail.history.map((e) => e.toStatus)).toContain('completed');
    expect(detail.components.flatMap((x) => x.pages).length).toBe(a.components.flatMap((x) => x.pages).length);
  });

  it('skips a dossier on legal hold until it is released; every run is audited with counts only', async () => {
    expect((await pagesOf(c.id)).every((p) => p.purgedAt === null)).toBe(true);
    const holds = await h.call<{ dossierId: string }[]>('retention.release', t.supervisor, { dossierId: c.id, reason: 'Khiếu nại đã giải quyết xong' });
    expect(holds).toEqual([]);
    await h.call('retention.run', t.admin);
    expect((await pagesOf(c.id)).every((p) => p.purgedAt !== null)).toBe(true);
    const audits = h.core.db.$client.prepare("SELECT details FROM audit_log WHERE action = 'retention.purge'").all() as { details: string }[];
    expect(audits.length).toBe(4);
    for (const r of audits) {
      expect(r.details).not.toContain(citizen.idNumber);
      expect(r.details).not.toContain(citizen.fullName);
    }
    const holdAudit = h.core.db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE action IN ('retention.hold', 'retention.release')").get() as { n: number };
    expect(holdAudit.n).toBe(2);
  });
});
