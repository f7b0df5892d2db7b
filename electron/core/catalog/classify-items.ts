// Reads one checklist item: a document or a note (guidance), and for a document its requirement and condition in words.
import type { Requirement } from '../../common/catalog';
import { foldVietnamese } from '../../common/text';

/** Names that are evidently a paper to hand in: a form, a certificate, a copy, a letter (folded). */
const documentLike =
  /^(?:\d+ |mot |hai |ba |\(\d+\) )?(?:to khai|mau |ban sao|ban chinh|ban chup|ban dien tu|ban goc|giay|van ban|don |phieu|hop dong|quyet dinh|so |anh |hoa don|bien ban|chung tu|ho chieu|the |can cuoc|chung minh|bang |chung chi|danh sach|bao cao|ke hoach|phuong an|ho so|tai lieu|trich luc|bieu mau|ban ke|ban khai|ban cam ket|ban ve|ban do|so do|de an|tep|cong van|to trinh|bang ke|ly lich|hoc ba|chung nhan|xac nhan|thong bao|thu |du thao|dieu le|hoa don|bien lai|giay phep)/;

/** Openings of a rule for the receiving officer or the citizen rather than a paper (folded). */
const ruleOpening =
  /^(?:\(?(?:doi voi |trong )?truong hop|doi voi|neu|khi|nguoi |co quan|ca nhan|cong dan|so luong|trong lan|tu lan|ty le|viec |trong thoi han|ke tu|luu y|ghi chu|chu y|can cu|theo quy dinh|sau khi|tru truong hop|khong |hoac |vi du|moi |tat ca|cac giay to|giay to do co quan|giay to, tai lieu do co quan|ho so (?:duoc|phai|nop)|thoi han|ve |sau |truoc )/;

/** Words a rule uses and a document name does not (folded). */
const ruleWords =
  /\bco trach nhiem\b|\btu choi\b|\bkhong phai (?:nop|xuat trinh|tai len|chung thuc|gui|co)\b|\bkhong duoc yeu cau\b|\bphai bao dam\b|\bphai duoc hop phap hoa\b|\bco the nop\b|\bduoc su dung\b|\bkhong yeu cau\b|\bchiu trach nhiem\b|\bchi ap dung\b/;

export type ItemCounts = { originals: number | null; copies: number | null };

const hasNoCopies = (c: ItemCounts) => c.originals === 0 && c.copies === 0;
const hasCopies = (c: ItemCounts) => (c.originals ?? 0) + (c.copies ?? 0) > 0;

/** `folded` is foldVietnamese(name), computed once per item by the caller (folding is most of the parse time). */
export function isDocumentLike(folded: string): boolean {
  return documentLike.test(folded);
}

/** A rule or a heading: opens like one, speaks like one, or ends with ":" ("Hồ sơ gồm:"). */
export function readsAsRule(folded: string): boolean {
  return ruleOpening.test(folded) || ruleWords.test(folded) || /:\s*$/.test(folded);
}

export type ItemVerdict = { type: 'document' } | { type: 'note' } | { type: 'document'; keptFromNotes: true };

/**
 * A note when it says so ("Lưu ý: …"), when it sits under a Lưu ý header and is not evidently a document that asks for
 * copies (1.001193 lists its two tờ khai there), or when it asks for no copy at all and reads as a rule or a heading.
 */
export function classifyItem(folded: string, counts: ItemCounts, underNotes: boolean): ItemVerdict {
  if (/^(?:\*\s*)?(?:luu y|ghi chu|chu y)\b/.test(folded)) return { type: 'note' };
  if (underNotes) return hasCopies(counts) && isDocumentLike(folded) ? { type: 'document', keptFromNotes: true } : { type: 'note' };
  if (hasNoCopies(counts) && readsAsRule(folded)) return { type: 'note' };
  return { type: 'document' };
}

const conditionStart =
  /^\(?(?:doi voi |trong )?truong hop\b|^doi voi\b|(?<![a-z])(?:trong|doi voi) truong hop\b|\((?:trong )?truong hop\b|[,(] ?truong hop\b|[,(] ?neu (?!co\b[\s).,;]|co$)/;
const modeWords = /\b(?:truc tiep|truc tuyen|buu chinh|buu dien|moi truong dien tu|qua mang|dich vu cong)\b/;
const optionalWords = /\bneu co\b(?=\s*[).,;]|$)|\(neu co\)|\bkhong bat buoc\b/;

/** The first sentence (or clause before ";"), where a document's own condition is stated. */
function firstClause(folded: string): number {
  const end = /\.\s+(?=\S)|;\s|\.$/.exec(folded);
  return end ? end.index : folded.length;
}

function clip(text: string, max = 300): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 40))}…`;
}

/** The condition a name states for itself, in its own words, or null: "trường hợp ủy quyền thực hiện việc đăng ký …". */
export function conditionIn(name: string, folded = foldVietnamese(name)): string | null {
  // folding keeps one character per character of a tidy NFC name, so indices carry over to the original words
  if (folded.length !== name.length) return null;
  const clauseEnd = firstClause(folded);
  const clause = folded.slice(0, clauseEnd);
  const start = conditionStart.exec(clause);
  if (!start) return null;
  // "trừ trường hợp …" is an exception, not a condition ("cư trú trong trường hợp" is not "trừ")
  if (/(?<!\bcu )\btru\s*$/.test(clause.slice(0, start.index))) return null;
  const from = start.index + (start[0].match(/^[,(] ?|^\(/)?.[0].length ?? 0);
  const opens = start.index === 0 || /^[(]/.test(start[0]);
  // an opening condition ends where the consequence starts; a trailing one runs to the end of its clause
  const stop = opens
    ? /\s(?:thi|phai|can|kem theo|gom|bao gom)\s|[:)]/.exec(clause.slice(from + 4))
    : /\s?[():]/.exec(clause.slice(from + 1));
  const to = stop ? from + (opens ? 4 : 1) + stop.index : clauseEnd;
  const text = name
    .slice(from, to)
    .replace(/^(?:\(|trong |đối với |Đối với |Trong )(?=trường hợp|Trường hợp)/u, '')
    .replace(/[\s,.;:)]+$/u, '')
    .trim();
  // shorter than "trường hợp mất": a fragment ("nếu bản sao"), not a condition the agent can check
  if (text.length < 15) return null;
  return clip(text.charAt(0).toLocaleLowerCase('vi') + text.slice(1));
}

/**
 * required unless the name says otherwise: "(nếu có)" -> optional; a condition of its own (or the add-on group's) ->
 * conditional; a condition that only says how the dossier is filed is the document's modes, not a condition. An item
 * that asks for no copy (0 originals, 0 copies) is optional, as the counter cannot require nothing.
 */
export function requirementOf(
  name: string,
  folded: string,
  counts: ItemCounts,
  opts: { limitedToModes: boolean; groupCondition: string | null },
): { requirement: Requirement; condition: string | null } {
  if (optionalWords.test(folded)) return { requirement: 'optional', condition: null };
  let condition = conditionIn(name, folded);
  if (condition && opts.limitedToModes && modeWords.test(foldVietnamese(condition))) condition = null;
  condition ??= opts.groupCondition;
  if (condition) return { requirement: 'conditional', condition };
  if (hasNoCopies(counts)) return { requirement: 'optional', condition: null };
  return { requirement: 'required', condition: null };
}
