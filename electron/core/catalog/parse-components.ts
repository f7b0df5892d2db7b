// Reads "Thành phần hồ sơ" into common documents, cases (trường hợp) with their own documents, and notes (Lưu ý).
import type { CatalogCase, CatalogDocument, CatalogNote, PageKind } from '../../common/catalog';
import { componentModes } from '../../common/component-modes';
import { foldVietnamese, tidyText } from '../../common/text';
import { namesIdCardDocument } from '../idcard/id-card-component';
import { caseKey, documentKey, uniqueKey } from './catalog-keys';
import { classifyItem, requirementOf } from './classify-items';
import { classifyHeader, splitGroups, type HeaderClass, type RawItem } from './component-groups';

/** Problems with the data, and (the last six) places where the parser is unsure of the structure it read. */
export type ComponentProblemKind =
  | 'no_components'
  | 'component_name_missing'
  | 'component_count_unparsed'
  | 'case_duplicate_name'
  | 'case_without_documents'
  | 'single_case'
  | 'note_kept_as_document'
  | 'header_reads_as_rule'
  | 'only_notes';
export type ComponentProblem = { field: string; kind: ComponentProblemKind; detail: string };

/** The kinds that mean "check this record's structure by hand" (the report lists those records as unsure). */
export const unsureKinds: readonly ComponentProblemKind[] = [
  'case_duplicate_name',
  'case_without_documents',
  'single_case',
  'note_kept_as_document',
  'header_reads_as_rule',
  'only_notes',
];

/** What the record's structure held, for the import report. */
export type ComponentStats = { headers: number; headersByType: Partial<Record<HeaderClass['type'], number>> };

export type ParsedComponents = {
  documents: CatalogDocument[];
  cases: CatalogCase[];
  notes: CatalogNote[];
  problems: ComponentProblem[];
  stats: ComponentStats;
};

const countPattern = /^Bản chính:\s*(\d+)\s*,\s*Bản sao:\s*(\d+)\s*$/;
const noInformation = /^\s*không có thông tin thành phần hồ sơ\.?\s*$/i;

/** Drops list bullets and numbering the portal keeps in names: "- - a) Tờ khai" -> "Tờ khai". */
export function cleanComponentName(raw: string): string {
  return tidyText(raw)
    .replace(/^(?:[-+*•–]\s*)+/u, '')
    .replace(/^(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]|\(?[a-zđ]\)|\([ivx]+\))\s+/iu, '')
    .replace(/[\s;,]+$/u, '')
    .trim();
}

/**
 * The citizen's ID document (shown or a copy submitted), a declaration form, or any other paper: what pages put in the
 * slot are. Set once here, at import, so scanning an ID card finds its slot by this fact, never by a name at run time.
 */
function pageKindOf(name: string, folded: string): PageKind {
  if (namesIdCardDocument(name)) return 'id_card';
  if (/^(?:to khai|mau ho tich dien tu|mau to khai)/.test(folded)) return 'form';
  return 'document';
}

/** A group as the assembler sees it: where its documents go, and what they inherit. */
type Target = {
  caseKey: string | null;
  kind: CatalogDocument['kind'];
  underNotes: boolean;
  onlyModes: CatalogDocument['onlyModes'];
  condition: string | null;
};

type Assembly = ParsedComponents & { keys: Set<string>; index: number };

function addItem(out: Assembly, raw: RawItem, target: Target, owner: CatalogDocument[]): void {
  const field = `components[${out.index++}]`;
  const text = cleanComponentName(raw.lines.join(' '));
  const name = text.replace(/\s*:$/, '');
  if (name === '') {
    out.problems.push({ field, kind: 'component_name_missing', detail: `thành phần thứ ${out.index} không có tên, đã bỏ qua` });
    return;
  }
  const counts = raw.counts === null ? null : countPattern.exec(tidyText(raw.counts));
  const originals = counts?.[1] !== undefined ? Number(counts[1]) : null;
  const copies = counts?.[2] !== undefined ? Number(counts[2]) : null;
  if (!counts)
    out.problems.push({ field, kind: 'component_count_unparsed', detail: raw.counts ?? `${name} (không ghi số lượng)` });
  const foldedText = foldVietnamese(text);
  const folded = foldedText.replace(/\s*:$/, '');
  const verdict = classifyItem(foldedText, { originals, copies }, target.underNotes);
  if (verdict.type === 'note') {
    out.notes.push({ text: name, caseKey: target.caseKey });
    return;
  }
  if ('keptFromNotes' in verdict)
    out.problems.push({ field, kind: 'note_kept_as_document', detail: `mục trong "Lưu ý" giữ làm giấy tờ: ${name}` });
  const onlyModes = componentModes(name, folded) ?? target.onlyModes;
  const { requirement, condition } = requirementOf(name, folded, { originals, copies }, {
    limitedToModes: onlyModes !== null,
    groupCondition: target.condition,
  });
  const key = uniqueKey(documentKey(target.kind, name, target.caseKey, folded), out.keys);
  out.keys.add(key);
  owner.push({
    key,
    name,
    label: null,
    kind: target.kind,
    originals,
    copies,
    requirement,
    condition,
    onlyModes,
    requirementByMode: null,
    pageKind: pageKindOf(name, folded),
    formId: null,
  });
}

/** A lone case is no choice: with common documents beside it, it adds documents on its condition; alone, it is all. */
function settleSingleCase(classes: HeaderClass[], hasCommon: boolean): HeaderClass[] {
  const cases = classes.filter((c) => c.type === 'case');
  if (cases.length !== 1) return classes;
  return classes.map((c) =>
    c.type !== 'case'
      ? c
      : hasCommon
        ? { type: 'addon', condition: c.name.charAt(0).toLocaleLowerCase('vi') + c.name.slice(1) }
        : { type: 'common' },
  );
}

export function parseComponents(lines: string[]): ParsedComponents {
  const out: Assembly = {
    documents: [],
    cases: [],
    notes: [],
    problems: [],
    stats: { headers: 0, headersByType: {} },
    keys: new Set(),
    index: 0,
  };
  const groups = splitGroups(lines);
  const initial = groups.map((g) => (g.header === null ? null : classifyHeader(g.header)));
  const hasCommon = groups.some((g, i) => g.items.length > 0 && initial[i]?.type !== 'case' && initial[i]?.type !== 'notes');
  const classes = settleSingleCase(
    initial.filter((c): c is HeaderClass => c !== null),
    hasCommon,
  );
  let classIndex = 0;
  let kind: CatalogDocument['kind'] = 'submit';
  const caseNames = new Set<string>();
  for (const group of groups) {
    const cls = group.header === null ? null : (classes[classIndex++] ?? null);
    if (cls) {
      out.stats.headers++;
      out.stats.headersByType[cls.type] = (out.stats.headersByType[cls.type] ?? 0) + 1;
    }
    if (cls?.type === 'kind') kind = cls.kind;
    // a case starts its own list: documents to submit until a kind header inside it says otherwise
    if (cls?.type === 'case') kind = 'submit';
    // a paper kept from a Lưu ý group is handed in (1.001193's tờ khai), whatever kind the group before it set
    const underNotes = cls?.type === 'notes';
    const target: Target = { caseKey: null, kind: underNotes ? 'submit' : kind, underNotes, onlyModes: null, condition: null };
    let owner = out.documents;
    if (cls?.type === 'modes') target.onlyModes = cls.modes;
    if (cls?.type === 'addon') target.condition = cls.condition;
    if (cls?.type === 'case') {
      const folded = foldVietnamese(cls.name);
      const repeated = caseNames.has(folded);
      caseNames.add(folded);
      const key = caseKey(cls.name, new Set(out.cases.map((c) => c.key)));
      const name = repeated ? `${cls.name} (${out.cases.filter((c) => foldVietnamese(c.name).startsWith(folded)).length + 1})` : cls.name;
      if (repeated)
        out.problems.push({ field: `cases.${key}`, kind: 'case_duplicate_name', detail: `hai trường hợp cùng tên "${cls.name}"` });
      if (/\b(?:chiu trach nhiem|co trach nhiem)\b/.test(folded) || (/\sthì\s/u.test(cls.name) && folded.length > 120))
        out.problems.push({ field: `cases.${key}`, kind: 'header_reads_as_rule', detail: `tiêu đề đọc như một quy định: ${cls.name}` });
      const description = group.header !== null && tidyText(group.header) !== name ? tidyText(group.header) : null;
      const created: CatalogCase = { key, name, description, documents: [] };
      out.cases.push(created);
      owner = created.documents;
      target.caseKey = key;
    }
    for (const item of group.items) addItem(out, item, target, owner);
  }
  for (const c of out.cases) {
    if (c.documents.length === 0)
      out.problems.push({ field: `cases.${c.key}`, kind: 'case_without_documents', detail: `trường hợp "${c.name}" không có giấy tờ nào` });
  }
  if (initial.filter((c) => c?.type === 'case').length === 1) {
    const detail = hasCommon
      ? 'chỉ có một trường hợp: giấy tờ của nó được coi là giấy tờ kèm theo điều kiện'
      : 'chỉ có một trường hợp: giấy tờ của nó được coi là giấy tờ chung';
    out.problems.push({ field: 'cases', kind: 'single_case', detail });
  }
  const documentCount = out.documents.length + out.cases.reduce((n, c) => n + c.documents.length, 0);
  if (documentCount === 0 && out.notes.length > 0)
    out.problems.push({ field: 'components', kind: 'only_notes', detail: 'mọi mục đều đọc như lưu ý, không còn giấy tờ nào' });
  if (documentCount === 0 && out.notes.length === 0) {
    const said = lines.find((line) => noInformation.test(line));
    out.problems.push({
      field: 'components',
      kind: 'no_components',
      detail: said ? tidyText(said) : 'không có thành phần hồ sơ nào',
    });
  }
  const { keys: _keys, index: _index, ...parsed } = out;
  return parsed;
}
