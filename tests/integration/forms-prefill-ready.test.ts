// forms.prefillFromPage (a scanned Giấy chứng sinh into the form, from its stored OCR) and the form's part of "ready".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../electron/common/contract';
import type { OcrEngine, OcrWord } from '../../electron/core/ocr/ocr-engine';
import { setupOffice, startHarness, testClock, type Harness } from '../support/core-harness';
import { BIRTH, takeDossier, type Tokens } from '../support/review-fixtures';
import { giveConsent } from '../support/consent';

// what tesseract read on a generated certificate (the extractor's own test sample): text and one box per word
const certificate = [
  'SỞ Y TẾ HUẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'GIẤY CHỨNG SINH',
  'Họ và tên mẹ/người nuôi dưỡng: DƯƠNG THỊ HỒNG LAN',
  'Năm sinh: 1982',
  'Nơi đăng ký thường trú: Thôn Hòa Bình, xã Quảng Phú, thành phố Huế',
  'Giấy CMND/Thẻ căn cước/Hộ chiếu số: 015 182 529840',
  'Dân tộc: Kinh',
  'Đã sinh con vào lúc: 15 giờ 00 phút, ngày 04 tháng 01 năm 2026',
  'Tại: Bệnh viện Đa khoa thành phố Huế',
  'Giới tính của con: Trai Cân nặng: 3600 gram',
  'Dự định đặt tên con là: Đinh Nhật Vũ',
  'Huế, ngày 05 tháng 01 năm 2026',
];

function words(lines: string[]): OcrWord[] {
  return lines.flatMap((line, row) => {
    let x = 100;
    return line.split(/\s+/).filter(Boolean).map((text) => {
      const w = { text, confidence: 92, bbox: { x0: x, y0: 100 + row * 90, x1: x + 22 * [...text].length, y1: 140 + row * 90 } };
      x = w.bbox.x1 + 18;
      return w;
    });
  });
}

/** Reads every page as the certificate above, but only once the test opens the gate (to see "pending"). */
let open: () => void = () => undefined;
const gate = new Promise<void>((resolve) => (open = resolve));
const engine: OcrEngine = {
  recognize: async () => {
    await gate;
    return { text: certificate.join('\n'), confidence: 92, words: words(certificate), durationMs: 1 };
  },
  terminate: () => Promise.resolve(),
};

type Prefill = { status: 'pending' } | { status: 'done'; values: Record<string, { value: unknown; source: string; confidence?: number; confirmed: boolean; warning?: string }>; found: number };

let h: Harness;
let t: Tokens;
let d: DossierDetail;
let birthPage = '';

beforeAll(async () => {
  h = await startHarness({ clock: testClock(Date.parse('2026-12-02T02:00:00Z')), ocr: engine });
  t = await setupOffice(h);
  d = await takeDossier(h, t.agent, { procedureCode: BIRTH, mode: 'online', draft: true, caseKey: 'co-giay-chung-sinh' });
  birthPage = d.components.find((c) => c.name.startsWith('Giấy chứng sinh'))?.pages[0]?.id ?? '';
});
afterAll(async () => h.close());

describe('a Giấy chứng sinh read into the form', () => {
  it('says "pending" while the page is not recognised yet, then gives the child\'s fields as OCR values to confirm', async () => {
    expect(birthPage).not.toBe('');
    const early = await h.call<Prefill>('forms.prefillFromPage', t.agent, { dossierId: d.id, pageId: birthPage });
    expect(early).toEqual({ status: 'pending' });
    open();
    let read: Prefill = early;
    for (let i = 0; i < 100 && read.status === 'pending'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      read = await h.call<Prefill>('forms.prefillFromPage', t.agent, { dossierId: d.id, pageId: birthPage });
    }
    if (read.status !== 'done') throw new Error('the page was never recognised');
    // values in the form's stored shape, so the intake controls show them as typed
    const values = Object.fromEntries(Object.entries(read.values).map(([p, v]) => [p, v.value]));
    expect(values).toEqual({
      'child.fullName': 'Đinh Nhật Vũ',
      'child.dateOfBirth': '2026-01-04',
      'child.timeOfBirth': '15:00',
      'child.sex': 'male',
      'child.placeOfBirth': { text: 'Bệnh viện Đa khoa thành phố Huế' },
      'mother.fullName': 'Dương Thị Hồng Lan',
      'mother.idNumber': '015182529840',
    });
    for (const v of Object.values(read.values)) {
      expect(v.source).toBe('ocr');
      expect(v.confirmed).toBe(false);
      expect(v.confidence).toBeGreaterThan(0.5);
    }
    expect(read.found).toBeGreaterThanOrEqual(8); // the mother's birth year has no place in this form
  });

  it('refuses a page of another dossier, and another agent', async () => {
    const other = await takeDossier(h, t.agent, { procedureCode: BIRTH, mode: 'online', draft: true });
    const page = other.components.flatMap((c) => c.pages)[0]?.id ?? '';
    expect((await h.fail('forms.prefillFromPage', t.agent, { dossierId: d.id, pageId: page })).code).toBe('NOT_FOUND');
    expect((await h.fail('forms.prefillFromPage', t.agent2, { dossierId: d.id, pageId: birthPage })).code).toBe('NOT_FOUND');
  });
});

describe('"ready" and the form', () => {
  const ready = (id: string) => h.fail('dossiers.markReady', t.agent, { id, dueDate: '2026-12-20', overrideReason: 'Nộp bổ sung sau' });

  it('a form never opened does not stop the dossier (the paper declaration is scanned)', async () => {
    const plain = await takeDossier(h, t.agent, { procedureCode: BIRTH, mode: 'direct', draft: true });
    await giveConsent(h, t.agent, plain.id);
    const done = await h.call<DossierDetail>('dossiers.markReady', t.agent, { id: plain.id, dueDate: '2026-12-20', overrideReason: 'Nộp bổ sung sau' });
    expect(['ready', 'awaiting_review', 'queued']).toContain(done.status);
  });

  it('a started form with problems is refused with its fields named', async () => {
    const view = await h.call<{ dossierVersion: number }>('forms.get', t.agent, { dossierId: d.id });
    await h.call('forms.save', t.agent, {
      dossierId: d.id, formId: 'to-khai-khai-sinh', version: 1, expectedVersion: view.dossierVersion,
      data: { child: { fullName: 'Đinh Nhật Vũ' } },
    });
    const refused = await ready(d.id);
    expect(refused.code).toBe('FORM_INCOMPLETE');
    expect(refused.message).toContain('Ngày, tháng, năm sinh');
    expect(refused.fields?.['child.dateOfBirth']).toBe('Hãy nhập ngày, tháng, năm sinh.');
  });

  it('a complete form with a reading nobody confirmed is refused until it is confirmed', async () => {
    const view = await h.call<{ dossierVersion: number }>('forms.get', t.agent, { dossierId: d.id });
    const residence = { detail: 'Số 12 ngõ 5 phố Chùa Láng', communeCode: '00199', provinceCode: '01' };
    const data = {
      addressee: 'Ủy ban nhân dân phường Láng',
      requester: { fullName: 'Dương Thị Hồng Lan', residence, idNumber: '015182529840', relationship: 'Mẹ' },
      child: { fullName: 'Đinh Nhật Vũ', dateOfBirth: '2026-01-04', sex: 'male', ethnicity: 'Kinh', nationality: 'Việt Nam', placeOfBirth: { text: 'Bệnh viện Đa khoa thành phố Huế' }, hometown: { text: 'Huế' } },
      mother: { fullName: 'Dương Thị Hồng Lan', dateOfBirth: '1982', ethnicity: 'Kinh', nationality: 'Việt Nam', idNumber: '015182529840', residence },
      signing: { place: 'Phường Láng, Thành phố Hà Nội', date: '2026-12-02' },
    };
    const saved = await h.call<{ dossierVersion: number; problems: Record<string, string> }>('forms.save', t.agent, {
      dossierId: d.id, formId: 'to-khai-khai-sinh', version: 1, expectedVersion: view.dossierVersion, data,
      sources: { 'child.fullName': { source: 'ocr', confidence: 0.93 }, 'mother.idNumber': { source: 'qr' } },
      confirmed: ['mother.idNumber'],
    });
    expect(saved.problems).toEqual({});
    const refused = await ready(d.id);
    expect(refused.code).toBe('FORM_UNCONFIRMED');
    expect(refused.message).toContain('Người được khai sinh: Họ, chữ đệm, tên');
    expect(refused.message).not.toContain('Số định danh');
    await h.call('forms.save', t.agent, {
      dossierId: d.id, formId: 'to-khai-khai-sinh', version: 1, expectedVersion: saved.dossierVersion, data,
      sources: { 'child.fullName': { source: 'ocr', confidence: 0.93 }, 'mother.idNumber': { source: 'qr' } },
      confirmed: ['mother.idNumber', 'child.fullName'],
    });
    await giveConsent(h, t.agent, d.id);
    const done = await h.call<DossierDetail>('dossiers.markReady', t.agent, { id: d.id, dueDate: '2026-12-20', overrideReason: 'Nộp bổ sung sau' });
    expect(done.status).not.toBe('draft');
  });
});
