// Closing a day: frozen figures with a hash chain; later changes to a closed day's dossiers show as corrections on the next report.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../electron/common/contract';
import type { ClosureSummary, Correction, Dashboard, DayReport } from '../../electron/common/report-contract';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { advance, BIRTH, LAND_DATA, relogin, takeDossier, type Tokens } from '../support/review-fixtures';
import { giveConsent } from '../support/consent';

let h: Harness;
let t: Tokens;
const DAY1 = '2026-11-20';
const DAY2 = '2026-11-21';
const HOUR = 3_600_000;
let a: DossierDetail;
let c: DossierDetail;
let w: DossierDetail;
let e: DossierDetail;
let closedAt1 = 0;

beforeAll(async () => {
  h = await startHarness({ ocr: false });
  t = await setupOffice(h);
  await h.call('settings.update', t.admin, { serviceChargeVnd: 20_000 });
  a = await takeDossier(h, t.agent, { procedureCode: LAND_DATA });
  await takeDossier(h, t.agent, { procedureCode: BIRTH });
  c = await takeDossier(h, t.agent2, { procedureCode: LAND_DATA, draft: true });
  w = await takeDossier(h, t.agent2, { procedureCode: LAND_DATA });
});
afterAll(async () => h.close());

describe('closing a day', () => {
  it('freezes the day: 4 taken, 3 billable, 80.000 ₫ to hand over, with a hash', async () => {
    expect((await h.fail('reports.closeDay', t.agent, { date: DAY1 })).code).toBe('FORBIDDEN');
    const r = await h.call<DayReport>('reports.closeDay', t.supervisor, { date: DAY1 });
    closedAt1 = h.clock.now();
    expect(r).toMatchObject({
      state: 'closed',
      closedBy: 'Đỗ Thị Mai',
      hashOk: true,
      cashToHandOverVnd: 80_000,
    });
    expect(r.totals).toMatchObject({ taken: 4, billable: 3, feesVnd: 20_000, serviceVnd: 60_000 });
    expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    const dash = await h.call<Dashboard>('reports.dashboard', t.supervisor, { date: DAY1 });
    expect(dash.closure).toMatchObject({ closedByName: 'Đỗ Thị Mai', hash: r.hash });
  });

  it('cannot close the same day twice, nor a day still to come', async () => {
    const twice = await h.fail('reports.closeDay', t.supervisor, { date: DAY1 });
    expect(twice.code).toBe('DAY_CLOSED');
    expect(twice.message).toContain('20/11/2026');
    expect((await h.fail('reports.closeDay', t.supervisor, { date: DAY2 })).code).toBe('DAY_NOT_CLOSABLE');
  });

  it('notes nothing to correct right after closing', async () => {
    const c0 = await h.call<{ pending: Correction[] }>('reports.corrections', t.supervisor, {});
    expect(c0.pending).toEqual([]);
  });
});

describe('changes after closing', () => {
  it('collects them as corrections on the next day’s report, whatever time the portal gave them', async () => {
    h.clock.advance(HOUR);
    t = await relogin(h);
    e = await takeDossier(h, t.agent, { procedureCode: LAND_DATA }); // same day, after the closing
    h.clock.advance(24 * HOUR);
    t = await relogin(h);
    await giveConsent(h, t.agent2, c.id);
    await h.call('dossiers.markReady', t.agent2, { id: c.id, dueDate: '2026-11-27' }); // the draft is finished the next day
    // the portal reports the withdrawal with its own (earlier) time; only the event id says it is new
    advance(h, w.id, ['queued', 'submitting', 'submitted', 'received', 'withdrawn'], closedAt1 - HOUR);
    advance(h, a.id, ['queued', 'submitting', 'submitted', 'received', 'processing'], h.clock.now()); // normal progress
    await takeDossier(h, t.agent, { procedureCode: BIRTH }); // day 2's own dossier

    const r = await h.call<DayReport>('reports.dayReport', t.supervisor, { date: DAY2 });
    const byCode = new Map(r.corrections.map((x) => [x.localCode, x]));
    expect([...byCode.keys()].sort()).toEqual([c.localCode, w.localCode, e.localCode].sort());
    expect(byCode.get(e.localCode)).toMatchObject({ kind: 'added', day: DAY1, cashDeltaVnd: 30_000 });
    expect(byCode.get(c.localCode)).toMatchObject({
      kind: 'changed',
      cashDeltaVnd: 30_000,
      before: { billable: false },
      after: { billable: true },
    });
    expect(byCode.get(w.localCode)).toMatchObject({
      kind: 'changed',
      cashDeltaVnd: -30_000,
      after: { status: 'withdrawn', billable: false },
    });
    expect(byCode.get(w.localCode)?.description).toContain('Đã rút');
    expect(r.totals).toMatchObject({ taken: 1, cashVnd: 20_000 });
    expect(r.correctionsCashVnd).toBe(30_000);
    expect(r.cashToHandOverVnd).toBe(50_000);
    const dash = await h.call<Dashboard>('reports.dashboard', t.supervisor, { date: DAY2 });
    expect(dash.pendingCorrections).toBe(3);
  });

  it('records them when the next day is closed, and does not repeat them after', async () => {
    const r2 = await h.call<DayReport>('reports.closeDay', t.supervisor, { date: DAY2 });
    expect(r2.corrections).toHaveLength(3);
    expect(r2.cashToHandOverVnd).toBe(50_000);
    advance(h, a.id, ['result_ready', 'completed'], h.clock.now() + 1); // progress at the portal is not a correction
    expect(
      (await h.call<{ pending: Correction[] }>('reports.corrections', t.supervisor, {})).pending,
    ).toEqual([]);
    const again = await h.call<DayReport>('reports.dayReport', t.supervisor, { date: DAY2 });
    expect(again.corrections).toHaveLength(3);
    expect(again.state).toBe('closed');
  });

  it('keeps the first day’s report as it was closed', async () => {
    const r1 = await h.call<DayReport>('reports.dayReport', t.supervisor, { date: DAY1 });
    expect(r1).toMatchObject({ state: 'closed', hashOk: true, cashToHandOverVnd: 80_000 });
    expect(r1.totals.taken).toBe(4);
    const xlsx = await h.call<{ bytes: Uint8Array; fileName: string }>(
      'reports.dayReportXlsx',
      t.supervisor,
      { date: DAY2 },
    );
    expect(xlsx.fileName).toBe('bao-cao-ngay-2026-11-21.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(xlsx.bytes).buffer);
    const codes: string[] = [];
    wb.getWorksheet('Điều chỉnh')?.eachRow((row, i) => {
      if (i > 1) codes.push(row.getCell(2).text);
    });
    expect(codes.sort()).toEqual([c.localCode, w.localCode, e.localCode].sort());
  });

  it('shows a closed report edited in the database as no longer matching its hash', async () => {
    h.core.db.$client
      .prepare(
        'UPDATE day_closures SET snapshot = replace(snapshot, \'"cashToHandOverVnd":80000\', \'"cashToHandOverVnd":70000\') WHERE date = ?',
      )
      .run(DAY1);
    const list = await h.call<ClosureSummary[]>('reports.closures', t.supervisor, {});
    expect(list.map((x) => [x.date, x.hashOk])).toEqual([
      [DAY2, true],
      [DAY1, false],
    ]);
    const r1 = await h.call<DayReport>('reports.dayReport', t.supervisor, { date: DAY1 });
    expect(r1.hashOk).toBe(false);
  });
});
