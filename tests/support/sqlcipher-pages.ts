// Decrypts every page of a SQLCipher 4 database file (raw key) the way a forensic tool would, to look at freed space.
import { createDecipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';

const PAGE = 4096;
/** SQLCipher 4 reserves 16 bytes of IV and a 64-byte HMAC-SHA512 at the end of every page */
const RESERVE = 80;
const SALT = 16;

/**
 * The plaintext of every page of the file, concatenated, including free pages and the unused space inside pages
 * (where SQLite leaves deleted records unless secure_delete zeroes them). Page 1 starts with its 16-byte salt, which
 * the plaintext replaces with "SQLite format 3\0". The HMACs are not checked: this reads, it does not trust.
 */
export function decryptSqlcipherPages(path: string, keyHex: string): Buffer {
  const file = readFileSync(path);
  const key = Buffer.from(keyHex, 'hex'); // a raw key is the page key itself (no KDF)
  const out: Buffer[] = [];
  for (let at = 0; at + PAGE <= file.length; at += PAGE) {
    const page = file.subarray(at, at + PAGE);
    const start = at === 0 ? SALT : 0;
    const iv = page.subarray(PAGE - RESERVE, PAGE - RESERVE + 16);
    const d = createDecipheriv('aes-256-cbc', key, iv);
    d.setAutoPadding(false);
    const plain = Buffer.concat([d.update(page.subarray(start, PAGE - RESERVE)), d.final()]);
    out.push(at === 0 ? Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), plain]) : plain);
  }
  return Buffer.concat(out);
}
