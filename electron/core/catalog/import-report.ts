// Parses a whole record source into procedures plus a report: totals, records per problem kind, every problem line.
import { writeFileSync } from 'node:fs';
import {
  parseNationalRecord,
  type ParsedProcedure,
  type ParseProblem,
  type ParseProblemKind,
} from './parse-record';
import { unsureKinds, type ComponentStats } from './parse-components';
import { readRecordSource, type NationalRecord } from './record-source';

export type ProblemKindCount = { kind: ParseProblemKind; records: number; occurrences: number };

/** How the records' checklists were read: groups, cases, notes, and how sure the parser is. */
export type StructureCounts = {
  recordsWithHeaders: number;
  headers: number;
  headersByType: Record<string, number>;
  recordsWithCases: number;
  cases: number;
  documents: number;
  conditionalDocuments: number;
  optionalDocuments: number;
  recordsWithNotes: number;
  notes: number;
  /** records with at least one problem of an "unsure" kind (listed per record in the report) */
  unsureRecords: number;
};

export type ImportReport = {
  source: string;
  total: number;
  /** procedures kept (a code seen twice is kept once, the later record winning) */
  stored: number;
  skipped: number;
  recordsWithProblems: number;
  kinds: ProblemKindCount[];
  problems: ParseProblem[];
  structure: StructureCounts;
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
  const structures = new Map<string, ComponentStats>();
  let unsureRecords = 0;
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
      if (result.structure) structures.set(code, result.structure);
    } else {
      skipped++;
    }
    if (found.length > 0) recordsWithProblems++;
    if (found.some((p) => (unsureKinds as readonly string[]).includes(p.kind))) unsureRecords++;
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
  const structure = countStructure(procedures, [...structures.values()], unsureRecords);
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
      structure,
      newestMtimeMs,
    },
  };
}

function countStructure(
  procedures: readonly ParsedProcedure[],
  structures: readonly ComponentStats[],
  unsureRecords: number,
): StructureCounts {
  const headersByType: Record<string, number> = {};
  for (const s of structures)
    for (const [type, n] of Object.entries(s.headersByType)) headersByType[type] = (headersByType[type] ?? 0) + n;
  const documents = procedures.flatMap((p) => [...p.documents, ...p.cases.flatMap((c) => c.documents)]);
  return {
    recordsWithHeaders: structures.filter((s) => s.headers > 0).length,
    headers: structures.reduce((n, s) => n + s.headers, 0),
    headersByType,
    recordsWithCases: procedures.filter((p) => p.cases.length > 0).length,
    cases: procedures.reduce((n, p) => n + p.cases.length, 0),
    documents: documents.length,
    conditionalDocuments: documents.filter((d) => d.requirement === 'conditional').length,
    optionalDocuments: documents.filter((d) => d.requirement === 'optional').length,
    recordsWithNotes: procedures.filter((p) => p.notes.length > 0).length,
    notes: procedures.reduce((n, p) => n + p.notes.length, 0),
    unsureRecords,
  };
}

export function parseRecordSource(path: string): ParsedSource {
  return parseRecords(readRecordSource(path), path);
}

/**
 * The parser's revision, in every national catalog version: an app update whose parser reads the same records better
 * ships a newer catalog, and installs load it again (default-catalog.ts). Bump it whenever the parse output changes.
 * 1: flat components (no suffix); 2: documents, cases, notes, conditions, fee rules; 3: ID documents (shown or copies
 * submitted) get pageKind 'id_card' (namesIdCardDocument).
 */
export const parserRevision = 3;

/** "national-2026-07-19.r2": the newest record's date and the parser revision, so the same archive gives the same version. */
export function defaultCatalogVersion(report: ImportReport): string {
  const date =
    report.newestMtimeMs > 0 ? new Date(report.newestMtimeMs).toISOString().slice(0, 10) : 'unknown';
  return `national-${date}.r${parserRevision}`;
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
    ...formatStructure(report.structure),
    '',
    `${'loại vấn đề'.padEnd(width)}  bản ghi   số lần`,
    ...report.kinds.map(
      (k) =>
        `${k.kind.padEnd(width)}  ${String(k.records).padStart(7)}  ${String(k.occurrences).padStart(7)}`,
    ),
  ];
  return lines.join('\n');
}

const headerTypeNames: Record<string, string> = {
  kind: 'loại giấy tờ (nộp / xuất trình)',
  notes: 'lưu ý',
  common: 'tiêu đề chung',
  modes: 'theo hình thức nộp',
  addon: 'kèm theo điều kiện (ủy quyền, trường hợp duy nhất)',
  case: 'trường hợp',
};

function formatStructure(s: StructureCounts): string[] {
  const types = Object.entries(s.headersByType).sort((a, b) => b[1] - a[1]);
  return [
    `Bản ghi có tiêu đề nhóm [ … ]: ${s.recordsWithHeaders} (${s.headers} tiêu đề)`,
    ...types.map(([type, n]) => `  ${headerTypeNames[type] ?? type}: ${n}`),
    `Bản ghi có trường hợp: ${s.recordsWithCases}`,
    `Tổng số trường hợp: ${s.cases}`,
    `Giấy tờ: ${s.documents} (có điều kiện: ${s.conditionalDocuments}, không bắt buộc: ${s.optionalDocuments})`,
    `Lưu ý tách khỏi giấy tờ: ${s.notes} (trong ${s.recordsWithNotes} bản ghi)`,
    `Bản ghi trình phân tích chưa chắc (${unsureKinds.join(', ')}): ${s.unsureRecords}`,
  ];
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
