// The day report as an XLSX workbook: a summary sheet, one sheet per agent and one per procedure, and the corrections.
import ExcelJS from 'exceljs';
import { formatDate, formatDateTime } from '../../common/format';
import type { DayReport, DayReportRow } from '../../common/report-contract';
import { statusGroupLabels, statusGroupOrder } from '../../common/report-labels';
import { vndInWords } from './vnd-words';

/** Numbers stay numbers (sums work in Excel); only the display adds the đồng sign and dot grouping of a vi-VN locale. */
const MONEY = '#,##0 "₫"';

export const SHEET_NAMES = {
  summary: 'Tổng hợp',
  agents: 'Theo nhân viên',
  procedures: 'Theo thủ tục',
  dossiers: 'Theo hồ sơ',
  corrections: 'Điều chỉnh',
} as const;

export async function renderDayReportXlsx(report: DayReport, preparedBy: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Đại lý DVC';
  wb.created = new Date(report.closedAt ?? report.generatedAt);
  addSummary(wb, report, preparedBy);
  addRowsSheet(
    wb,
    SHEET_NAMES.agents,
    [{ header: 'Nhân viên', key: 'name', width: 28 }],
    report.byAgent,
    report.totals,
    (r) => ({ name: r.name }),
  );
  addRowsSheet(
    wb,
    SHEET_NAMES.procedures,
    [
      { header: 'Mã thủ tục', key: 'code', width: 14 },
      { header: 'Tên thủ tục', key: 'name', width: 60 },
    ],
    report.byProcedure,
    report.totals,
    (r) => ({ code: r.key, name: r.name }),
  );
  addLines(wb, report);
  addCorrections(wb, report);
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

function addSummary(wb: ExcelJS.Workbook, r: DayReport, preparedBy: string): void {
  const ws = wb.addWorksheet(SHEET_NAMES.summary);
  ws.columns = [{ width: 34 }, { width: 40 }];
  const state =
    r.state === 'closed' && r.closedAt !== null
      ? `Đã chốt sổ lúc ${formatDateTime(r.closedAt)} bởi ${r.closedBy ?? ''}`
      : 'Bản xem trước - chưa chốt sổ';
  const rows: [string, string | number, 'money'?][] = [
    ['Đại lý', r.office.name],
    ['Mã đại lý', r.office.code],
    ['Địa chỉ', r.office.address],
    ['Ngày báo cáo', formatDate(r.date)],
    ['Tình trạng', state],
    ['Mã kiểm tra', r.hash ?? ''],
    ['Người lập', preparedBy],
    ['Số hồ sơ tiếp nhận', r.totals.taken],
    ['Đã cấp phiếu, thu tiền (hồ sơ)', r.totals.billable],
    ['Hồ sơ chưa xác định lệ phí', r.totals.feesUnknown],
    ['Phí, lệ phí', r.totals.feesVnd, 'money'],
    ['Phí dịch vụ mỗi hồ sơ', r.serviceChargeVnd, 'money'],
    ['Phí dịch vụ của đại lý', r.totals.serviceVnd, 'money'],
    ['Tiền thu trong ngày', r.totals.cashVnd, 'money'],
    ['Điều chỉnh các ngày đã chốt', r.correctionsCashVnd, 'money'],
    ['Tổng tiền mặt bàn giao', r.cashToHandOverVnd, 'money'],
    ['Bằng chữ', vndInWords(r.cashToHandOverVnd)],
  ];
  const title = ws.addRow([`BÁO CÁO TIẾP NHẬN HỒ SƠ VÀ THU TIỀN NGÀY ${formatDate(r.date)}`]);
  title.font = { bold: true, size: 13 };
  ws.addRow([]);
  for (const [label, value, money] of rows) {
    const row = ws.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    if (money) row.getCell(2).numFmt = MONEY;
  }
  ws.addRow([]);
  ws.addRow(['Số hồ sơ theo trạng thái']).font = { bold: true };
  for (const g of statusGroupOrder) ws.addRow([statusGroupLabels[g], r.totals.statuses[g]]);
}

type Column = { header: string; key: string; width: number };

function addRowsSheet(
  wb: ExcelJS.Workbook,
  name: string,
  idColumns: Column[],
  rows: DayReportRow[],
  totals: DayReportRow,
  ids: (r: DayReportRow) => Record<string, string>,
): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    ...idColumns,
    { header: 'Tiếp nhận', key: 'taken', width: 11 },
    ...statusGroupOrder.map((g) => ({ header: statusGroupLabels[g], key: `s_${g}`, width: 12 })),
    { header: 'Đã thu (hồ sơ)', key: 'billable', width: 14 },
    { header: 'Phí, lệ phí', key: 'fees', width: 16 },
    { header: 'Phí dịch vụ', key: 'service', width: 16 },
    { header: 'Thành tiền', key: 'cash', width: 16 },
  ];
  ws.getRow(1).font = { bold: true };
  const values = (r: DayReportRow) => ({
    taken: r.taken,
    ...Object.fromEntries(statusGroupOrder.map((g) => [`s_${g}`, r.statuses[g]])),
    billable: r.billable,
    fees: r.feesVnd,
    service: r.serviceVnd,
    cash: r.cashVnd,
  });
  for (const r of rows) ws.addRow({ ...ids(r), ...values(r) });
  const total = ws.addRow({
    [idColumns[idColumns.length - 1]?.key ?? 'name']: 'Tổng cộng',
    ...values(totals),
  });
  total.font = { bold: true };
  for (const key of ['fees', 'service', 'cash']) ws.getColumn(key).numFmt = MONEY;
}

/** each billable dossier with its own fee and service charge (the charge it was taken with) */
function addLines(wb: ExcelJS.Workbook, r: DayReport): void {
  const ws = wb.addWorksheet(SHEET_NAMES.dossiers, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: 'Mã hồ sơ', key: 'code', width: 22 },
    { header: 'Mã thủ tục', key: 'proc', width: 14 },
    { header: 'Nhân viên', key: 'agent', width: 24 },
    { header: 'Phí, lệ phí', key: 'fee', width: 16 },
    { header: 'Phí dịch vụ', key: 'service', width: 16 },
    { header: 'Thành tiền', key: 'cash', width: 16 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const l of r.lines) {
    ws.addRow({ code: l.localCode, proc: l.procedureCode, agent: l.agentName, fee: l.feeVnd, service: l.serviceChargeVnd, cash: l.cashVnd });
  }
  for (const key of ['fee', 'service', 'cash']) ws.getColumn(key).numFmt = MONEY;
}

function addCorrections(wb: ExcelJS.Workbook, r: DayReport): void {
  const ws = wb.addWorksheet(SHEET_NAMES.corrections);
  ws.columns = [
    { header: 'Ngày đã chốt', key: 'day', width: 13 },
    { header: 'Mã hồ sơ', key: 'code', width: 20 },
    { header: 'Nhân viên', key: 'agent', width: 24 },
    { header: 'Mã thủ tục', key: 'proc', width: 14 },
    { header: 'Nội dung', key: 'what', width: 60 },
    { header: 'Chênh lệch', key: 'delta', width: 16 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const x of r.corrections) {
    ws.addRow({
      day: formatDate(x.day),
      code: x.localCode,
      agent: x.agentName,
      proc: x.procedureCode,
      what: x.description,
      delta: x.cashDeltaVnd,
    });
  }
  ws.getColumn('delta').numFmt = MONEY;
}
