// Reads from a checklist item's own wording whether it applies to one filing mode only ("nếu nộp hồ sơ trực tuyến").
import type { FilingMode } from './contract';
import { foldVietnamese } from './text';

/*
 * National records often list, in one checklist, documents for each way of filing: "Tờ khai ... (nếu người có yêu
 * cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính)" next to "Mẫu hộ tịch điện
 * tử tương tác ... (nếu ... nộp hồ sơ theo hình thức trực tuyến)". The reading is deliberately conservative: a name is
 * limited only when one condition clause on how the dossier is filed governs the whole item (it opens the item, or
 * closes it), and no other mention of a filing mode appears anywhere else in the name. Anything mixed ("02 ảnh màu đối
 * với trường hợp nộp trực tiếp, 01 tệp ảnh đối với trường hợp nộp trực tuyến"), exempting ("trừ trường hợp ...", "thì
 * không phải nộp"), about fees or about delivering the result stays unlimited: null keeps today's behaviour.
 */

const modeOrder: readonly FilingMode[] = ['online', 'postal', 'direct'];

/** phrases naming a way of filing, as they appear after a filing verb (folded text) */
const modePhrases: ReadonlyArray<{ mode: FilingMode; pattern: string }> = [
  { mode: 'direct', pattern: 'truc tiep' },
  {
    mode: 'online',
    pattern:
      'truc tuyen|(?:tren|qua) (?:moi truong|phuong thuc) (?:dien tu|mang)|(?:tren|qua) (?:cong|he thong) dich vu cong(?: truc tuyen)?(?: quoc gia)?|qua mang',
  },
  { mode: 'postal', pattern: 'qua (?:(?:he thong|dich vu|duong) )?(?:buu chinh|buu dien)(?: cong ich)?' },
];

/** a filing verb, an optional object and manner, then a way of filing: "nộp hồ sơ theo hình thức trực tiếp" */
const filingConstruction = new RegExp(
  '\\b(?:nop|gui|lam thu tuc|thuc hien thu tuc)' +
    '(?: ho so(?: de nghi| yeu cau)?| to khai| don| van ban(?: de nghi)?| yeu cau)?' +
    '(?: (?:theo|bang) (?:hinh thuc|phuong thuc)| hinh thuc)?' +
    ` (?:${modePhrases.map((m) => m.pattern).join('|')})\\b` +
    '|\\btruc tiep (?:den )?(?:nop|gui)\\b',
);

/** words that open a condition: "nếu", "trường hợp", "đối với", "khi" (but not "trừ trường hợp"/"trừ khi") */
const trigger = /(?:^|[\s(,;:])(neu|(?:doi voi |trong )?truong hop|doi voi|khi)\s/g;

/** a condition clause ends at its consequence ("thì"), a sentence or list break, or a closing parenthesis */
const clauseEnd = /\sthi\s|[;:)(]|\.(?:\s|$)|\s[-+•]\s/;

/** conditions about money or the result, not about how the dossier is filed, or negated ("nếu không nộp trực tiếp") */
const notAboutFiling =
  /\b(?:phi|le phi|thanh toan|ket qua)\b|\bkhong (?:truc tiep|den|nop|gui|lam|thuc hien)\b/;

/** consequences that exempt rather than ask: "thì không phải nộp", "được miễn" */
const exempting = /\bkhong (?:phai|can|bat buoc) (?:nop|xuat trinh|tai len|gui)|\bduoc mien\b/;

/** words for the form a document takes (original, copy, scan, file), not for a different document */
const formOfCopy =
  /\b(?:ban chinh|ban sao|ban chup|ban goc|ban dien tu|dien tu|tep|file|so hoa|photo|pho to|chung thuc)\b/;

const leadingNoise = /^(?:luu y\s*:\s*|ghi chu\s*:\s*|[-+*•]\s*)*/;

type Clause = { start: number; end: number; modes: Set<FilingMode> };

const modeTests = modePhrases.map(({ mode, pattern }) => ({
  mode,
  test: new RegExp(`\\b(?:${pattern})\\b`),
}));

function modesIn(text: string): Set<FilingMode> {
  return new Set(modeTests.filter(({ test }) => test.test(text)).map(({ mode }) => mode));
}

/** the condition clauses on the filing mode, in order; null when a condition on fees or results names a mode */
function filingClauses(folded: string): Clause[] | null {
  // each condition runs from its opening word to the next one or to its end, so "(bản chính nếu gửi qua bưu điện, bản
  // phô tô nếu nộp trực tiếp)" reads as two conditions and "Đối với giấy tờ gửi kèm theo nếu ... trực tuyến" as one
  const starts = [...folded.matchAll(trigger)].map((m) => (m.index ?? 0) + m[0].indexOf(m[1] ?? ''));
  const clauses: Clause[] = [];
  for (const [i, start] of starts.entries()) {
    if (/\btru\s*$/.test(folded.slice(0, start))) continue;
    const opener = /^\S+/.exec(folded.slice(start))?.[0] ?? '';
    const endMatch = clauseEnd.exec(folded.slice(start + opener.length));
    const end = Math.min(
      endMatch ? start + opener.length + endMatch.index : folded.length,
      starts[i + 1] ?? folded.length,
    );
    const clause = folded.slice(start, end);
    if (!filingConstruction.test(clause)) continue;
    // "trường hợp nộp phí, lệ phí qua dịch vụ bưu chính": says how money moves, and the item is for every mode
    if (notAboutFiling.test(clause)) return null;
    clauses.push({ start, end, modes: modesIn(clause) });
  }
  return clauses;
}

/** true when the clause governs the whole item: it opens the item, or it closes it */
function governsItem(folded: string, clause: Clause): boolean {
  const before = folded.slice(0, clause.start);
  const after = folded.slice(clause.end);
  const oneSentence = !/\.\s/.test(folded.replace(/\.\s*$/, ''));
  const opens = before.replace(leadingNoise, '').replace(/^\(/, '').trim() === '';
  if (opens) return oneSentence && !exempting.test(after);
  // closes: "... (nếu ... trực tuyến)" or "... khi làm thủ tục trực tiếp tại cơ quan đăng ký hộ tịch."
  const tail = after.replace(/[\s.,;]/g, '');
  const closingParen = /^\)+$/.test(tail) && before.lastIndexOf('(') > before.lastIndexOf(')');
  const closingClause = tail === '' && oneSentence;
  // "ảnh chân dung 3x4 hoặc ảnh dạng điện tử (đối với trường hợp gửi trực tuyến)": the condition picks the form of the
  // last alternative, the item itself is for every mode
  const lastAlternative = /\bhoac\b(?!.*\bhoac\b)(.*)$/.exec(before)?.[1] ?? '';
  return (closingParen || closingClause) && !formOfCopy.test(lastAlternative);
}

/**
 * The filing modes a checklist item is limited to by its own wording, or null when it applies whatever the mode.
 * "Tờ khai ... (nếu ... nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính)" -> ['postal', 'direct'].
 */
export function componentModes(name: string, folded = foldVietnamese(name)): FilingMode[] | null {
  const clauses = filingClauses(folded);
  if (!clauses || clauses.length !== 1) return null;
  const [clause] = clauses;
  if (!clause || clause.modes.size === 0 || clause.modes.size === modeOrder.length) return null;
  if (!governsItem(folded, clause)) return null;
  // a mention of another way of filing outside the clause means the item speaks of several modes ("trên Cổng dịch vụ
  // công" beside an online-only clause does not)
  const outside = modesIn(folded.slice(0, clause.start) + ' | ' + folded.slice(clause.end));
  if ([...outside].some((m) => !clause.modes.has(m))) return null;
  return modeOrder.filter((m) => clause.modes.has(m));
}

/** "online,direct" <-> ['online', 'direct'] for the dossier_components.only_modes column; null = every mode */
export function encodeOnlyModes(modes: readonly FilingMode[] | null): string | null {
  return modes && modes.length > 0 ? modeOrder.filter((m) => modes.includes(m)).join(',') : null;
}

export function decodeOnlyModes(value: string | null): FilingMode[] | null {
  if (value === null || value === '') return null;
  const modes = modeOrder.filter((m) => value.split(',').includes(m));
  return modes.length > 0 ? modes : null;
}

/** the effective requirement: required by the record, and the item is not limited to other modes than the dossier's */
export function requiredInMode(
  required: boolean,
  onlyModes: readonly FilingMode[] | null,
  mode: FilingMode,
): boolean {
  return required && (onlyModes === null || onlyModes.includes(mode));
}
