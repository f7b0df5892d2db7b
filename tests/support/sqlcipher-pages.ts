// Decrypts every page of a SQLCipher 4 database file (raw key) the way a forensic tool would, to look at freed space.
import { createDecipheriv } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

const PAGE = 4096;
/** SQLCipher 4 reserves 16 bytes of IV and a 64-byte HMAC-SHA512 at the end of every page */
const RESERVE = 80;
const SALT = 16;

/**
 * The plaintext of every page of the file and of its WAL, concatenated, including free pages and the unused space inside pages
 * (where SQLite leaves deleted records unless secure_delete zeroes them). Page 1 starts with its 16-byte salt, which
 * the plaintext replaces with "SQLite format 3\0". The HMACs are not checked: this reads, it does not trust.
 */
export function decryptSqlcipherPages(path: string, keyHex: string): Buffer {
  const file = readFileSync(path);
  const key = Buffer.from(keyHex, 'hex'); // a raw key is the page key itself (no KDF)
  const out: Buffer[] = [];
  for (let at = 0; at + PAGE <= file.length; at += PAGE) out.push(decryptPage(file.subarray(at, at + PAGE), at === 0, key));
  // the WAL's frames (24-byte frame header + one page each, after a 32-byte file header) hold the latest commits
  const wal = existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0);
  for (let at = 32; at + 24 + PAGE <= wal.length; at += 24 + PAGE) {
    const pageNo = wal.readUInt32BE(at);
    out.push(decryptPage(wal.subarray(at + 24, at + 24 + PAGE), pageNo === 1, key));
  }
  return Buffer.concat(out);
}

function decryptPage(page: Buffer, first: boolean, key: Buffer): Buffer {
  const start = first ? SALT : 0;
  const iv = page.subarray(PAGE - RESERVE, PAGE - RESERVE + 16);
  const d = createDecipheriv('aes-256-cbc', key, iv);
  d.setAutoPadding(false);
  const plain = Buffer.concat([d.update(page.subarray(start, PAGE - RESERVE)), d.final()]);
  return first ? Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), plain]) : plain;
}
