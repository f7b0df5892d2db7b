// The 54 ethnic groups of Viet Nam (dân tộc) with the codes of Decision 121-TCTK/PPCĐ (1979), for form fields.
import { foldVietnamese } from './text';

/*
 * Codes and order: "Danh mục các thành phần dân tộc Việt Nam", Quyết định 121-TCTK/PPCĐ ngày 02/3/1979 of the General
 * Statistics Office (ordered by population in 1979). Codes 01–11 were checked on 2026-12-02 against the published text
 * (Cục Thống kê Đà Nẵng; Viện Dân tộc học); 12–54 follow the same list as commonly reproduced and were not checked
 * against the primary text in this session. The statistics office's later list (QĐ 1019/QĐ-TCTK, 2008) numbers the
 * same 54 groups differently (04 Mường, 05 Khơ me, 06 Hoa…): never compare codes across the two lists, compare names.
 * Names are written as forms and ID cards write them today; `aliases` are the other spellings people type.
 */
export type Ethnicity = { code: string; name: string; aliases: readonly string[] };

const list: readonly [string, string, readonly string[]][] = [
  ['01', 'Kinh', ['Việt']],
  ['02', 'Tày', []],
  ['03', 'Thái', []],
  ['04', 'Hoa', ['Hán']],
  ['05', 'Khơ-me', ['Khmer', 'Khơ Me', 'Khơme']],
  ['06', 'Mường', []],
  ['07', 'Nùng', []],
  ['08', 'Mông', ['H\'Mông', 'HMông', 'Hmông', 'Mèo']],
  ['09', 'Dao', []],
  ['10', 'Gia-rai', ['Gia Rai', 'Jrai']],
  ['11', 'Ngái', []],
  ['12', 'Ê-đê', ['Ê Đê', 'Êđê']],
  ['13', 'Ba-na', ['Ba Na', 'Bahnar']],
  ['14', 'Xơ-đăng', ['Xơ Đăng']],
  ['15', 'Sán Chay', ['Cao Lan - Sán Chỉ']],
  ['16', 'Cơ-ho', ['Cơ Ho', 'K\'Ho']],
  ['17', 'Chăm', ['Chàm']],
  ['18', 'Sán Dìu', []],
  ['19', 'Hrê', ['H\'rê']],
  ['20', 'Mnông', ['M\'Nông', 'Mơ Nông']],
  ['21', 'Ra-glai', ['Raglai', 'Ra Glai']],
  ['22', 'Xtiêng', ['X\'tiêng', 'Stiêng']],
  ['23', 'Bru-Vân Kiều', ['Bru Vân Kiều', 'Vân Kiều']],
  ['24', 'Thổ', []],
  ['25', 'Giáy', []],
  ['26', 'Cơ-tu', ['Cơ Tu', 'Katu']],
  ['27', 'Giẻ-Triêng', ['Gié Triêng', 'Giẻ Triêng']],
  ['28', 'Mạ', []],
  ['29', 'Khơ-mú', ['Khơ Mú', 'Khmu']],
  ['30', 'Co', []],
  ['31', 'Tà-ôi', ['Tà Ôi', 'Pa Kô']],
  ['32', 'Chơ-ro', ['Chơ Ro', 'Chơro']],
  ['33', 'Kháng', []],
  ['34', 'Xinh-mun', ['Xinh Mun']],
  ['35', 'Hà Nhì', []],
  ['36', 'Chu-ru', ['Chu Ru', 'Churu']],
  ['37', 'Lào', []],
  ['38', 'La Chí', []],
  ['39', 'La Ha', []],
  ['40', 'Phù Lá', []],
  ['41', 'La Hủ', []],
  ['42', 'Lự', []],
  ['43', 'Lô Lô', []],
  ['44', 'Chứt', []],
  ['45', 'Mảng', []],
  ['46', 'Pà Thẻn', []],
  ['47', 'Cờ Lao', ['Co Lao', 'Cơ Lao']],
  ['48', 'Cống', []],
  ['49', 'Bố Y', []],
  ['50', 'Si La', []],
  ['51', 'Pu Péo', []],
  ['52', 'Brâu', []],
  ['53', 'Ơ Đu', ['Ơ-đu']],
  ['54', 'Rơ Măm', ['Rơ-măm']],
];

export const ethnicities: readonly Ethnicity[] = list.map(([code, name, aliases]) => ({ code, name, aliases }));

const key = (value: string) => foldVietnamese(value).replace(/[^a-z0-9]/g, '');
const byKey = new Map<string, Ethnicity>();
for (const e of ethnicities) for (const n of [e.name, ...e.aliases]) byKey.set(key(n), e);

/** The ethnic group a typed or read name means ("kinh", "H'Mông", "Khmer"), or null. Leading "dân tộc" is ignored. */
export function findEthnicity(value: string): Ethnicity | null {
  const cleaned = value.replace(/^\s*d[âa]n\s+t[ộo]c\s+/iu, '');
  return byKey.get(key(cleaned)) ?? byKey.get(key(value)) ?? null;
}
