// Parses a whole record source into procedures plus a report: totals, records per problem kind, every problem line.
import { writeFileSync } from 'node:fs';
import {
  parseNationalRecord,
  type ParsedProcedure,
  type ParseProblem,
  type ParseProblemKind,
} from './parse-record';
import { readRecordSource, type NationalRecord } from './record-source';

export type ProblemKindCount = { kind: ParseProblemKind; records: number; occurrences: number };

export type ImportReport = {
  source: string;
  total: number;
  /** procedures kept (a code seen twice is kept once, the later record winning) */
  stored: number;
  skipped: number;
  recordsWithProblems: number;
  kinds: ProblemKindCount[];
  problems: ParseProblem[];
  /** newest record modification time, epoch ms (0 when unknown): a stable default catalog version */
  newestMtimeMs: number;
};

export type ParsedSource = { procedures: ParsedProcedure[]; report: ImportReport };

/** Parses records one by one; the report counts, for each kind, how many records had it and how often. */
export function parseRecords(records: Iterable<NationalRecord>, source: string): ParsedSource {
  const byCode = new Map<string, ParsedProcedure>();
  const problems: ParseProblem[] = [];
  const recordsByKind = new Map<ParseProblemKind, number>();
  const occurrencesByKind = new Map<ParseProblemKind, number>();
  let total = 0;
  let skipped = 0;
  let recordsWithProblems = 0;
  let newestMtimeMs = 0;
  for (const record of records) {
    total++;
    newestMtimeMs = Math.max(newestMtimeMs, record.mtimeMs);
    const result = parseNationalRecord(record.text, record.name);
    const found = [...result.problems];
    if (result.procedure) {
      const { code } = result.procedure;
      if (byCode.has(code))
        found.push({
          code,
          field: 'code',
          kind: 'code_duplicate',
          detail: `mã trùng, dùng bản ghi ${record.name}`,
        });
      byCode.set(code, result.procedure);
    } else {
      skipped++;
    }
    if (found.length > 0) recordsWithProblems++;
    for (const kind of new Set(found.map((p) => p.kind)))
      recordsByKind.set(kind, (recordsByKind.get(kind) ?? 0) + 1);
    for (const problem of found)
      occurrencesByKind.set(problem.kind, (occurrencesByKind.get(problem.kind) ?? 0) + 1);
    problems.push(...found);
  }
  const kinds = [...recordsByKind.entries()]
    .map(([kind, count]) => ({ kind, records: count, occurrences: occurrencesByKind.get(kind) ?? 0 }))
    .sort((a, b) => b.records - a.records || (a.kind < b.kind ? -1 : 1));
  const procedures = [...byCode.values()];
  return {
    procedures,
    report: {
      source,
      total,
      stored: procedures.length,
      skipped,
      recordsWithProblems,
      kinds,
      problems,
      newestMtimeMs,
    },
  };
}

export function parseRecordSource(path: string): ParsedSource {
  return parseRecords(readRecordSource(path), path);
}

/** "national-2026-07-19": the date of the newest record, so the same archive always gives the same version. */
export function defaultCatalogVersion(report: ImportReport): string {
  const date =
    report.newestMtimeMs > 0 ? new Date(report.newestMtimeMs).toISOString().slice(0, 10) : 'unknown';
  return `national-${date}`;
}

/** The totals and the per-kind table, as printed by the command line and at the top of the report file. */
export function formatReportSummary(report: ImportReport): string {
  const width = Math.max(10, ...report.kinds.map((k) => k.kind.length));
  const lines = [
    `Nguồn: ${report.source}`,
    `Bản ghi đọc được: ${report.total}`,
    `Thủ tục lưu được: ${report.stored}`,
    `Bản ghi bỏ qua: ${report.skipped}`,
    `Bản ghi có ít nhất một vấn đề: ${report.recordsWithProblems}`,
    '',
    `${'loại vấn đề'.padEnd(width)}  bản ghi   số lần`,
    ...report.kinds.map(
      (k) =>
        `${k.kind.padEnd(width)}  ${String(k.records).padStart(7)}  ${String(k.occurrences).padStart(7)}`,
    ),
  ];
  return lines.join('\n');
}

function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The full report: summary, then one tab-separated line per problem (code, field, kind, detail), record by record. */
export function formatReport(report: ImportReport): string {
  const header = [
    'Báo cáo nhập danh mục thủ tục hành chính (Đại lý DVC)',
    '',
    formatReportSummary(report),
    '',
  ];
  const detail = ['Chi tiết từng bản ghi (mã, trường, loại, nội dung):'];
  for (const p of report.problems) detail.push(`${p.code}\t${p.field}\t${p.kind}\t${oneLine(p.detail)}`);
  return [...header, ...detail, ''].join('\n');
}

export function writeReport(report: ImportReport, file: string): void {
  writeFileSync(file, formatReport(report), 'utf8');
}
