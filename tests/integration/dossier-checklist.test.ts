// The checklist at the counter: a snapshot of every case, the case picked by the agent, pages kept across a case change,
// "áp dụng" answers, originals seen, notes and the subject, as the agent meets them through the contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierComponent, DossierDetail, Page } from '../../electron/common/contract';
import type { MovedPages } from '../../electron/common/dossier-contract';
import { formatErrorMessage } from '../../electron/common/errors';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { applicantFor, tinyJpeg } from '../support/review-fixtures';
import { giveConsent } from '../support/consent';

const RESIDENCE = '1.004222';
const BIRTH = '1.001193';

let h: Harness;
let t: Awaited<ReturnType<typeof setupOffice>>;

const get = (id: string) => h.call<DossierDetail>('dossiers.get', t.agent, { id });
const slot = (d: DossierDetail, docKey: string): DossierComponent => {
  const found = d.components.find((c) => c.docKey === docKey);
  if (!found) throw new Error(`no slot ${docKey} in ${d.components.map((c) => c.docKey).join(', ')}`);
  return found;
};
const keys = (d: DossierDetail) => d.components.map((c) => c.docKey);
const setCase = (d: DossierDetail, caseKey: string) =>
  h.call<{ detail: DossierDetail; moved: MovedPages }>('dossiers.setCase', t.agent, {
    id: d.id,
    caseKey,
    version: d.version,
  });
async function scan(d: DossierDetail, docKey: string, n: number): Promise<Page[]> {
  const added = await h.call<{ pages: Page[] }>('pages.add', t.agent, {
    dossierId: d.id,
    componentId: slot(d, docKey).id,
    fileName: `trang-${n}.jpg`,
    bytes: await tinyJpeg(n),
  });
  return added.pages;
}

beforeAll(async () => {
  h = await startHarness({ ocr: false });
  t = await setupOffice(h);
});
afterAll(async () => h.close());

describe('thường trú (1.004222): the case first, then its checklist', () => {
  let d: DossierDetail;

  it('shows the common documents until a case is chosen, and refuses "sẵn sàng" without one', async () => {
    d = await h.call<DossierDetail>('dossiers.create', t.agent, { procedureCode: RESIDENCE, mode: 'direct' });
    expect(d.caseKey).toBeNull();
    expect(d.cases.map((c) => c.key)).toContain('so-huu');
    expect(d.cases.find((c) => c.key === 'so-huu')?.description).toContain('thuộc quyền sở hữu của mình');
    expect(keys(d)).toEqual(['to-khai-ct01', 'other', 'cccd']);
    // the dossier keeps its own copy of every case's documents, in counter order, for a later change of case
    const rows = h.core.db.$client
      .prepare('SELECT doc_key, case_key FROM dossier_components WHERE dossier_id = ? ORDER BY ord')
      .all(d.id) as { doc_key: string; case_key: string | null }[];
    expect(rows[0]).toEqual({ doc_key: 'to-khai-ct01', case_key: null });
    expect(rows.filter((r) => r.case_key === 'phuong-tien').map((r) => r.doc_key)).toEqual([
      'dang-ky-phuong-tien',
      'xac-nhan-noi-dau-do',
    ]);
    expect(rows.at(-1)).toEqual({ doc_key: 'other', case_key: null });
    await h.call('dossiers.saveDraft', t.agent, { id: d.id, applicant: applicantFor(1) });
    const err = await h.fail('dossiers.markReady', t.agent, { id: d.id, dueDate: '2026-11-27' });
    expect(err).toMatchObject({ code: 'CASE_REQUIRED', message: formatErrorMessage('CASE_REQUIRED') });
  });

  it('an out-of-date version is refused, an unknown case too', async () => {
    expect(
      (await h.fail('dossiers.setCase', t.agent, { id: d.id, caseKey: 'so-huu', version: d.version - 1 }))
        .code,
    ).toBe('CONFLICT');
    d = await get(d.id);
    expect(
      (
        await h.fail('dossiers.setCase', t.agent, {
          id: d.id,
          caseKey: 'nha-tren-sao-hoa',
          version: d.version,
        })
      ).code,
    ).toBe('VALIDATION');
  });

  it('"nhà của mình": at most 4 documents, none about vehicles, army or police units, or religious sites', async () => {
    const { detail, moved } = await setCase(d, 'so-huu');
    d = detail;
    expect(moved).toEqual([]);
    expect(d.caseKey).toBe('so-huu');
    const documents = d.components.filter((c) => c.docKey !== 'other');
    expect(documents.length).toBeLessThanOrEqual(4);
    const words = documents.map((c) => `${c.label ?? ''} ${c.name}`.toLowerCase()).join(' | ');
    expect(words).not.toMatch(/phương tiện|quân đội|công an nhân dân|tôn giáo|tín ngưỡng/);
    // required first, then conditional, then optional; to submit before to show
    expect(keys(d)).toEqual(['to-khai-ct01', 'other', 'giay-to-cho-o-hop-phap', 'cccd']);
    expect(slot(d, 'giay-to-cho-o-hop-phap')).toMatchObject({
      kind: 'show',
      requirement: 'conditional',
      applies: null,
      required: false,
    });
    expect(slot(d, 'giay-to-cho-o-hop-phap').condition).toContain('không khai thác được');
    expect(d.missingRequired).toEqual(['Tờ khai CT01']);
    expect(d.unansweredConditions).toEqual(['Giấy tờ chỗ ở hợp pháp (sổ đỏ, sổ hồng…)']);
    // notes of the procedure and of this case, never of another case
    expect(d.notes.some((n) => n.caseKey === 'so-huu')).toBe(true);
    expect(d.notes.every((n) => n.caseKey === null || n.caseKey === 'so-huu')).toBe(true);
  });

  it('"áp dụng" makes a conditional document required; only conditional documents take the answer', async () => {
    const deed = slot(d, 'giay-to-cho-o-hop-phap');
    d = await h.call<DossierDetail>('dossiers.setApplies', t.agent, { componentId: deed.id, applies: true });
    expect(slot(d, 'giay-to-cho-o-hop-phap')).toMatchObject({ applies: true, required: true });
    expect(d.unansweredConditions).toEqual([]);
    const err = await h.fail('dossiers.setApplies', t.agent, {
      componentId: slot(d, 'to-khai-ct01').id,
      applies: true,
    });
    expect(err.code).toBe('VALIDATION');
    d = await h.call<DossierDetail>('dossiers.setApplies', t.agent, { componentId: deed.id, applies: false });
    expect(slot(d, 'giay-to-cho-o-hop-phap')).toMatchObject({ applies: false, required: false });
  });

  it('"đã xem bản chính" is recorded with who and when, for documents to show only', async () => {
    d = await h.call<DossierDetail>('dossiers.markSeen', t.agent, {
      componentId: slot(d, 'cccd').id,
      seen: true,
    });
    expect(slot(d, 'cccd').seen).toEqual({ byName: 'Lê Thị Lan', at: h.clock.now() });
    const err = await h.fail('dossiers.markSeen', t.agent, {
      componentId: slot(d, 'to-khai-ct01').id,
      seen: true,
    });
    expect(err.code).toBe('VALIDATION');
    const other = await h.fail('dossiers.markSeen', t.agent2, {
      componentId: slot(d, 'cccd').id,
      seen: false,
    });
    expect(other.code).toBe('NOT_FOUND');
  });

  it('changing the case moves the pages of slots that leave to "Giấy tờ khác" and says which', async () => {
    d = (await setCase(d, 'thue-muon-o-nho')).detail;
    expect(keys(d)).toContain('hop-dong-thue-muon');
    expect(d.missingRequired).toEqual(['Tờ khai CT01', 'Hợp đồng thuê/mượn/ở nhờ (công chứng, chứng thực)']);
    await scan(d, 'to-khai-ct01', 1);
    const contract = [
      ...(await scan(d, 'hop-dong-thue-muon', 2)),
      ...(await scan(d, 'hop-dong-thue-muon', 3)),
    ];
    d = await get(d.id);
    const { detail, moved } = await setCase(d, 'so-huu');
    expect(moved).toEqual([{ from: 'Hợp đồng thuê/mượn/ở nhờ (công chứng, chứng thực)', pages: 2 }]);
    expect(keys(detail)).not.toContain('hop-dong-thue-muon');
    expect(slot(detail, 'other').pages.map((p) => p.id)).toEqual(contract.map((p) => p.id));
    expect(slot(detail, 'to-khai-ct01').pages).toHaveLength(1);
    expect(detail.components.flatMap((c) => c.pages)).toHaveLength(3);
    const audit = h.core.db.$client
      .prepare(
        "SELECT details FROM audit_log WHERE entity_id = ? AND action = 'dossier.case' ORDER BY id DESC LIMIT 1",
      )
      .get(d.id) as { details: string };
    expect(JSON.parse(audit.details)).toEqual({ from: 'thue-muon-o-nho', to: 'so-huu', movedPages: 2 });
    // complete for this case: no reason needed
    await giveConsent(h, t.agent, d.id);
    const ready = await h.call<DossierDetail>('dossiers.markReady', t.agent, {
      id: d.id,
      dueDate: '2026-11-27',
    });
    expect(ready).toMatchObject({ status: 'ready', readyOverrideReason: null, missingRequired: [] });
  });
});

describe('khai sinh (1.001193): mode, subject and notes', () => {
  it('direct: the paper declaration is required and the e-form is not; online the reverse', async () => {
    const d = await h.call<DossierDetail>('dossiers.create', t.agent, {
      procedureCode: BIRTH,
      mode: 'direct',
    });
    const picked = (await setCase(d, 'co-giay-chung-sinh')).detail;
    expect(slot(picked, 'to-khai')).toMatchObject({
      requirement: 'required',
      required: true,
      formId: 'to-khai-khai-sinh',
    });
    expect(slot(picked, 'to-khai-dien-tu')).toMatchObject({ requirement: 'not_applicable', required: false });
    expect(slot(picked, 'giay-to-tuy-than')).toMatchObject({
      kind: 'show',
      pageKind: 'id_card',
      required: true,
    });
    expect(picked.missingRequired).toEqual(['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh']);
    // the slot for other modes goes last among the documents to submit
    const submit = picked.components.filter((c) => c.kind === 'submit').map((c) => [c.docKey, c.requirement]);
    expect(submit).toEqual([
      ['to-khai', 'required'],
      ['giay-chung-sinh', 'required'],
      ['van-ban-uy-quyen', 'conditional'],
      ['other', 'optional'],
      ['to-khai-dien-tu', 'not_applicable'],
      ['giay-to-tuy-than-ban-sao', 'not_applicable'],
    ]);
    await h.call('dossiers.saveDraft', t.agent, { id: d.id, mode: 'online' });
    const online = await get(d.id);
    expect(slot(online, 'to-khai-dien-tu')).toMatchObject({ requirement: 'required', required: true });
    expect(slot(online, 'to-khai')).toMatchObject({ requirement: 'not_applicable', required: false });
    expect(online.missingRequired).toEqual(['Tờ khai điện tử (biểu mẫu tương tác)', 'Giấy chứng sinh']);
    // the list queries count what the dossier's own checklist requires (stored per slot)
    const stored = h.core.db.$client
      .prepare('SELECT doc_key FROM dossier_components WHERE dossier_id = ? AND required = 1 ORDER BY ord')
      .all(d.id) as { doc_key: string }[];
    expect(stored.map((r) => r.doc_key)).toEqual(['to-khai-dien-tu', 'giay-chung-sinh']);
  });

  it('asks for the child as the subject, and shows the notes of the procedure and the chosen case', async () => {
    const d = await h.call<DossierDetail>('dossiers.create', t.agent, {
      procedureCode: BIRTH,
      mode: 'direct',
    });
    // until the declaration form is started the name is typed on the dossier; once started, the form's own field
    // (the child's name) is the one source, so it is never typed twice or out of step
    expect(d.subject).toEqual({ label: 'Trẻ được khai sinh', name: '', fromForm: false });
    await h.call('dossiers.saveDraft', t.agent, { id: d.id, subjectName: '  Nguyễn   Minh ' });
    expect((await get(d.id)).subject).toEqual({ label: 'Trẻ được khai sinh', name: 'Nguyễn Minh', fromForm: false });
    const view = await h.call<{ dossierVersion: number }>('forms.get', t.agent, { dossierId: d.id });
    await h.call('forms.save', t.agent, {
      dossierId: d.id,
      formId: 'to-khai-khai-sinh',
      version: 1,
      expectedVersion: view.dossierVersion,
      data: { child: { fullName: '  Nguyễn   Minh Khôi ' } },
    });
    await h.call('dossiers.saveDraft', t.agent, { id: d.id, subjectName: 'Tên gõ ngoài tờ khai' });
    const named = await get(d.id);
    expect(named.subject).toEqual({ label: 'Trẻ được khai sinh', name: 'Nguyễn Minh Khôi', fromForm: true });
    expect(named.notes.every((n) => n.caseKey === null)).toBe(true);
    const picked = (await setCase(named, 'co-giay-chung-sinh')).detail;
    expect(picked.notes.some((n) => n.caseKey === 'co-giay-chung-sinh')).toBe(true);
    expect(picked.notes.some((n) => n.caseKey === 'tre-bi-bo-roi')).toBe(false);
    // no legal note is a slot
    expect(picked.components.every((c) => !/^(Người tiếp nhận|Cá nhân có quyền)/.test(c.name))).toBe(true);
  });
});
