// Vietnamese text helpers: NFC normalisation and accent folding for diacritics-insensitive search.

export function nfc(value: string): string {
  return value.normalize('NFC');
}

/** Lower-case, strip tone and vowel marks, map đ to d, collapse whitespace: "Đăng Ký" -> "dang ky". */
export function foldVietnamese(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Collapse internal whitespace and trim, keeping case and accents (NFC). */
export function tidyText(value: string): string {
  return nfc(value).replace(/\s+/g, ' ').trim();
}

/**
 * The first letter in upper case, the rest as written ("cung cấp thông tin, dữ liệu đất đai" -> "Cung cấp thông tin, …"):
 * 745 of the 5,652 national records name their procedure in lower case, which then heads the intake screen and the
 * receipt. Upper-casing "đ" or "ư" works per code point after NFC.
 */
export function capitalFirst(value: string): string {
  const text = nfc(value);
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const head = String.fromCodePoint(first);
  return head.toLocaleUpperCase('vi') + text.slice(head.length);
}
