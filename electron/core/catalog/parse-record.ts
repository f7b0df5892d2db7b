// Parses one national-portal record (Data_DVC/<code>.txt) into a catalog procedure plus what could not be read.
import type { CatalogProcedure } from '../../common/catalog';
import { capitalFirst, tidyText } from '../../common/text';
import { parseComponents, type ComponentProblemKind, type ComponentStats } from './parse-components';
import { parseModes, type ModeProblemKind } from './parse-modes';
import { splitRecord, type RecordKey, type RecordSections } from './record-sections';

export type ParseProblemKind =
  | 'code_missing'
  | 'code_from_file_name'
  | 'code_mismatch'
  | 'code_unusual'
  | 'code_duplicate'
  | 'missing_name'
  | 'missing_decision_no'
  | 'missing_level'
  | 'missing_procedure_type'
  | 'missing_field'
  | 'missing_agency'
  | 'missing_result'
  | 'missing_applicant_types'
  | ModeProblemKind
  | ComponentProblemKind;

export type ParseProblem = { code: string; field: string; kind: ParseProblemKind; detail: string };

/** A procedure as read from a record: the catalog fields without source/active, which the importer adds. */
export type ParsedProcedure = Omit<CatalogProcedure, 'source' | 'active'>;

export type ParseResult = {
  procedure: ParsedProcedure | null;
  problems: ParseProblem[];
  /** the `[ … ]` headers of "Thành phần hồ sơ" and what they were read as (null when the record was skipped) */
  structure: ComponentStats | null;
};

const codePattern = /^\d\.\d{6}$/;
const emptyValue = /^(?:không có thông tin|không|-)?\.?$/i;

/**
 * "Loại thủ tục" holds either Vietnamese text or one of the portal's internal codes (690 records say
 * NOT_ASSIGNED_REGULATION); the agent reads Vietnamese, so the codes are rendered in our own words.
 */
const procedureTypeNames: Record<string, string> = {
  LOCAL_REGULATION: 'TTHC do địa phương quy định',
  CENTRAL_REGULATION: 'TTHC do trung ương quy định',
  NOT_ASSIGNED_REGULATION: 'TTHC không được luật giao quy định chi tiết',
  OTHER: 'Khác',
};

function valueOf(sections: RecordSections, key: RecordKey): string | null {
  const lines = sections[key];
  if (!lines) return null;
  const text = tidyText(lines.join(' '));
  return emptyValue.test(text) ? null : text;
}

/** The code a file name carries: "Data_DVC/1.001193.txt" -> "1.001193". */
export function codeFromFileName(fileName: string): string | null {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const code = base.replace(/\.txt$/i, '').trim();
  return /^\d+\.\d+[\w-]*$/.test(code) ? code : null;
}

function readCode(
  sections: RecordSections,
  fileName: string | undefined,
  problems: ParseProblem[],
): string | null {
  const inText = valueOf(sections, 'Mã thủ tục');
  const inName = fileName ? codeFromFileName(fileName) : null;
  const code = inText ?? inName;
  const where = fileName ?? '(không rõ tệp)';
  if (!code) {
    problems.push({
      code: where,
      field: 'code',
      kind: 'code_missing',
      detail: 'bản ghi không có mã thủ tục, đã bỏ qua',
    });
    return null;
  }
  if (!inText)
    problems.push({ code, field: 'code', kind: 'code_from_file_name', detail: `lấy mã từ tên tệp ${where}` });
  else if (inName && inName !== inText)
    problems.push({ code, field: 'code', kind: 'code_mismatch', detail: `tên tệp ${where}` });
  if (!codePattern.test(code)) problems.push({ code, field: 'code', kind: 'code_unusual', detail: code });
  return code;
}

const optionalFields: [keyof ParsedProcedure, RecordKey, ParseProblemKind][] = [
  ['decisionNo', 'Số quyết định', 'missing_decision_no'],
  ['level', 'Cấp thực hiện', 'missing_level'],
  ['procedureType', 'Loại thủ tục', 'missing_procedure_type'],
  ['field', 'Lĩnh vực', 'missing_field'],
  ['agency', 'Cơ quan thực hiện', 'missing_agency'],
  ['resultText', 'Kết quả thực hiện', 'missing_result'],
  ['applicantTypes', 'Đối tượng thực hiện', 'missing_applicant_types'],
];

export function parseNationalRecord(text: string, fileName?: string): ParseResult {
  const sections = splitRecord(text);
  const problems: ParseProblem[] = [];
  const code = readCode(sections, fileName, problems);
  if (!code) return { procedure: null, problems, structure: null };

  const name = valueOf(sections, 'Tên thủ tục');
  if (!name)
    problems.push({
      code,
      field: 'name',
      kind: 'missing_name',
      detail: 'không có tên thủ tục; dùng mã làm tên',
    });
  const values: Record<string, string | null> = {};
  for (const [prop, key, kind] of optionalFields) {
    values[prop] = valueOf(sections, key);
    if (values[prop] === null) problems.push({ code, field: prop, kind, detail: `thiếu "${key}"` });
  }
  const procedureType = values.procedureType ?? null;

  const modes = parseModes(sections['Cách thức thực hiện'] ?? []);
  const components = parseComponents(sections['Thành phần hồ sơ'] ?? []);
  for (const problem of [...modes.problems, ...components.problems]) problems.push({ code, ...problem });

  return {
    procedure: {
      code,
      name: name ? capitalFirst(name) : `Thủ tục ${code}`,
      level: values.level ?? null,
      field: values.field ?? null,
      agency: values.agency ?? null,
      procedureType: procedureType ? (procedureTypeNames[procedureType] ?? procedureType) : null,
      decisionNo: values.decisionNo ?? null,
      resultText: values.resultText ?? null,
      applicantTypes: values.applicantTypes ?? null,
      modes: modes.modes,
      documents: components.documents,
      cases: components.cases,
      notes: components.notes,
      subject: null,
    },
    problems,
    structure: components.stats,
  };
}
