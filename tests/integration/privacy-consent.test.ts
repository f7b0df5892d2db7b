// Consent at intake: required to go on, recorded with notice version, agent, time and method, printed on the receipt; withdrawal.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail, Page } from '../../electron/common/contract';
import type { ReusableDocuments } from '../../electron/common/digitize-contract';
import type { DossierConsents } from '../../electron/common/privacy-contract';
import { giveConsent } from '../support/consent';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { applicantFor, BIRTH, relogin, tinyJpeg, type Tokens } from '../support/review-fixtures';

let h: Harness;
let t: Tokens;
const citizen = applicantFor(601);

async function draft(token: string, who = citizen): Promise<DossierDetail> {
  const d = await h.call<DossierDetail>('dossiers.create', token, { procedureCode: BIRTH });
  const withCase = (await h.call<{ detail: DossierDetail }>('dossiers.setCase', token, { id: d.id, caseKey: d.cases[0]?.key, version: d.version })).detail;
  await h.call('dossiers.saveDraft', token, { id: d.id, applicant: who });
  for (const c of withCase.components.filter((x) => x.required && x.kind === 'submit')) {
    await h.call('pages.add', token, { dossierId: d.id, componentId: c.id, fileName: `trang-${c.id}.jpg`, bytes: await tinyJpeg(c.id + 600) });
  }
  return withCase;
}

beforeAll(async () => {
  h = await startHarness({ ocr: false });
  await setupOffice(h);
  t = await relogin(h);
});
afterAll(async () => h?.close());

describe('consent at intake', () => {
  it('"ready" is refused until the citizen agreed to the procedure purpose, with what to do in Vietnamese', async () => {
    const d = await draft(t.agent);
    const refused = await h.fail('dossiers.markReady', t.agent, { id: d.id, dueDate: '2026-11-27' });
    expect(refused.code).toBe('CONSENT_REQUIRED');
    expect(refused.message).toContain('Ghi nhận đồng ý');
    const before = await h.call<DossierConsents>('consent.get', t.agent, { dossierId: d.id });
    // nothing is agreed in advance; the notice names the office as controller, the purposes, retention, rights
    expect(before.active).toEqual({ procedure: false, reuse: false });
    expect(before.records).toEqual([]);
    expect(before.notice.text).toContain('Bưu điện văn hoá xã Thử Nghiệm');
    expect(before.notice.text).toContain('30 ngày');
    expect(before.notice.text).toMatch(/rút lại sự đồng ý/);
    // the procedure purpose cannot be left out of a record
    expect((await h.fail('consent.record', t.agent, { dossierId: d.id, procedure: false, reuse: true, method: 'read_aloud', noticeVersion: before.notice.version })).code).toBe('VALIDATION');
    // a notice changed since it was read must be read again
    expect((await h.fail('consent.record', t.agent, { dossierId: d.id, procedure: true, reuse: false, method: 'read_aloud', noticeVersion: '2025.9-cu' })).code).toBe('CONSENT_NOTICE_CHANGED');
    const after = await giveConsent(h, t.agent, d.id, { method: 'signed_receipt' });
    expect(after.active).toEqual({ procedure: true, reuse: false });
    expect(after.records[0]).toMatchObject({ purpose: 'procedure', method: 'signed_receipt', recordedByName: 'Lê Thị Lan', noticeVersion: before.notice.version, recordedAt: h.clock.now() });
    const ready = await h.call<DossierDetail>('dossiers.markReady', t.agent, { id: d.id, dueDate: '2026-11-27' });
    expect(ready.status).toBe('ready');
    // the exact notice text of the version is kept
    const kept = h.core.db.$client.prepare('SELECT value FROM settings WHERE key = ?').get(`privacy.notice.${before.notice.version}`) as { value: string };
    expect(JSON.parse(kept.value)).toBe(before.notice.text);
  });

  it('the receipt prints the clause, the purposes and a signature line when the citizen signs it, on one A4 page', async () => {
    const fresh = await draft(t.agent);
    await giveConsent(h, t.agent, fresh.id, { method: 'signed_receipt', reuse: true });
    await h.call('dossiers.markReady', t.agent, { id: fresh.id, dueDate: '2026-11-27' });
    const receipt = await h.call<{ bytes: Uint8Array }>('documents.receipt', t.agent, { dossierId: fresh.id });
    const dir = mkdtempSync(join(tmpdir(), 'dvc-consent-'));
    try {
      const path = join(dir, 'phieu.pdf');
      writeFileSync(path, receipt.bytes);
      const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('Đồng ý xử lý dữ liệu cá nhân');
      expect(text).toContain('làm thủ tục hành chính này; lưu giấy tờ để dùng lại lần sau');
      expect(text).toContain('Chữ ký người nộp (đồng ý xử lý dữ liệu cá nhân)');
      expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1])).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('withdrawing the procedure consent of a dossier not yet sent withdraws it; the withdrawal is recorded', async () => {
    const d = await draft(t.agent);
    await giveConsent(h, t.agent, d.id);
    await h.call('dossiers.markReady', t.agent, { id: d.id, dueDate: '2026-11-27' });
    const after = await h.call<DossierConsents>('consent.withdraw', t.supervisor, { dossierId: d.id, purpose: 'procedure', note: 'gọi điện' });
    expect(after.active.procedure).toBe(false);
    expect(after.records[0]?.withdrawn).toEqual({ at: h.clock.now(), byName: 'Đỗ Thị Mai', note: 'gọi điện' });
    expect((await h.call<DossierDetail>('dossiers.get', t.agent, { id: d.id })).status).toBe('withdrawn');
    expect((await h.fail('consent.withdraw', t.agent, { dossierId: d.id, purpose: 'procedure' })).code).toBe('CONSENT_NOT_GIVEN');
  });

  it('re-use offers only documents whose owner agreed to re-use, and stop at once when that is withdrawn', async () => {
    const other = applicantFor(602);
    const withConsent = await draft(t.agent, other);
    await giveConsent(h, t.agent, withConsent.id, { reuse: true });
    const without = await draft(t.agent, other);
    await giveConsent(h, t.agent, without.id);
    const mine = (id: string) => h.core.db.$client.prepare('SELECT id FROM pages WHERE dossier_id = ?').all(id).map((r) => (r as { id: string }).id);
    const next = await h.call<DossierDetail>('dossiers.create', t.agent2, { procedureCode: BIRTH });
    await h.call('dossiers.saveDraft', t.agent2, { id: next.id, applicant: other });
    await h.call('reuse.approve', t.supervisor, { dossierId: next.id, reason: 'Đã đối chiếu thẻ căn cước bản gốc' });
    const offered = await h.call<ReusableDocuments>('documents.reusable', t.agent2, { dossierId: next.id });
    const offeredIds = offered.groups.flatMap((g) => g.pages.map((p) => p.pageId));
    expect(offeredIds.length).toBeGreaterThan(0);
    expect(offeredIds.every((id) => mine(withConsent.id).includes(id))).toBe(true);
    expect(offered.groups.some((g) => g.dossierId === without.id)).toBe(false);
    await h.call('consent.withdraw', t.agent, { dossierId: withConsent.id, purpose: 'reuse' });
    const after = await h.call<ReusableDocuments>('documents.reusable', t.agent2, { dossierId: next.id });
    expect(after.groups).toEqual([]);
    expect(after.blockedReason).toContain('chưa đồng ý lưu giấy tờ');
    // linking a page offered a moment ago is refused now
    const linked = await h.fail('pages.reuse', t.agent2, { dossierId: next.id, componentId: next.components[0]?.id, pageIds: offeredIds.slice(0, 1) });
    expect(['REUSE_NOT_ALLOWED', 'NOT_FOUND']).toContain(linked.code);
  });

  it('a page takes its slot\'s kind, the agent can change it, and the change is audited', async () => {
    const d = await draft(t.agent);
    const idSlot = d.components.find((c) => c.pageKind === 'id_card');
    const other = d.components.find((c) => c.docKey === 'other');
    const [inId] = (await h.call<{ pages: Page[] }>('pages.add', t.agent, { dossierId: d.id, componentId: idSlot?.id, fileName: 'the.jpg', bytes: await tinyJpeg(6601) })).pages;
    const [inOther] = (await h.call<{ pages: Page[] }>('pages.add', t.agent, { dossierId: d.id, componentId: other?.id, fileName: 'anh-the.jpg', bytes: await tinyJpeg(6602) })).pages;
    expect(inId?.kind).toBe('id_card');
    expect(inOther?.kind).toBe('document');
    const changed = await h.call<Page>('pages.setKind', t.agent, { pageId: inOther?.id, kind: 'id_card' });
    expect(changed.kind).toBe('id_card');
    const audit = h.core.db.$client.prepare("SELECT details FROM audit_log WHERE action = 'page.kind' ORDER BY id DESC LIMIT 1").get() as { details: string };
    expect(JSON.parse(audit.details)).toEqual({ page: inOther?.id, from: 'document', to: 'id_card' });
    expect((await h.fail('pages.setKind', t.agent2, { pageId: inOther?.id, kind: 'form' })).code).toBe('NOT_FOUND');
  });
});
