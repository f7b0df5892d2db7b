// Reads the "Thành phần hồ sơ" section: documents to submit (phải nộp) or show (phải xuất trình), with counts.
import type { ProcedureComponent } from '../../common/catalog';
import { foldVietnamese, tidyText } from '../../common/text';

export type ComponentProblemKind = 'no_components' | 'component_name_missing' | 'component_count_unparsed';
export type ComponentProblem = { field: string; kind: ComponentProblemKind; detail: string };

type Group = { kind: ProcedureComponent['kind']; conditional: boolean };
type RawComponent = { lines: string[]; counts: string | null; group: Group };

const groupLine = /^\s{1,3}\[\s*(.*?)\s*\]\s*$/;
const itemLine = /^ {4}-(?: (.*))?$/;
const countLine = /^\s*Số lượng: ?(.*)$/;
const countPattern = /^Bản chính:\s*(\d+)\s*,\s*Bản sao:\s*(\d+)\s*$/;
const noInformation = /^\s*không có thông tin thành phần hồ sơ\.?\s*$/i;

/** "[ * Giấy tờ phải xuất trình: ]" starts documents to show; "[ Trường hợp ủy quyền: ]" starts one case's documents. */
export function groupFromHeader(header: string): Group {
  const folded = foldVietnamese(header).replace(/^[-*+\s]+/, '');
  const show = folded.includes('xuat trinh') && !/\bnop\b/.test(folded);
  const conditional = /^(?:[a-z0-9]{1,2}[.)]\s*)?(?:\(?truong hop|doi voi)/.test(folded);
  return { kind: show ? 'show' : 'submit', conditional };
}

function splitComponents(lines: string[]): RawComponent[] {
  const items: RawComponent[] = [];
  let group: Group = { kind: 'submit', conditional: false };
  let current: RawComponent | null = null;
  for (const line of lines) {
    const header = groupLine.exec(line);
    if (header) {
      group = groupFromHeader(header[1] ?? '');
      current = null;
      continue;
    }
    const item = itemLine.exec(line);
    if (item) {
      current = { lines: [item[1] ?? ''], counts: null, group };
      items.push(current);
      continue;
    }
    const count = countLine.exec(line);
    if (count && current && current.counts === null) current.counts = count[1] ?? '';
    else if (current && current.counts === null && line.trim() !== '') current.lines.push(line);
  }
  return items;
}

/** Drops list bullets and numbering the portal keeps in names: "- - a) Tờ khai" -> "Tờ khai". */
export function cleanComponentName(raw: string): string {
  return tidyText(raw)
    .replace(/^(?:[-+*•–]\s*)+/u, '')
    .replace(/^(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]|\(?[a-zđ]\)|\([ivx]+\))\s+/iu, '')
    .replace(/[\s;,:]+$/u, '')
    .trim();
}

/** Optional when the record says so ("nếu có"), only in some case ("trong trường hợp ..."), or asks for no paper at all. */
function isRequired(name: string, originals: number | null, copies: number | null, group: Group): boolean {
  if (group.conditional) return false;
  if (originals !== null && copies !== null && originals + copies === 0) return false;
  const folded = foldVietnamese(name);
  return (
    !folded.includes('neu co') &&
    !folded.includes('trong truong hop') &&
    !/^(?:\(?truong hop|doi voi truong hop)/.test(folded)
  );
}

export function parseComponents(lines: string[]): {
  components: ProcedureComponent[];
  problems: ComponentProblem[];
} {
  const problems: ComponentProblem[] = [];
  const components: ProcedureComponent[] = [];
  splitComponents(lines).forEach((raw, index) => {
    const field = `components[${index}]`;
    const name = cleanComponentName(raw.lines.join(' '));
    if (name === '') {
      problems.push({
        field,
        kind: 'component_name_missing',
        detail: `thành phần thứ ${index + 1} không có tên, đã bỏ qua`,
      });
      return;
    }
    const counts = raw.counts === null ? null : countPattern.exec(tidyText(raw.counts));
    const originals = counts?.[1] !== undefined ? Number(counts[1]) : null;
    const copies = counts?.[2] !== undefined ? Number(counts[2]) : null;
    if (!counts)
      problems.push({
        field,
        kind: 'component_count_unparsed',
        detail: raw.counts ?? `${name} (không ghi số lượng)`,
      });
    components.push({
      kind: raw.group.kind,
      name,
      originals,
      copies,
      required: isRequired(name, originals, copies, raw.group),
    });
  });
  if (components.length === 0) {
    const said = lines.find((line) => noInformation.test(line));
    problems.push({
      field: 'components',
      kind: 'no_components',
      detail: said ? tidyText(said) : 'không có thành phần hồ sơ nào',
    });
  }
  return { components, problems };
}
