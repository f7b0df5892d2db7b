// `idcard.read` through the router: a generated CCCD fills the applicant, the picture lands in the ID slot, and a
// dossier cannot be marked ready until the agent confirms what was read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../electron/common/contract';
import type { IdCardReadingOutput } from '../../electron/common/digitize-contract';
import type { OcrEngine } from '../../electron/core/ocr/ocr-engine';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { fakeCitizen, makeRng, makeTd1Lines, photograph, renderCccdBack, renderCccdFront } from '../support/make-cccd';
import { BIRTH } from '../support/review-fixtures';
import { giveConsent } from '../support/consent';

const citizen = fakeCitizen(makeRng(404));
const other = fakeCitizen(makeRng(405));
/** what the OCR engine "sees" on the next call (the MRZ band of a card), so QR/MRZ agreement can be staged */
let ocrText = '';
const stagedOcr: OcrEngine = {
  recognize: () => Promise.resolve({ text: ocrText, confidence: 90, words: [], durationMs: 1 }),
  terminate: () => Promise.resolve(),
};

let h: Harness;
let agent = '';
let agent2 = '';
let front: Uint8Array;

/** a birth registration (filed online by default) in the case "Có Giấy chứng sinh" */
async function newDossier(): Promise<DossierDetail> {
  const d = await h.call<DossierDetail>('dossiers.create', agent, { procedureCode: BIRTH });
  return (await h.call<{ detail: DossierDetail }>('dossiers.setCase', agent, { id: d.id, caseKey: 'co-giay-chung-sinh', version: d.version })).detail;
}

beforeAll(async () => {
  h = await startHarness({ ocr: stagedOcr });
  const t = await setupOffice(h);
  agent = t.agent;
  agent2 = t.agent2;
  front = new Uint8Array(await photograph(await renderCccdFront(citizen), { rotate: 7, blur: 0.8, jpegQuality: 85 }, makeRng(1)));
});
afterAll(async () => h.close());

describe('idcard.read', () => {
  it('reads the QR into the applicant fields and keeps the card in the ID-card slot, once', async () => {
    ocrText = makeTd1Lines(citizen).join('\n');
    const d = await newDossier();
    const r = await h.call<IdCardReadingOutput>('idcard.read', agent, { dossierId: d.id, fileName: 'cccd-mat-truoc.jpg', bytes: front });
    expect(r.source).toBe('qr');
    expect(r.fields).toEqual({
      fullName: citizen.fullName,
      idNumber: citizen.idNumber,
      dateOfBirth: citizen.dateOfBirth,
      sex: citizen.sex,
      address: citizen.address,
    });
    expect(new Set(Object.values(r.perField))).toEqual(new Set(['qr']));
    expect(r.conflicts).toEqual([]);
    // the slot the catalog marks as the ID card (pageKind id_card), not one found by its name
    const idSlot = d.components.find((c) => c.pageKind === 'id_card' && c.docKey === 'giay-to-tuy-than');
    expect(r.attachedTo?.componentId).toBe(idSlot?.id);
    expect(r.attachedTo?.componentName).toMatch(/^Hộ chiếu, thẻ căn cước, thẻ căn cước công dân/);
    expect(r.attachedTo?.pageIds).toHaveLength(1);

    // the agent drops the same picture again: same fields, no second copy of the card
    const again = await h.call<IdCardReadingOutput>('idcard.read', agent, { dossierId: d.id, fileName: 'cccd-mat-truoc.jpg', bytes: front });
    expect(again.attachedTo?.pageIds).toEqual(r.attachedTo?.pageIds);
    const detail = await h.call<DossierDetail>('dossiers.get', agent, { id: d.id });
    expect(detail.components.flatMap((c) => c.pages)).toHaveLength(1);
  });

  it('flags a card whose MRZ disagrees with its QR, on the fields that differ', async () => {
    ocrText = makeTd1Lines({ ...citizen, fullName: other.fullName, dateOfBirth: other.dateOfBirth }).join('\n');
    const d = await newDossier();
    const r = await h.call<IdCardReadingOutput>('idcard.read', agent, { dossierId: d.id, fileName: 'the.jpg', bytes: front, attach: false });
    expect(r.source).toBe('qr');
    expect(r.conflicts.map((c) => c.field).sort()).toEqual(['dateOfBirth', 'fullName']);
    expect(r.fieldWarnings.fullName).toMatch(/^Mã QR ghi ".+", dòng MRZ ghi ".+"\. Hãy đối chiếu với thẻ\.$/);
    expect(r.fieldWarnings.dateOfBirth).toContain(`${citizen.dateOfBirth.slice(8)}/${citizen.dateOfBirth.slice(5, 7)}/${citizen.dateOfBirth.slice(0, 4)}`);
    expect(r.fieldWarnings.idNumber).toBeUndefined();
    expect(r.attachedTo).toBeNull();
  });

  it('flags a card that names another person than the applicant already entered', async () => {
    ocrText = makeTd1Lines(citizen).join('\n');
    const d = await newDossier();
    await h.call('dossiers.saveDraft', agent, { id: d.id, applicant: { fullName: other.fullName, idNumber: other.idNumber } });
    const r = await h.call<IdCardReadingOutput>('idcard.read', agent, { dossierId: d.id, fileName: 'the.jpg', bytes: front, attach: false });
    const warning = `Thẻ này mang số định danh ${citizen.idNumber}, khác số đã nhập cho người nộp (${other.idNumber}).`;
    expect(r.fieldWarnings.idNumber).toContain(warning);
    expect(r.problems.some((p) => p.includes(warning))).toBe(true);
    // the same person's card raises nothing
    const same = await newDossier();
    await h.call('dossiers.saveDraft', agent, { id: same.id, applicant: { fullName: citizen.fullName, idNumber: citizen.idNumber } });
    const ok = await h.call<IdCardReadingOutput>('idcard.read', agent, { dossierId: same.id, fileName: 'the.jpg', bytes: front, attach: false });
    expect(ok.fieldWarnings.idNumber).toBeUndefined();
    expect(ok.problems).toEqual([]);
  });

  it('falls back to the MRZ of the back, with a name in plain letters the agent must add diacritics to', async () => {
    ocrText = makeTd1Lines(citizen).join('\n');
    const back = new Uint8Array(await renderCccdBack(citizen));
    const d = await newDossier();
    const r = await h.call<IdCardReadingOutput>('idcard.read', agent, { dossierId: d.id, fileName: 'mat-sau.png', bytes: back });
    expect(r.source).toBe('mrz');
    expect(r.perField).toMatchObject({ idNumber: 'mrz', dateOfBirth: 'mrz', sex: 'mrz', fullName: 'mrz' });
    expect(r.fields.idNumber).toBe(citizen.idNumber);
    // "NGUYEN VAN AN" on the MRZ becomes "Nguyen Van An": less to retype than capitals
    expect(r.fields.fullName).toBe(citizen.fullName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D'));
    expect(r.fieldWarnings.fullName).toMatch(/không có dấu/);
    expect(r.extra.expiryDate).toBe(citizen.expiryDate);
  });

  it('refuses what is not a picture, and another agent\'s dossier', async () => {
    const d = await newDossier();
    const bad = await h.fail('idcard.read', agent, { dossierId: d.id, fileName: 'the.jpg', bytes: new TextEncoder().encode('không phải ảnh') });
    expect(bad.code).toBe('FILE_CORRUPT');
    expect(bad.message).toMatch(/^Tệp "ảnh thẻ căn cước" bị hỏng/);
    const foreign = await h.fail('idcard.read', agent2, { dossierId: d.id, fileName: 'the.jpg', bytes: front });
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(foreign.code);
  });
});

describe('confirmation of pre-filled fields', () => {
  it('markReady refuses until every field read from the card is confirmed', async () => {
    ocrText = '';
    const d = await newDossier();
    const r = await h.call<IdCardReadingOutput>('idcard.read', agent, { dossierId: d.id, fileName: 'the.jpg', bytes: front, attach: false });
    const applicant = { ...r.fields, phone: '0912345678', fieldSources: r.perField, confirmedFields: ['idNumber', 'sex'] };
    await h.call('dossiers.saveDraft', agent, { id: d.id, applicant });
    const refused = await h.fail('dossiers.markReady', agent, { id: d.id, dueDate: '2026-12-01', overrideReason: 'Thiếu giấy chứng sinh bản chính' });
    expect(refused.code).toBe('APPLICANT_UNCONFIRMED');
    expect(refused.message).toBe(
      'Thông tin đọc tự động từ thẻ căn cước chưa được xác nhận: họ và tên, ngày sinh, địa chỉ. Hãy đối chiếu với thẻ rồi bấm "Xác nhận".',
    );
    expect(Object.keys(refused.fields ?? {})).toEqual(['fullName', 'dateOfBirth', 'address']);

    // sources and confirmations survive the autosave round trip
    const saved = await h.call<DossierDetail>('dossiers.get', agent, { id: d.id });
    expect(saved.applicant.fieldSources).toEqual(r.perField);

    await h.call('dossiers.saveDraft', agent, {
      id: d.id,
      applicant: { ...applicant, confirmedFields: ['fullName', 'idNumber', 'dateOfBirth', 'sex', 'address'] },
    });
    await giveConsent(h, agent, d.id);
    const ready = await h.call<DossierDetail>('dossiers.markReady', agent, { id: d.id, dueDate: '2026-12-01', overrideReason: 'Thiếu giấy chứng sinh bản chính' });
    expect(['ready', 'awaiting_review']).toContain(ready.status);
  });
});
