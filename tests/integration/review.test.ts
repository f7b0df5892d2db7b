// Review at core level: two agents and a supervisor take five dossiers, the supervisor reviews, the agent fixes a return; day report.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../electron/common/contract';
import type {
  AuditItem,
  DayReport,
  ReturnedItem,
  ReviewQueueItem,
} from '../../electron/common/report-contract';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { BIRTH, LAND_DATA, SPORT_WEAPON, takeDossier, tinyJpeg } from '../support/review-fixtures';
import { giveConsent } from '../support/consent';

let h: Harness;
let t: Awaited<ReturnType<typeof setupOffice>>;
const d: Record<'lan1' | 'lan2' | 'hung1' | 'hung2' | 'mai', DossierDetail> = {} as never;
const REASON = 'Ảnh giấy tờ mặt sau bị mờ, hãy quét lại rõ nét';

beforeAll(async () => {
  h = await startHarness({ ocr: false });
  t = await setupOffice(h);
  await h.call('settings.update', t.admin, { approvalPolicy: 'all', serviceChargeVnd: 20_000 });
  d.lan1 = await takeDossier(h, t.agent, { procedureCode: LAND_DATA });
  d.lan2 = await takeDossier(h, t.agent, { procedureCode: BIRTH });
  d.hung1 = await takeDossier(h, t.agent2, { procedureCode: LAND_DATA });
  d.hung2 = await takeDossier(h, t.agent2, { procedureCode: SPORT_WEAPON });
  d.mai = await takeDossier(h, t.supervisor, { procedureCode: LAND_DATA });
});
afterAll(async () => h.close());

const queue = (token: string, input: object = {}) =>
  h.call<{ items: ReviewQueueItem[]; total: number }>('review.queue', token, input);

describe('review queue', () => {
  it('holds all five dossiers awaiting review, oldest first, with agent, pages and the caller’s own marked', async () => {
    for (const x of Object.values(d)) expect(x.status).toBe('awaiting_review');
    const q = await queue(t.supervisor);
    expect(q.total).toBe(5);
    expect(q.items.map((i) => i.id)).toEqual([d.lan1.id, d.lan2.id, d.hung1.id, d.hung2.id, d.mai.id]);
    const first = q.items[0];
    expect(first?.agent.fullName).toBe('Lê Thị Lan');
    expect(first?.applicantName).toBe(d.lan1.applicant.fullName);
    expect(first?.pageCount).toBeGreaterThan(0);
    expect(first?.missingRequired).toBe(0);
    expect(q.items.filter((i) => i.ownDossier).map((i) => i.id)).toEqual([d.mai.id]);
    const hung = await queue(t.supervisor, { agentId: d.hung1.createdBy.id });
    expect(hung.items.map((i) => i.id)).toEqual([d.hung1.id, d.hung2.id]);
  });

  it('is refused to agents', async () => {
    expect((await h.fail('review.queue', t.agent, {})).code).toBe('FORBIDDEN');
    expect((await h.fail('review.approve', t.agent, { id: d.lan1.id })).code).toBe('FORBIDDEN');
  });
});

describe('decisions', () => {
  it('approves three; each is a status event and an audit row with who and when', async () => {
    for (const x of [d.lan1, d.lan2, d.hung1]) {
      const after = await h.call<DossierDetail>('review.approve', t.supervisor, { id: x.id });
      expect(after.status).toBe('approved');
      const last = after.history[after.history.length - 1];
      expect(last).toMatchObject({
        fromStatus: 'awaiting_review',
        toStatus: 'approved',
        actorName: 'Đỗ Thị Mai',
      });
    }
    const audit = await h.call<{ items: AuditItem[] }>('audit.list', t.supervisor, {
      action: 'dossier.approved',
    });
    expect(audit.items).toHaveLength(3);
    expect(audit.items.every((a) => a.actorName === 'Đỗ Thị Mai' && a.at === h.clock.now())).toBe(true);
  });

  it('returns one with a written reason; a reason too short is refused', async () => {
    expect((await h.fail('review.return', t.supervisor, { id: d.hung2.id, reason: 'mờ' })).code).toBe(
      'VALIDATION',
    );
    const back = await h.call<DossierDetail>('review.return', t.supervisor, {
      id: d.hung2.id,
      reason: REASON,
    });
    expect(back.status).toBe('returned');
    expect(back.returnReason).toBe(REASON);
  });

  it('will not let the supervisor approve or return the dossier they took', async () => {
    const err = await h.fail('review.approve', t.supervisor, { id: d.mai.id });
    expect(err.code).toBe('SELF_REVIEW');
    expect(err.message).toContain('chính mình tiếp nhận');
    expect(
      (await h.fail('review.return', t.supervisor, { id: d.mai.id, reason: 'tự trả lại hồ sơ' })).code,
    ).toBe('SELF_REVIEW');
    const still = await h.call<DossierDetail>('dossiers.get', t.supervisor, { id: d.mai.id });
    expect(still.status).toBe('awaiting_review');
  });

  it('does not decide twice', async () => {
    expect((await h.fail('review.approve', t.supervisor, { id: d.lan1.id })).code).toBe('INVALID_STATE');
  });
});

describe('the agent fixes a returned dossier', () => {
  it('shows the reason on the dossier and in the agent’s returned list, not to other agents', async () => {
    const mine = await h.call<DossierDetail>('dossiers.get', t.agent2, { id: d.hung2.id });
    expect(mine.returnReason).toBe(REASON);
    const list = await h.call<{ items: ReturnedItem[]; total: number }>('review.returned', t.agent2, {});
    expect(list.items).toEqual([
      expect.objectContaining({ id: d.hung2.id, reason: REASON, returnedBy: 'Đỗ Thị Mai' }),
    ]);
    expect((await h.call<{ total: number }>('review.returned', t.agent, {})).total).toBe(0);
    // an agent asking for someone else's returned list still gets only their own
    expect(
      (await h.call<{ total: number }>('review.returned', t.agent, { agentId: d.hung2.createdBy.id })).total,
    ).toBe(0);
  });

  it('adds a sharper scan and sends it back: awaiting review again, then approved', async () => {
    const comp = d.hung2.components.find((c) => c.required && c.kind === 'submit') ?? d.hung2.components[0];
    await h.call('pages.add', t.agent2, {
      dossierId: d.hung2.id,
      componentId: comp?.id,
      fileName: 'quet-lai.jpg',
      bytes: await tinyJpeg(4242),
    });
    await giveConsent(h, t.agent2, d.hung2.id);
    const resent = await h.call<DossierDetail>('dossiers.markReady', t.agent2, {
      id: d.hung2.id,
      dueDate: '2026-11-27',
    });
    expect(resent.status).toBe('awaiting_review');
    expect(resent.returnReason).toBeNull();
    const q = await queue(t.supervisor);
    expect(q.items.find((i) => i.id === d.hung2.id)?.timesReturned).toBe(1);
    const ok = await h.call<DossierDetail>('review.approve', t.supervisor, { id: d.hung2.id });
    expect(ok.status).toBe('approved');
    const trail = await h.call<{ items: AuditItem[] }>('audit.list', t.supervisor, {
      dossierId: d.hung2.id,
      action: 'dossier.',
    });
    expect(trail.items.map((a) => a.action).reverse()).toEqual([
      'dossier.create',
      'dossier.awaiting_review',
      'dossier.returned',
      'dossier.awaiting_review',
      'dossier.approved',
    ]);
  });

  it('sends a fixed dossier straight to ready when no approval applies', async () => {
    await h.call('settings.update', t.admin, {
      approvalPolicy: 'per_procedure',
      approvalProcedures: [SPORT_WEAPON],
    });
    const other = await takeDossier(h, t.agent, { procedureCode: BIRTH, draft: true });
    await giveConsent(h, t.agent, other.id);
    const ready = await h.call<DossierDetail>('dossiers.markReady', t.agent, {
      id: other.id,
      dueDate: '2026-11-27',
    });
    expect(ready.status).toBe('ready');
    const weapon = await takeDossier(h, t.agent, { procedureCode: SPORT_WEAPON });
    expect(weapon.status).toBe('awaiting_review');
    await h.call('settings.update', t.admin, { approvalPolicy: 'all', approvalProcedures: [] });
  });
});

describe('the day report', () => {
  // 5 reviewed dossiers + 2 from the policy test, all taken on 20/11/2026 with receipts issued (billable):
  // fees: land data 10.000 × 3, birth 0 × 2, sport weapon 10.000 × 2 = 50.000; service 7 × 20.000 = 140.000
  const date = '2026-11-20';

  it('counts per agent and per procedure with fees, service charges and the cash to hand over', async () => {
    const r = await h.call<DayReport>('reports.dayReport', t.supervisor, { date });
    expect(r.totals).toMatchObject({
      taken: 7,
      billable: 7,
      feesVnd: 50_000,
      serviceVnd: 140_000,
      cashVnd: 190_000,
    });
    expect(r.totals.statuses).toMatchObject({ review: 2, waiting: 5 });
    const lan = r.byAgent.find((a) => a.name === 'Lê Thị Lan');
    expect(lan).toMatchObject({ taken: 4, feesVnd: 20_000, serviceVnd: 80_000, cashVnd: 100_000 });
    expect(r.byAgent.find((a) => a.name === 'Phạm Văn Hùng')).toMatchObject({ taken: 2, cashVnd: 60_000 });
    expect(r.byAgent.find((a) => a.name === 'Đỗ Thị Mai')).toMatchObject({ taken: 1, cashVnd: 30_000 });
    expect(r.byProcedure.find((p) => p.key === LAND_DATA)).toMatchObject({ taken: 3, feesVnd: 30_000 });
    expect(r.cashToHandOverVnd).toBe(190_000);
    expect(r.state).toBe('preview');
  });

  it('prints a Vietnamese PDF whose text holds the same counts and amounts', async () => {
    const pdf = await h.call<{ fileName: string; mime: string; bytes: Uint8Array }>(
      'reports.dayReportPdf',
      t.supervisor,
      { date },
    );
    expect(pdf.mime).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'dvc-report-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf.bytes);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], {
        encoding: 'utf8',
      }).normalize('NFC');
      expect(text).toContain('BÁO CÁO TIẾP NHẬN HỒ SƠ VÀ THU TIỀN');
      expect(text).toContain('Ngày 20/11/2026');
      expect(text).toContain('Mã đại lý: DL001');
      expect(text).toMatch(/Lê Thị Lan\s+4\s+0\s+1\s+0\s+3\s+0\s+0/);
      expect(text).toMatch(/Lê Thị Lan\s+4\s+20\.000 ₫\s+80\.000 ₫\s+100\.000 ₫/);
      expect(text).toMatch(/Tổng tiền mặt bàn giao:\s+190\.000 ₫/);
      expect(text).toContain('Một trăm chín mươi nghìn đồng');
      expect(text).toContain('NGƯỜI LẬP BÁO CÁO');
      expect(text).toContain('BẢN XEM TRƯỚC');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exports an XLSX workbook that reads back with the same figures', async () => {
    const file = await h.call<{ fileName: string; bytes: Uint8Array }>(
      'reports.dayReportXlsx',
      t.supervisor,
      { date },
    );
    expect(file.fileName).toBe('bao-cao-ngay-2026-11-20-xem-truoc.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(file.bytes).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo nhân viên',
      'Theo thủ tục',
      'Theo hồ sơ',
      'Điều chỉnh',
    ]);
    const agents = wb.getWorksheet('Theo nhân viên');
    const header = (agents?.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('Thành tiền');
    const rows = new Map<string, unknown[]>();
    agents?.eachRow((row, i) => {
      if (i > 1) rows.set(row.getCell(1).text, (row.values as unknown[]).slice(1));
    });
    const col = (name: string) => header.indexOf(name);
    expect(rows.get('Lê Thị Lan')?.[col('Tiếp nhận')]).toBe(4);
    expect(rows.get('Lê Thị Lan')?.[col('Thành tiền')]).toBe(100_000);
    expect(rows.get('Tổng cộng')?.[col('Thành tiền')]).toBe(190_000);
    const summary = new Map<string, unknown>();
    wb.getWorksheet('Tổng hợp')?.eachRow((row) => summary.set(row.getCell(1).text, row.getCell(2).value));
    expect(summary.get('Tổng tiền mặt bàn giao')).toBe(190_000);
    expect(summary.get('Số hồ sơ tiếp nhận')).toBe(7);
    const procs = wb.getWorksheet('Theo thủ tục');
    let land: unknown[] = [];
    procs?.eachRow((row) => {
      if (row.getCell(1).value === LAND_DATA) land = (row.values as unknown[]).slice(1);
    });
    expect(land[col('Tiếp nhận') + 1]).toBe(3);
    // one line per dossier the day took money for, with its own fee and service charge
    const lines: unknown[][] = [];
    wb.getWorksheet('Theo hồ sơ')?.eachRow((row, i) => {
      if (i > 1) lines.push((row.values as unknown[]).slice(1));
    });
    expect(lines).toHaveLength(summary.get('Đã cấp phiếu, thu tiền (hồ sơ)') as number);
    expect(lines.reduce((sum, l) => sum + Number(l[5]), 0)).toBe(190_000);
    expect(lines.every((l) => Number(l[4]) === 20_000 && Number(l[5]) === Number(l[3] ?? 0) + 20_000)).toBe(true);
  });
});
