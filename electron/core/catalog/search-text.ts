// The folded form procedures are searched by: no accents, lower case, punctuation to spaces ("Đăng ký, khai sinh" -> "dang ky khai sinh").
import { foldVietnamese } from '../../common/text';

/**
 * Folds and keeps only letters, digits and dots (codes are "1.001193"); used for both stored text and queries. y folds to
 * i on both sides: Vietnamese writes "ký"/"kí", "lý"/"lí", "quy"/"qui" either way, and agents type both.
 */
export function foldForSearch(text: string): string {
  return foldVietnamese(text)
    .replace(/y/g, 'i')
    .replace(/[^a-z0-9.]+/g, ' ')
    .replace(/(?<![0-9])\.|\.(?![0-9])/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** procedures.search_text: code then name, folded. */
export function procedureSearchText(code: string, name: string): string {
  return foldForSearch(`${code} ${name}`);
}
