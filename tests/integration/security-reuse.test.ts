// Re-use is not a lookup by ID number: an agent who types another citizen's number into a draft sees nothing of their
// earlier dossiers until the citizen's card is read in this dossier (QR or MRZ) or a supervisor approves, on record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail, Page } from '../../electron/common/contract';
import type { ReusableDocuments } from '../../electron/common/digitize-contract';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { fakeCitizen, makeRng, renderCccdFront, type FakeCitizen } from '../support/make-cccd';
import { BIRTH, tinyJpeg, type Tokens } from '../support/review-fixtures';
import { giveConsent } from '../support/consent';

let h: Harness;
let t: Tokens;
const citizen = fakeCitizen(makeRng(8101));
const other = fakeCitizen(makeRng(8102));
let earlier: DossierDetail;
let earlierPage: Page;

const applicant = (c: FakeCitizen) => ({ fullName: c.fullName, idNumber: c.idNumber, dateOfBirth: c.dateOfBirth, sex: c.sex, address: c.address });

async function draftFor(token: string, c: FakeCitizen): Promise<DossierDetail> {
  const d = await h.call<DossierDetail>('dossiers.create', token, { procedureCode: BIRTH });
  await h.call('dossiers.saveDraft', token, { id: d.id, applicant: applicant(c) });
  // each time, the citizen agreed to keep their papers for next time (re-use offers only those: issue 11)
  await giveConsent(h, token, d.id, { reuse: true });
  return d;
}

async function readCard(token: string, dossierId: string, c: FakeCitizen): Promise<void> {
  const front = new Uint8Array(await renderCccdFront(c));
  const r = await h.call<{ source: string }>('idcard.read', token, { dossierId, fileName: 'cccd.png', bytes: front, attach: false });
  expect(r.source).toBe('qr');
}

beforeAll(async () => {
  h = await startHarness({ ocr: false });
  t = await setupOffice(h);
  // agent Lan took the citizen's papers once, card scan included
  earlier = await draftFor(t.agent, citizen);
  const added = await h.call<{ pages: Page[] }>('pages.add', t.agent, {
    dossierId: earlier.id,
    componentId: earlier.components[0]?.id,
    fileName: 'cccd-lan-truoc.jpg',
    bytes: await tinyJpeg(81),
  });
  earlierPage = added.pages[0] as Page;
});
afterAll(async () => h.close());

describe('re-use needs the card or a supervisor', () => {
  it('shows another agent nothing of a citizen whose number they only typed, and refuses the pages and thumbnails', async () => {
    const d = await draftFor(t.agent2, citizen);
    const list = await h.call<ReusableDocuments>('documents.reusable', t.agent2, { dossierId: d.id });
    expect(list.groups).toEqual([]);
    expect(list.allowedBy).toBeNull();
    expect(list.blockedReason).toMatch(/đọc thẻ căn cước.*kiểm soát viên/);
    const thumb = await h.fail('documents.reusableThumb', t.agent2, { dossierId: d.id, pageId: earlierPage.id });
    expect(thumb.code).toBe('REUSE_NOT_ALLOWED');
    const link = await h.fail('pages.reuse', t.agent2, { dossierId: d.id, componentId: d.components[0]?.id, pageIds: [earlierPage.id] });
    expect(link.code).toBe('REUSE_NOT_ALLOWED');
    expect(link.message).toMatch(/mã QR hoặc dòng MRZ/);
  });

  it('opens re-use once the citizen\'s own card is read into this dossier, and only for that number', async () => {
    const d = await draftFor(t.agent2, citizen);
    await readCard(t.agent2, d.id, citizen);
    const list = await h.call<ReusableDocuments>('documents.reusable', t.agent2, { dossierId: d.id });
    expect(list.allowedBy).toBe('card');
    expect(list.groups.flatMap((g) => g.pages.map((p) => p.pageId))).toContain(earlierPage.id);
    const linked = await h.call<{ pages: Page[] }>('pages.reuse', t.agent2, { dossierId: d.id, componentId: d.components[0]?.id, pageIds: [earlierPage.id] });
    expect(linked.pages).toHaveLength(1);
    // the number typed over afterwards is another citizen's: the card read does not carry over
    await h.call('dossiers.saveDraft', t.agent2, { id: d.id, applicant: applicant(other) });
    expect((await h.call<ReusableDocuments>('documents.reusable', t.agent2, { dossierId: d.id })).allowedBy).toBeNull();
  });

  it('does not open re-use when the card read is someone else\'s', async () => {
    const d = await draftFor(t.agent2, citizen);
    await readCard(t.agent2, d.id, other);
    await h.call('dossiers.saveDraft', t.agent2, { id: d.id, applicant: applicant(citizen) });
    const list = await h.call<ReusableDocuments>('documents.reusable', t.agent2, { dossierId: d.id });
    expect(list.groups).toEqual([]);
  });

  it('opens re-use on a supervisor\'s approval with a reason, recorded; an agent cannot approve', async () => {
    const d = await draftFor(t.agent2, citizen);
    const self = await h.fail('reuse.approve', t.agent2, { dossierId: d.id, reason: 'Công dân quên mang thẻ' });
    expect(self.code).toBe('FORBIDDEN');
    expect((await h.fail('reuse.approve', t.supervisor, { dossierId: d.id, reason: '' })).code).toBe('VALIDATION');
    await h.call('reuse.approve', t.supervisor, { dossierId: d.id, reason: 'Công dân quên mang thẻ, đã đối chiếu giấy tờ gốc' });
    const list = await h.call<ReusableDocuments>('documents.reusable', t.agent2, { dossierId: d.id });
    expect(list.allowedBy).toBe('supervisor');
    expect(list.groups.length).toBeGreaterThan(0);
    const thumb = await h.call<{ mime: string }>('documents.reusableThumb', t.agent2, { dossierId: d.id, pageId: earlierPage.id });
    expect(thumb.mime).toBe('image/jpeg');
    const audit = h.core.db.$client
      .prepare("SELECT actor_id AS actor, details FROM audit_log WHERE action = 'reuse.approve' AND entity_id = ?")
      .all(d.id) as { actor: string; details: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ reason: 'Công dân quên mang thẻ, đã đối chiếu giấy tờ gốc' });
    expect(audit[0]?.details).not.toContain(citizen.idNumber);
  });
});
