// Pure arithmetic of the day report: rows per agent and per procedure, and corrections to closed days.
import type { CandidateRow, DayDossierRow } from '../../../db/queries/closure-queries';
import { formatFee } from '../../common/format';
import type { Correction, DayReportLine, DayReportRow, StatusGroup } from '../../common/report-contract';
import { isBillable, statusGroupOf, statusGroupOrder } from '../../common/report-labels';
import { statusLabels } from '../dossiers/lifecycle';
import type { DossierStatus } from '../../common/contract';

function emptyRow(key: string, name: string): DayReportRow {
  const statuses = Object.fromEntries(statusGroupOrder.map((g) => [g, 0])) as Record<StatusGroup, number>;
  return {
    key,
    name,
    taken: 0,
    statuses,
    billable: 0,
    feesVnd: 0,
    feesUnknown: 0,
    serviceVnd: 0,
    cashVnd: 0,
  };
}

/** each dossier's own fee and service charge (fixed when it was created), so a settings change never rewrites a day */
function addTo(row: DayReportRow, d: DayDossierRow): void {
  row.taken += 1;
  row.statuses[statusGroupOf(d.status)] += 1;
  if (!isBillable(d.status)) return;
  row.billable += 1;
  if (d.fee_vnd === null) row.feesUnknown += 1;
  row.feesVnd += d.fee_vnd ?? 0;
  row.serviceVnd += d.service_charge_vnd;
  row.cashVnd += (d.fee_vnd ?? 0) + d.service_charge_vnd;
}

/** One line per billable dossier: what the receipt said was taken, fee and service charge apart. */
export function buildDayLines(dossiers: DayDossierRow[]): DayReportLine[] {
  return dossiers
    .filter((d) => isBillable(d.status))
    .map((d) => ({
      localCode: d.local_code,
      procedureCode: d.procedure_code,
      agentName: d.agent_name,
      feeVnd: d.fee_vnd,
      serviceChargeVnd: d.service_charge_vnd,
      cashVnd: (d.fee_vnd ?? 0) + d.service_charge_vnd,
    }));
}

export type DayRows = { totals: DayReportRow; byAgent: DayReportRow[]; byProcedure: DayReportRow[] };

/** Counts by status group, fees and charges of a day's dossiers; rows sorted by name as Vietnamese sorts them. */
export function buildDayRows(dossiers: DayDossierRow[]): DayRows {
  const totals = emptyRow('total', 'Tổng cộng');
  const agents = new Map<string, DayReportRow>();
  const procedures = new Map<string, DayReportRow>();
  for (const d of dossiers) {
    addTo(totals, d);
    const agent = agents.get(d.created_by) ?? emptyRow(d.created_by, d.agent_name);
    agents.set(d.created_by, agent);
    addTo(agent, d);
    const proc = procedures.get(d.procedure_code) ?? emptyRow(d.procedure_code, d.procedure_name);
    procedures.set(d.procedure_code, proc);
    addTo(proc, d);
  }
  const byName = (a: DayReportRow, b: DayReportRow) =>
    a.name.localeCompare(b.name, 'vi') || a.key.localeCompare(b.key);
  return {
    totals,
    byAgent: [...agents.values()].sort(byName),
    byProcedure: [...procedures.values()].sort((a, b) => a.key.localeCompare(b.key)),
  };
}

function cashOf(state: { billable: boolean; feeVnd: number | null }, charge: number): number {
  return state.billable ? (state.feeVnd ?? 0) + charge : 0;
}

const label = (status: string) => statusLabels[status as DossierStatus] ?? status;

function describe(
  kind: 'added' | 'changed',
  before: Correction['before'],
  after: Correction['after'],
): string {
  if (kind === 'added' || !before)
    return `Hồ sơ ghi nhận sau khi chốt sổ (trạng thái: ${label(after.status)})`;
  const parts: string[] = [];
  if (before.billable && !after.billable)
    parts.push(`${label(after.status)} sau khi chốt sổ: không còn thu tiền`);
  if (!before.billable && after.billable)
    parts.push(`Hoàn tất tiếp nhận sau khi chốt sổ (${label(after.status)}): thu thêm tiền`);
  if (before.feeVnd !== after.feeVnd)
    parts.push(`Lệ phí đổi từ ${formatFee(before.feeVnd)} thành ${formatFee(after.feeVnd)}`);
  if (before.mode !== after.mode) parts.push('đổi hình thức nộp');
  return parts.join('; ');
}

/**
 * A correction is a change to what a closed report counted as money or as a dossier of the day: a dossier added to a
 * closed day, one that stopped or started being billable (withdrawn, finished after closing) or whose fee changed.
 * Normal progress at the portal (submitted -> processing -> completed) is not a correction.
 */
export function detectCorrections(
  candidates: CandidateRow[],
  closed: Set<string>,
  dayOf: (epochMs: number) => string,
): Correction[] {
  const out: Correction[] = [];
  for (const c of candidates) {
    const after = { status: c.status, mode: c.mode, feeVnd: c.fee_vnd, billable: isBillable(c.status) };
    // the charge the closed day counted for it, else the dossier's own
    const charge = c.line_charge ?? c.service_charge_vnd;
    if (c.line_day !== null && c.line_status !== null && c.line_mode !== null) {
      const before = {
        status: c.line_status,
        mode: c.line_mode,
        feeVnd: c.line_fee,
        billable: c.line_billable === 1,
      };
      if (before.billable === after.billable && before.feeVnd === after.feeVnd) continue;
      out.push({
        dossierId: c.id,
        localCode: c.local_code,
        day: c.line_day,
        agentName: c.agent_name,
        procedureCode: c.procedure_code,
        kind: 'changed',
        before,
        after,
        cashDeltaVnd: cashOf(after, charge) - cashOf(before, charge),
        serviceChargeVnd: charge,
        description: describe('changed', before, after),
      });
      continue;
    }
    const day = dayOf(c.created_at);
    if (!closed.has(day)) continue;
    out.push({
      dossierId: c.id,
      localCode: c.local_code,
      day,
      agentName: c.agent_name,
      procedureCode: c.procedure_code,
      kind: 'added',
      before: null,
      after,
      cashDeltaVnd: cashOf(after, charge),
      serviceChargeVnd: charge,
      description: describe('added', null, after),
    });
  }
  return out;
}

export function correctionsCash(corrections: Correction[]): number {
  return corrections.reduce((sum, c) => sum + c.cashDeltaVnd, 0);
}
