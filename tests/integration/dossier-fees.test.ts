// Fees at the counter: a per-page fee counted from the scans, variants, the agent's amount where the catalog has none,
// the office's service charge kept per dossier, and what the receipt, the portal submission and the day report say.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail, Page } from '../../electron/common/contract';
import type { DayReport } from '../../electron/common/report-contract';
import { buildSubmission } from '../../electron/core/sync/submission';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { applicantFor, tinyJpeg } from '../support/review-fixtures';
import { giveConsent } from '../support/consent';

const COPY = '2.000815';
const RESIDENCE = '1.004222';
/** a national record whose fee the catalog cannot state in any mode (checked below) */
const UNKNOWN_FEE = '1.014313';

let h: Harness;
let t: Awaited<ReturnType<typeof setupOffice>>;
let dir: string;

const get = (id: string) => h.call<DossierDetail>('dossiers.get', t.agent, { id });
const slotId = (d: DossierDetail, docKey: string) => d.components.find((c) => c.docKey === docKey)?.id ?? -1;
const setFee = (input: Record<string, unknown>) => h.call<DossierDetail>('dossiers.setFee', t.agent, input);

async function scanPages(d: DossierDetail, docKey: string, count: number, seed: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await h.call<{ pages: Page[] }>('pages.add', t.agent, {
      dossierId: d.id,
      componentId: slotId(d, docKey),
      fileName: `trang-${seed + i}.jpg`,
      bytes: await tinyJpeg(seed + i),
    });
  }
}

async function receiptText(id: string): Promise<string> {
  const pdf = await h.call<{ bytes: Uint8Array }>('documents.receipt', t.agent, { dossierId: id });
  const path = join(dir, `${id}.pdf`);
  writeFileSync(path, pdf.bytes);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).normalize('NFC');
}

beforeAll(async () => {
  h = await startHarness({ ocr: false });
  t = await setupOffice(h);
  dir = mkdtempSync(join(tmpdir(), 'dvc-fees-'));
  await h.call('settings.update', t.admin, { serviceChargeVnd: 20_000 });
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await h.close();
});

describe('chứng thực bản sao (2.000815): per page × copies, plus the service charge', () => {
  let d: DossierDetail;

  it('counts the pages scanned of the original: 3 pages = 2.000 + 2.000 + 1.000 = 5.000 ₫ (TT 226/2016/TT-BTC)', async () => {
    d = await h.call<DossierDetail>('dossiers.create', t.agent, { procedureCode: COPY });
    expect(d.fee).toMatchObject({
      serviceChargeVnd: 20_000,
      quantity: { units: 1, copies: 1 },
      quantityAuto: true,
      statutoryVnd: 2_000,
    });
    expect(d.fee.rule).toMatchObject({ basis: 'per_unit', unit: 'trang', perCopy: true });
    await scanPages(d, 'ban-sao', 3, 10);
    d = await get(d.id);
    expect(d.fee).toMatchObject({
      quantity: { units: 3, copies: 1 },
      statutoryVnd: 5_000,
      detail: '3 trang × 1 bản = 5.000 đồng',
      totalVnd: 25_000,
      needsAmount: false,
    });
    expect(d.feeVnd).toBe(5_000);
  });

  it('two copies cost twice; back to counting the scans when the agent clears the number', async () => {
    d = await setFee({ id: d.id, quantity: { units: 3, copies: 2 } });
    expect(d.fee).toMatchObject({
      quantityAuto: false,
      statutoryVnd: 10_000,
      detail: '3 trang × 2 bản = 10.000 đồng',
      totalVnd: 30_000,
    });
    d = await setFee({ id: d.id, quantity: null });
    expect(d.fee).toMatchObject({ quantityAuto: true, statutoryVnd: 5_000 });
  });

  it('the service charge is the one the office had when the dossier was taken', async () => {
    await h.call('settings.update', t.admin, { serviceChargeVnd: 30_000 });
    expect((await get(d.id)).fee.serviceChargeVnd).toBe(20_000);
    await h.call('settings.update', t.admin, { serviceChargeVnd: 20_000 });
  });

  it('is ready with no reason; the receipt lists what was received, the fee with its arithmetic and the charge', async () => {
    await h.call('dossiers.saveDraft', t.agent, { id: d.id, applicant: applicantFor(21) });
    d = await h.call<DossierDetail>('dossiers.markSeen', t.agent, {
      componentId: slotId(d, 'ban-chinh'),
      seen: true,
    });
    await giveConsent(h, t.agent, d.id);
    const ready = await h.call<DossierDetail>('dossiers.markReady', t.agent, {
      id: d.id,
      dueDate: '2026-11-27',
    });
    expect(ready).toMatchObject({ status: 'ready', readyOverrideReason: null });
    // the counted pages are fixed once the receipt is printed
    const stored = h.core.db.$client
      .prepare('SELECT fee_quantity, fee_vnd FROM dossiers WHERE id = ?')
      .get(d.id);
    expect(stored).toEqual({ fee_quantity: JSON.stringify({ units: 3, copies: 1 }), fee_vnd: 5_000 });
    const text = await receiptText(d.id);
    expect(text).toMatch(/Bản sao cần chứng thực\s+Nộp\s+\S+\s+\S+\s+3/);
    expect(text).toMatch(/Bản chính cần chứng thực\s+Xuất trình\s+1\s+0\s+Đã xem/);
    expect(text).not.toContain('Giấy tờ khác');
    expect(text).toMatch(/Phí, lệ phí:\s+5\.000 ₫ \(3 trang × 1 bản = 5\.000 đồng\)/);
    expect(text).toMatch(/Tổng số tiền:\s+25\.000 ₫ \(gồm phí dịch vụ đại lý 20\.000 ₫\)/);
    expect(text).not.toContain('Cổng Dịch vụ công');
  });

  it('a reprint after the portal accepted the dossier carries the portal code', async () => {
    h.core.db.$client.prepare("UPDATE dossiers SET portal_code = 'G22-CT-000777' WHERE id = ?").run(d.id);
    expect(await receiptText(d.id)).toContain('Mã hồ sơ trên Cổng Dịch vụ công: G22-CT-000777');
  });
});

describe('fees the catalog cannot state', () => {
  it('need the agent’s amount with a reason of 5 characters or more before "sẵn sàng"', async () => {
    const d = await h.call<DossierDetail>('dossiers.create', t.agent, { procedureCode: UNKNOWN_FEE });
    expect(d.fee).toMatchObject({ statutoryVnd: null, totalVnd: null, needsAmount: true });
    await h.call('dossiers.saveDraft', t.agent, { id: d.id, applicant: applicantFor(22) });
    const refused = await h.fail('dossiers.markReady', t.agent, {
      id: d.id,
      dueDate: '2026-11-27',
      overrideReason: 'Thiếu giấy tờ, bổ sung sau',
    });
    expect(refused.code).toBe('FEE_REQUIRED');
    expect(refused.message).toContain('Hãy nhập số tiền thu và lý do');
    const short = await h.fail('dossiers.setFee', t.agent, {
      id: d.id,
      override: { amountVnd: 50_000, reason: 'abc' },
    });
    expect(short.code).toBe('VALIDATION');
    const set = await setFee({
      id: d.id,
      override: { amountVnd: 50_000, reason: 'Theo biểu phí niêm yết tại UBND xã' },
    });
    expect(set.fee).toMatchObject({ overrideVnd: 50_000, totalVnd: 70_000, needsAmount: false });
    expect(set.feeVnd).toBe(50_000);
    await giveConsent(h, t.agent, d.id);
    const ready = await h.call<DossierDetail>('dossiers.markReady', t.agent, {
      id: d.id,
      dueDate: '2026-11-27',
      overrideReason: 'Thiếu giấy tờ, bổ sung sau',
    });
    expect(['ready', 'awaiting_review']).toContain(ready.status);
    const text = (await receiptText(d.id)).replace(/\s+/g, ' ');
    expect(text).toContain('Phí, lệ phí đã thu: 50.000 ₫. Lý do: Theo biểu phí niêm yết tại UBND xã');
    expect(text).toContain('Tổng số tiền: 70.000 ₫ (gồm phí dịch vụ đại lý 20.000 ₫)');
  });
});

describe('fee variants and the filing mode', () => {
  it('a variant replaces the mode’s fee, follows a mode change when the new mode has it, and must exist', async () => {
    const d = await h.call<DossierDetail>('dossiers.create', t.agent, {
      procedureCode: RESIDENCE,
      mode: 'direct',
    });
    expect(d.fee).toMatchObject({ statutoryVnd: 20_000, variantKey: null });
    const free = await setFee({ id: d.id, variantKey: 'mien-le-phi' });
    expect(free.fee).toMatchObject({ statutoryVnd: 0, variantKey: 'mien-le-phi', totalVnd: 20_000 });
    expect(free.fee.variantLabel).toContain('miễn lệ phí');
    expect((await h.fail('dossiers.setFee', t.agent, { id: d.id, variantKey: 'cong-dan-so' })).code).toBe(
      'VALIDATION',
    );
    await h.call('dossiers.saveDraft', t.agent, { id: d.id, mode: 'online' });
    expect((await get(d.id)).fee).toMatchObject({ variantKey: 'mien-le-phi', statutoryVnd: 0 });
    await setFee({ id: d.id, variantKey: null });
    expect((await get(d.id)).fee).toMatchObject({ variantKey: null, statutoryVnd: 10_000 });
  });
});

describe('what leaves the counter', () => {
  it('the portal submission names the case, each document’s key and the conditions answered "áp dụng"', async () => {
    let d = await h.call<DossierDetail>('dossiers.create', t.agent, {
      procedureCode: RESIDENCE,
      mode: 'direct',
    });
    d = (
      await h.call<{ detail: DossierDetail }>('dossiers.setCase', t.agent, {
        id: d.id,
        caseKey: 'so-huu',
        version: d.version,
      })
    ).detail;
    d = await h.call<DossierDetail>('dossiers.setApplies', t.agent, {
      componentId: slotId(d, 'giay-to-cho-o-hop-phap'),
      applies: true,
    });
    await scanPages(d, 'to-khai-ct01', 1, 40);
    const body = buildSubmission(h.core.db, d.id);
    expect(body.caseKey).toBe('so-huu');
    expect(body.appliedConditions).toEqual(['giay-to-cho-o-hop-phap']);
    expect(
      body.components.map((c) => [
        c.docKey,
        c.name.startsWith('Tờ khai thay đổi thông tin cư trú'),
        c.files.length,
      ]),
    ).toEqual([['to-khai-ct01', true, 1]]);
  });

  it('the day report takes each dossier’s own fee and service charge', async () => {
    const report = await h.call<DayReport>('reports.dayReport', t.supervisor, { date: '2026-11-20' });
    const copy = report.lines.find((l) => l.procedureCode === COPY);
    expect(copy).toMatchObject({ feeVnd: 5_000, serviceChargeVnd: 20_000, cashVnd: 25_000 });
    expect(report.totals.serviceVnd).toBe(report.lines.reduce((n, l) => n + l.serviceChargeVnd, 0));
  });
});

it('the unknown-fee record used above has no fee in any mode', async () => {
  const p = await h.call<{ modes: { fee?: { basis: string }; feeVnd: number | null }[] }>(
    'catalog.get',
    t.agent,
    { code: UNKNOWN_FEE },
  );
  expect(p.modes.every((m) => m.feeVnd === null && (m.fee?.basis ?? 'unknown') === 'unknown')).toBe(true);
});
