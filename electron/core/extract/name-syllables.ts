// Syllables of Vietnamese personal names (common surnames, middle and given names), to repair OCR's tone-mark slips.
import { foldVietnamese } from '../../common/text';

// Written from general knowledge of Vietnamese naming, not from any list of people: ~100 surnames and ~400 middle/given
// syllables cover the great majority of names. A syllable outside the list is kept as read; only a read syllable that
// is not a name syllable while a name syllable has the same letters is repaired ("Đỉnh" -> "Đinh", "Ngận" -> "Ngân").

const surnameList =
  'Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trịnh Đinh Mai Lương Tạ Cao Quách Lưu Châu ' +
  'Kiều Triệu Thái Tô Trương Hà Đào Đoàn Vương Văn Lâm Phùng Mạc Tăng Thân Từ La Lã Lại Khổng Kim Hứa Diệp Âu Ông Tôn ' +
  'Thạch Giáp Nghiêm Chu Chế Doãn Hầu Quan Tiêu Bạch Khúc Lục Mẫn Ninh Nông Viên Vi Ma Lò Sầm Phó Bế Ân Cù Cấn Đàm ' +
  'Đồng Lạc Lạng Lò Mông Ngọ Nhan Ôn Phí Quản Quang Sơn Thiều Tiết Trang Trình Tống Ung Vòng Vưu Xa Yên Đậu Đới Đường ' +
  'Giang Hàn Hoa Khương Kha Lầu Lô Mã Nghị Nhâm Phương Thào Thi Thiệu Tòng Văn Vũ';

const givenList =
  'An Ái Anh Ánh Ân Ẩn Bách Bạch Bảo Bằng Bắc Bích Biên Bình Bội Bửu Ca Cảnh Cát Cầm Cẩm Cần Chánh Châm Chân Châu Chi ' +
  'Chí Chiến Chinh Chính Chung Chương Cơ Công Cúc Cung Cương Cường Dạ Danh Di Diễm Diên Diệp Diệu Dịu Doanh Du Dung ' +
  'Dũng Duy Duyên Dư Dương Đài Đan Đào Đạo Đạt Đăng Đằng Điềm Điệp Định Đình Đoan Đông Đồng Đức Gấm Gia Giang Giao ' +
  'Hà Hạ Hải Hán Hạnh Hào Hảo Hạo Hân Hằng Hậu Hiền Hiển Hiệp Hiếu Hinh Hòa Hoà Hoa Hoài Hoan Hoàn Hoàng Hoạt Hồ Hội ' +
  'Hồng Hợp Huân Huệ Hùng Hưng Hương Hường Hữu Huy Huyền Huynh Huỳnh Hy Kha Khai Khải Khang Khanh Khánh Khoa Khoái ' +
  'Khôi Khuê Khương Khuyên Kiên Kiến Kiệt Kiều Kim Kỳ Lai Lam Lan Lâm Lân Lập Lệ Liên Liễu Linh Loan Lộc Lợi Long Luân ' +
  'Lục Lụa Luyến Lực Lương Ly Lý Mai Mạnh Mẫn Mến Mi Miên Minh Mơ My Mỹ Na Nam Nga Ngà Ngân Nghi Nghĩa Nghiêm Ngọc ' +
  'Nguyên Nguyệt Nhã Nhàn Nhạn Nhân Nhất Nhật Nhi Nhiên Nhu Như Nhung Ninh Nông Nữ Oanh Phát Phi Phong Phú Phúc Phụng ' +
  'Phước Phương Phượng Quân Quang Quảng Quế Quốc Quý Quí Quyên Quyết Quỳnh Sa San Sang Sáng Sâm Sinh Son Song Sơn Sương ' +
  'Tài Tâm Tân Tấn Thạc Thạch Thái Thắm Thăng Thắng Thanh Thành Thảo Thi Thiên Thiện Thiết Thịnh Thoa Thọ Thông Thơ ' +
  'Thu Thuận Thục Thùy Thuỳ Thủy Thuỷ Thúy Thuý Thư Thương Thường Tiên Tiến Tín Tình Tịnh Toàn Toản Trà Trác Trâm Trân ' +
  'Trang Tráng Trí Triết Triều Trinh Trọng Trúc Trung Trường Tú Tuân Tuấn Tuệ Tùng Tuyền Tuyết Tường Tưởng Uyên Vân ' +
  'Văn Vi Viên Việt Vinh Vĩnh Vịnh Võ Vũ Vui Vương Vượng Vy Xuân Xuyến Yên Yến Ý Thị Đức Hiển Kỳ Lễ Nhẫn Quyền Thuần ' +
  'Tú Tuyên Uy Vỹ Khiêm Khởi Lành Luật Mão Ngạn Phấn Tạo Thơm Thuý Tiền Trực Vàng';

const fold = foldVietnamese;

function index(list: string): { known: Set<string>; byFold: Map<string, string[]> } {
  const known = new Set<string>();
  const byFold = new Map<string, string[]>();
  for (const syllable of list.split(/\s+/)) {
    const nfc = syllable.normalize('NFC');
    if (known.has(nfc)) continue;
    known.add(nfc);
    const key = fold(nfc);
    byFold.set(key, [...(byFold.get(key) ?? []), nfc]);
  }
  return { known, byFold };
}

const surnames = index(surnameList);
/**
 * The list's first 30 surnames: together they name roughly nine Vietnamese in ten (the order of the list follows the
 * commonly cited frequencies: Nguyễn, Trần, Lê, Phạm… Trịnh, Đinh, Mai, Lương…); the rest are each rare.
 */
const commonSurnames = new Set(surnameList.split(/\s+/).slice(0, 30).map((n) => n.normalize('NFC')));
const given = index(`${givenList} ${surnameList}`);

export type SyllableRepair = { syllable: string; repaired: boolean; known: boolean };

/** Edit distance between two syllables' decomposed forms: a stray tone mark costs 1, a wrong vowel mark 1 or 2. */
function markDistance(a: string, b: string): number {
  const x = [...a.normalize('NFD').toLowerCase()];
  const y = [...b.normalize('NFD').toLowerCase()];
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur.push(
        Math.min(
          (prev[j] ?? 0) + 1,
          (cur[j - 1] ?? 0) + 1,
          (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1),
        ),
      );
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/**
 * A name syllable in proper case, repaired when OCR misread its marks: kept if it is a known name syllable (or no
 * known one has its letters), otherwise replaced by the known syllable with the same letters and the closest marks.
 */
export function repairNameSyllable(syllable: string, position: 'surname' | 'other'): SyllableRepair {
  const table = position === 'surname' ? surnames : given;
  if (position === 'surname' && table.known.has(syllable) && !commonSurnames.has(syllable)) {
    // a rare surname one mark away from a common one ("Trình" for "Trịnh"): a dot below lost is far likelier
    const common = (table.byFold.get(fold(syllable)) ?? []).find((c) => commonSurnames.has(c) && markDistance(syllable, c) === 1);
    if (common) return { syllable: common, repaired: true, known: true };
  }
  if (table.known.has(syllable)) return { syllable, repaired: false, known: true };
  const candidates = table.byFold.get(fold(syllable)) ?? [];
  if (candidates.length === 0) {
    // no surname has these letters: one letter misread in one of the common ones ("Rùi" for "Bùi"), when only one fits
    const near = position === 'surname' ? oneLetterOff(syllable, commonSurnames) : null;
    return near ? { syllable: near, repaired: true, known: false } : { syllable, repaired: false, known: false };
  }
  const best =
    [...candidates].sort((a, b) => markDistance(syllable, a) - markDistance(syllable, b))[0] ?? syllable;
  return { syllable: best, repaired: best !== syllable, known: true };
}

/** The one name of `names` with the same marks and length as `read` but one letter changed; null if none or several. */
function oneLetterOff(read: string, names: ReadonlySet<string>): string | null {
  const x = [...read.normalize('NFD').toLowerCase()];
  const found = [...names].filter((name) => {
    const y = [...name.normalize('NFD').toLowerCase()];
    if (y.length !== x.length) return false;
    const differ = y.filter((c, i) => c !== x[i]);
    return differ.length === 1 && /[a-zđ]/.test(differ[0] ?? '');
  });
  return found.length === 1 ? (found[0] ?? null) : null;
}

/**
 * A read word with one letter too many ("TRIỆUI", "Hiềồn", "Hưrng"): the one name syllable that deleting a letter
 * leaves; null when none does or several do.
 */
export function dropExtraLetter(read: string): string | null {
  const chars = [...read.normalize('NFC')];
  if (chars.length < 3) return null;
  const found = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    const rest = chars.slice(0, i).concat(chars.slice(i + 1)).join('');
    const syllable = rest.charAt(0) + rest.slice(1).toLocaleLowerCase('vi');
    const proper = syllable.charAt(0).toLocaleUpperCase('vi') + syllable.slice(1);
    if (given.known.has(proper)) found.add(rest);
  }
  return found.size === 1 ? ([...found][0] ?? null) : null;
}

/** Edit distance of two syllables' letters, marks ignored. */
const letterDistance = (a: string, b: string): number => editDistance(fold(a), fold(b));

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * The surname a garbled word before a name most likely is ("TTỰNH" -> "Trịnh", ".VGÔ" -> "Ngô"):
 * the one surname closest in letters and marks, at most two letters off and off by at most half its letters; null
 * when none is that close or two are equally close ("äương": Lương or Dương). A guess: callers flag it.
 */
export function guessSurname(read: string): string | null {
  const letters = read.normalize('NFC').replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if ([...letters].length < 2 || /[^\p{L}]/u.test(letters)) return null;
  const ranked = [...surnames.known]
    .map((name) => ({ name, letters: letterDistance(letters, name), marks: markDistance(letters, name) }))
    .filter((c) => c.letters <= 2 && c.letters <= fold(c.name).length / 2)
    .sort((a, b) => a.marks - b.marks || a.letters - b.letters);
  const [best, next] = ranked;
  if (!best || (next && next.marks === best.marks && next.letters === best.letters)) return null;
  return best.name;
}

/** Has the letters of a syllable of the name lists, whatever its marks: "HẠNH", "hanh", "GIẠ" (for "Gia"). */
export function hasNameLetters(syllable: string): boolean {
  return given.byFold.has(fold(syllable));
}

/**
 * A syllable ending in c, ch, p or t takes only the sắc or nặng tone in Vietnamese, so one read without either lost
 * its mark ("Thach"): the name syllable with the same letters and one of those tones, when there is exactly one
 * ("Thạch"); null when the syllable is sound or the choice is open. Places are named with the same syllables.
 */
export function repairCheckedTone(word: string): string | null {
  const nfd = word.normalize('NFD');
  if (!/(c|ch|p|t)$/i.test(fold(word)) || /[\u0301\u0323]/.test(nfd)) return null;
  const options = (given.byFold.get(fold(word)) ?? []).filter((c) => /[\u0301\u0323]/.test(c.normalize('NFD')));
  return options.length === 1 && options[0] !== undefined ? options[0] : null;
}

/** A syllable of the name lists with these very marks (any case): "Tân" is, "Tận" is not. */
export function isNameSyllable(word: string): boolean {
  const lower = word.normalize('NFC').toLocaleLowerCase('vi');
  return given.known.has(lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1));
}

/**
 * A name's last syllable that lost its last letter to a crop's edge or a pen's tail ("Nhun", "Phon"): the one name
 * syllable that a letter added at the end makes, marks as read; null when none or several do.
 */
export function restoreLastLetter(read: string): string | null {
  // a syllable whose letters some name has is a mark slip ("Ngạ" is "Nga"), repairNameSyllable's to mend
  if (isNameSyllable(read) || [...read].length < 2 || given.byFold.has(fold(read))) return null;
  const found = [...'abcdeghilmnoptuy'].map((c) => `${read}${c}`).filter((s) => isNameSyllable(s));
  return found.length === 1 ? (found[0] ?? null) : null;
}
