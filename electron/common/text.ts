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
