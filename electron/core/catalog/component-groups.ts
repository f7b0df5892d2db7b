// Splits "Thành phần hồ sơ" into its `[ … ]` groups and items, and says what each group header is (kind, notes, case...).
import { componentModes } from '../../common/component-modes';
import type { CatalogFilingMode } from '../../common/catalog';
import { foldVietnamese, tidyText } from '../../common/text';

/*
 * What a header does to the items under it, read from the national records (1,235 of 5,652 have headers):
 * - kind: "* Giấy tờ phải nộp:", "Giấy tờ phải xuất trình", "Thành phần hồ sơ xuất trình" set submit/show;
 * - notes: "* Lưu ý:", "Ghi chú" make the items guidance (except evident documents, see classify-items.ts);
 * - common: "Thành phần hồ sơ:", "Bao gồm", "01 bộ hồ sơ" restate the section title: items for everyone;
 * - modes: "Trường hợp nộp hồ sơ trực tuyến:" limits the items to those filing modes;
 * - addon: "Trường hợp ủy quyền …, kèm theo hồ sơ phải có:" adds documents when its condition holds (not exclusive);
 * - case: anything else ("Đăng ký thường trú vào chỗ ở hợp pháp do thuê, mượn, ở nhờ", "a) Đối với cấp mới").
 */
export type HeaderClass =
  | { type: 'kind'; kind: 'submit' | 'show' }
  | { type: 'notes' }
  | { type: 'common' }
  | { type: 'modes'; modes: CatalogFilingMode[] }
  | { type: 'addon'; condition: string }
  | { type: 'case'; name: string };

export type RawItem = { lines: string[]; counts: string | null };
export type RawGroup = { header: string | null; items: RawItem[] };

const groupLine = /^\s{1,3}\[\s*(.*?)\s*\]\s*$/;
const itemLine = /^ {4}-(?: (.*))?$/;
const countLine = /^\s*Số lượng: ?(.*)$/;

/** Groups in the record's order; items before the first header form a group with no header. */
export function splitGroups(lines: readonly string[]): RawGroup[] {
  const groups: RawGroup[] = [{ header: null, items: [] }];
  let current: RawItem | null = null;
  for (const line of lines) {
    const header = groupLine.exec(line);
    if (header) {
      groups.push({ header: header[1] ?? '', items: [] });
      current = null;
      continue;
    }
    const item = itemLine.exec(line);
    const group = groups[groups.length - 1];
    if (item && group) {
      current = { lines: [item[1] ?? ''], counts: null };
      group.items.push(current);
      continue;
    }
    const count = countLine.exec(line);
    if (count && current && current.counts === null) current.counts = count[1] ?? '';
    else if (current && current.counts === null && line.trim() !== '') current.lines.push(line);
  }
  return groups.filter((g) => g.header !== null || g.items.length > 0);
}

/** "- a) Đối với cấp mới:" -> "Đối với cấp mới"; "(1.1) Đối với công trình…" -> "Đối với công trình…" */
export function tidyHeader(header: string): string {
  const text = tidyText(header)
    .replace(/^(?:[-+*•–]\s*)+/u, '')
    .replace(/^(?:\(?\d{1,2}(?:\.\d{1,2})*[.)-]|\(?[a-zđ]\d?[.)]|\([ivx]+\)|[IVX]+[.)])\s*/iu, '')
    .replace(/^(?:[-+*•–]\s*)+/u, '')
    .replace(/[\s:;,.]+$/u, '')
    .replace(/,?\s*(?:thì\s+)?(?:hồ sơ\s+)?(?:bao\s+)?gồm(?:\s+các giấy tờ sau(?:\s+đây)?)?$/iu, '')
    .trim();
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

const notesHeader = /^(?:\*\s*)?(?:luu y|ghi chu|chu y)\b/;
// a kind header says nothing but the kind: "Các giấy tờ phải nộp (bản chính), mỗi loại 01 bản, gồm:"; "Thành phần hồ sơ
// phải nộp khi xuất cảnh" or "Hồ sơ nộp lần đầu" name a case
const kindHeader =
  /^(?:cac |nhung )?(?:giay to|thanh phan ho so|tai lieu)(?: phai| can)? ?(?:nop|xuat trinh)(?: \(ban chinh\))?(?:,? moi loai \d+ ban)?(?:,? (?:bao )?gom)?(?: de luu giu tai .*)?$/;
// a header that only restates the section title; "Thành phần hồ sơ giao đất …" or "… phải nộp khi xuất cảnh" names a case
const commonHeader =
  /^(?:(?:thanh phan(?:, so luong)? )?ho so(?: chung)?(?:,? (?:bao gom|gom)\b.*|: .*| ban hanh kem theo .*| theo danh muc .*)?|bao gom|gom|so luong ho so\b.*|(?:\d+|mot) bo ho so\b.*|\d+|nguoi yeu cau chung thuc nop\b.*)$/;
const addonHeader =
  /^(?:(?:\*\s*)?(?:doi voi |trong )?truong hop (?:nguoi [a-z ]{0,40})?uy quyen|nguoi (?:co tham quyen )?[a-z ,]{0,60}co the uy quyen)/;

/** the condition an add-on header states, without what follows it: "Trường hợp ủy quyền cho tổ chức …" */
function conditionOfHeader(name: string): string {
  const folded = foldVietnamese(name);
  const cut = /,? (?:thi|kem theo|phai co|ho so phai|hoac)\b|:/.exec(folded);
  const text = (cut ? name.slice(0, cut.index) : name).replace(/[\s,;:]+$/u, '');
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

export function classifyHeader(header: string): HeaderClass {
  const name = tidyHeader(header);
  const folded = foldVietnamese(name);
  if (notesHeader.test(folded)) return { type: 'notes' };
  if (kindHeader.test(folded.replace(/[:.]+$/, '')) || /^xuat trinh\b/.test(folded)) {
    const show = folded.includes('xuat trinh') && !/\bnop\b/.test(folded);
    return { type: 'kind', kind: show ? 'show' : 'submit' };
  }
  if (folded === '' || commonHeader.test(folded)) return { type: 'common' };
  if (addonHeader.test(folded)) return { type: 'addon', condition: conditionOfHeader(name) };
  // "Trường hợp hồ sơ không được gửi trên môi trường điện tử" is the other modes, read as a case rather than guessed
  const modes = /\bkhong\b/.test(folded) ? null : componentModes(name);
  if (modes) return { type: 'modes', modes };
  return { type: 'case', name };
}
