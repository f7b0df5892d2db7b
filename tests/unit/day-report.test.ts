// Day report arithmetic: amounts in Vietnamese words, rows per agent/procedure, and what counts as a correction.
import { describe, expect, it } from 'vitest';
import type { CandidateRow, DayDossierRow } from '../../db/queries/closure-queries';
import { buildDayLines, buildDayRows, detectCorrections } from '../../electron/core/reports/day-figures';
import { vndInWords } from '../../electron/core/reports/vnd-words';

describe('vndInWords', () => {
  it.each([
    [0, 'Không đồng'],
    [15, 'Mười lăm đồng'],
    [21, 'Hai mươi mốt đồng'],
    [105, 'Một trăm linh năm đồng'],
    [190_000, 'Một trăm chín mươi nghìn đồng'],
    [1_005_000, 'Một triệu không trăm linh năm nghìn đồng'],
    [2_050_300, 'Hai triệu không trăm năm mươi nghìn ba trăm đồng'],
    [1_000_000_000, 'Một tỷ đồng'],
    [-30_000, 'Âm ba mươi nghìn đồng'],
  ])('%d -> %s', (amount, words) => {
    expect(vndInWords(amount)).toBe(words);
  });
});

const row = (over: Partial<DayDossierRow>): DayDossierRow => ({
  id: 'd1',
  local_code: 'DL001-261120-0001',
  created_at: 0,
  created_by: 'u1',
  agent_name: 'Lê Thị Lan',
  procedure_code: '1.012789',
  procedure_name: 'cung cấp thông tin, dữ liệu đất đai',
  mode: 'online',
  fee_vnd: 10_000,
  service_charge_vnd: 5_000,
  status: 'ready',
  ...over,
});

describe('buildDayRows', () => {
  it('takes money only for receipts issued and not withdrawn, and flags unknown fees', () => {
    const r = buildDayRows(
      [
        row({}),
        row({ id: 'd2', status: 'draft' }),
        row({ id: 'd3', status: 'withdrawn' }),
        row({ id: 'd4', fee_vnd: null, status: 'completed', created_by: 'u2', agent_name: 'An' }),
      ],
    );
    expect(r.totals).toMatchObject({
      taken: 4,
      billable: 2,
      feesVnd: 10_000,
      feesUnknown: 1,
      serviceVnd: 10_000,
      cashVnd: 20_000,
    });
    expect(r.totals.statuses).toMatchObject({ draft: 1, waiting: 1, sent: 1, withdrawn: 1 });
    expect(r.byAgent.map((a) => [a.name, a.taken])).toEqual([
      ['An', 1],
      ['Lê Thị Lan', 3],
    ]);
  });
});

const candidate = (over: Partial<CandidateRow>): CandidateRow => ({
  ...row({}),
  line_day: '2026-11-20',
  line_status: 'ready',
  line_mode: 'online',
  line_fee: 10_000,
  line_billable: 1,
  line_charge: 5_000,
  ...over,
});

describe('each dossier’s own service charge', () => {
  it('counts the charge each dossier took when it was created, and lists the billable dossiers one by one', () => {
    // the office raised its charge from 5.000 to 20.000 ₫ during the day: the morning's receipts keep 5.000 ₫
    const day = [
      row({ id: 'd1', local_code: 'DL001-261120-0001' }),
      row({ id: 'd2', local_code: 'DL001-261120-0002', service_charge_vnd: 20_000, fee_vnd: 5_000 }),
      row({ id: 'd3', local_code: 'DL001-261120-0003', service_charge_vnd: 20_000, status: 'draft' }),
    ];
    expect(buildDayRows(day).totals).toMatchObject({ billable: 2, feesVnd: 15_000, serviceVnd: 25_000, cashVnd: 40_000 });
    expect(buildDayLines(day)).toEqual([
      expect.objectContaining({ localCode: 'DL001-261120-0001', feeVnd: 10_000, serviceChargeVnd: 5_000, cashVnd: 15_000 }),
      expect.objectContaining({ localCode: 'DL001-261120-0002', feeVnd: 5_000, serviceChargeVnd: 20_000, cashVnd: 25_000 }),
    ]);
  });

  it('a dossier added to a closed day brings its own charge, not the one set today', () => {
    const added = candidate({ line_day: null, line_status: null, line_mode: null, line_fee: null, line_billable: null, line_charge: null, service_charge_vnd: 12_000 });
    expect(detectCorrections([added], new Set(['2026-11-20']), () => '2026-11-20')).toEqual([
      expect.objectContaining({ kind: 'added', cashDeltaVnd: 22_000, serviceChargeVnd: 12_000 }),
    ]);
  });
});

describe('detectCorrections', () => {
  const closed = new Set(['2026-11-20']);
  const dayOf = () => '2026-11-20';

  it('ignores progress at the portal', () => {
    expect(detectCorrections([candidate({ status: 'processing' })], closed, dayOf)).toEqual([]);
  });

  it('reports a fee change with its cash difference', () => {
    const [c] = detectCorrections(
      [candidate({ status: 'returned', fee_vnd: 25_000, mode: 'direct' })],
      closed,
      dayOf,
    );
    expect(c).toMatchObject({ kind: 'changed', cashDeltaVnd: 15_000 });
    expect(c?.description).toContain('Lệ phí đổi từ 10.000 ₫ thành 25.000 ₫');
  });

  it('reports a dossier added to a closed day, and skips days not closed', () => {
    const added = candidate({
      line_day: null,
      line_status: null,
      line_mode: null,
      line_fee: null,
      line_billable: null,
      line_charge: null,
    });
    expect(detectCorrections([added], closed, dayOf)).toEqual([
      expect.objectContaining({ kind: 'added', cashDeltaVnd: 15_000 }),
    ]);
    expect(detectCorrections([added], new Set(), dayOf)).toEqual([]);
  });
});
