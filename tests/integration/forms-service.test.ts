// forms.get / forms.save / forms.print through the router on a real core: defaults, problems, version checks, audited edits.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../electron/common/contract';
import { setupOffice, startHarness, testClock, type Harness } from '../support/core-harness';
import { advance, BIRTH, takeDossier, type Tokens } from '../support/review-fixtures';
import { giveConsent } from '../support/consent';

type FormView = {
  schema: { id: string; version: number };
  stored: { formId: string; data: Record<string, Record<string, unknown>>; sources: Record<string, unknown>; confirmed: string[] };
  problems: Record<string, string>;
  unconfirmed: string[];
  reasonRequired: boolean;
  dossierVersion: number;
  procedures: string[];
  adminUnits?: unknown[];
};
type Saved = { problems: Record<string, string>; unconfirmed: string[]; dossierVersion: number; changed: string[] };

const fixture = () => JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/forms/khai-sinh.json'), 'utf8')) as Record<string, Record<string, unknown>>;

let h: Harness;
let t: Tokens;
let d: DossierDetail;

beforeAll(async () => {
  h = await startHarness({ clock: testClock(Date.parse('2026-12-02T02:00:00Z')), ocr: false });
  t = await setupOffice(h);
  d = await takeDossier(h, t.agent, { procedureCode: BIRTH, mode: 'direct', draft: true });
});
afterAll(async () => h.close());

const formsOf = (id: string) => h.call<FormView>('forms.get', t.agent, { dossierId: id });

describe('the dossier\'s form', () => {
  it('opens the procedure\'s form with its defaults, its problems and the admin units for pickers', async () => {
    const view = await h.call<FormView>('forms.get', t.agent, { dossierId: d.id, withAdminUnits: true });
    expect(view.schema.id).toBe('to-khai-khai-sinh');
    expect(view.procedures).toContain(BIRTH);
    expect(view.stored.data.child).toMatchObject({ nationality: 'Việt Nam', ethnicity: 'Kinh' });
    expect(view.stored.data.signing).toMatchObject({ date: '2026-12-02' });
    expect(view.problems['child.fullName']).toBe('Hãy nhập họ, chữ đệm, tên.');
    expect(view.adminUnits).toHaveLength(34);
    expect(view.reasonRequired).toBe(false);
    expect((await h.fail('forms.get', t.agent2, { dossierId: d.id })).code).toBe('NOT_FOUND');
  });

  it('saves read values unconfirmed, refuses a stale version or an old schema, names the child on the dossier', async () => {
    const before = await formsOf(d.id);
    const saved = await h.call<Saved>('forms.save', t.agent, {
      dossierId: d.id,
      formId: 'to-khai-khai-sinh',
      version: 1,
      data: fixture(),
      sources: { 'mother.idNumber': { source: 'ocr', confidence: 0.93 }, 'ghost.path': { source: 'qr' } },
      confirmed: [],
      expectedVersion: before.dossierVersion,
    });
    expect(saved.problems).toEqual({});
    expect(saved.unconfirmed).toEqual(['mother.idNumber']);
    expect(saved.dossierVersion).toBe(before.dossierVersion + 1);
    const again = await formsOf(d.id);
    expect(again.stored.sources).toEqual({ 'mother.idNumber': { source: 'ocr', confidence: 0.93 } });
    expect(again.stored.data.child?.dateOfBirth).toBe('2026-11-20');
    const stale = await h.fail('forms.save', t.agent, { dossierId: d.id, formId: 'to-khai-khai-sinh', version: 1, data: fixture(), expectedVersion: before.dossierVersion });
    expect(stale.code).toBe('CONFLICT');
    const old = await h.fail('forms.save', t.agent, { dossierId: d.id, formId: 'to-khai-khai-sinh', version: 2, data: fixture() });
    expect(old.code).toBe('FORM_VERSION');
    const detail = await h.call<DossierDetail & { subject?: { name: string } | null }>('dossiers.get', t.agent, { id: d.id });
    expect(detail.subject?.name).toBe('Trần Ngọc Ánh Dương');
    const audits = h.core.db.$client.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'form.edit'").get() as { n: number };
    expect(audits.n).toBe(0); // drafts autosave without audit
  });

  it('prints the saved form as a PDF', async () => {
    const file = await h.call<{ fileName: string; bytes: Uint8Array }>('forms.print', t.agent, { dossierId: d.id });
    expect(file.fileName).toMatch(/^to-khai-khai-sinh-.*\.pdf$/);
    expect(Buffer.from(file.bytes).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('after the dossier has been ready, an edit needs a reason and is audited with who, why and which fields', async () => {
    await giveConsent(h, t.agent, d.id);
    // "ready" refuses a form with a value read by OCR that nobody confirmed; the agent confirms it
    const unconfirmed = await h.fail('dossiers.markReady', t.agent, { id: d.id, dueDate: '2026-12-09', overrideReason: 'Thiếu trang quét, nộp bổ sung sau' });
    expect(unconfirmed.code).toBe('FORM_UNCONFIRMED');
    const view = await formsOf(d.id);
    await h.call('forms.save', t.agent, { dossierId: d.id, formId: 'to-khai-khai-sinh', version: 1, data: view.stored.data, sources: view.stored.sources, confirmed: ['mother.idNumber'] });
    await h.call('dossiers.markReady', t.agent, { id: d.id, dueDate: '2026-12-09', overrideReason: 'Thiếu trang quét, nộp bổ sung sau' });
    const ready = await h.fail('forms.save', t.agent, { dossierId: d.id, formId: 'to-khai-khai-sinh', version: 1, data: fixture() });
    expect(ready.code).toBe('INVALID_STATE');
    const status = (await h.call<DossierDetail>('dossiers.get', t.agent, { id: d.id })).status;
    advance(h, d.id, status === 'awaiting_review' ? ['approved', 'queued', 'submitting', 'needs_fix'] : ['queued', 'submitting', 'needs_fix'], h.clock.now());
    expect((await formsOf(d.id)).reasonRequired).toBe(true);
    const fixed = fixture();
    fixed.child = { ...fixed.child, dateOfBirth: '19/11/2026' };
    const noReason = await h.fail('forms.save', t.agent, { dossierId: d.id, formId: 'to-khai-khai-sinh', version: 1, data: fixed });
    expect(noReason.code).toBe('FORM_REASON_REQUIRED');
    expect(noReason.message).toContain('lý do');
    const saved = await h.call<Saved>('forms.save', t.agent, { dossierId: d.id, formId: 'to-khai-khai-sinh', version: 1, data: fixed, reason: 'Cổng báo sai ngày sinh theo Giấy chứng sinh' });
    expect(saved.changed).toEqual(['child.dateOfBirth']);
    const row = h.core.db.$client
      .prepare("SELECT a.details, u.full_name AS who FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE a.action = 'form.edit' AND a.entity_id = ?")
      .get(d.id) as { details: string; who: string };
    expect(row.who).toBe('Lê Thị Lan');
    const details = JSON.parse(row.details) as Record<string, unknown>;
    expect(details).toEqual({ form: 'to-khai-khai-sinh', version: 1, fields: ['child.dateOfBirth'], reason: 'Cổng báo sai ngày sinh theo Giấy chứng sinh' });
    expect(row.details).not.toContain('2026-11-19'); // paths only: no personal values in the audit log
  });
});
