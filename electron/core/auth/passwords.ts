// Password hashing with scrypt (node:crypto) and the rule for new passwords: long, not the username, not a common one.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../common/errors';
import { foldVietnamese } from '../../common/text';

// N=2^15, r=8, p=1: ~50-100 ms per hash on a 2-core office PC (OWASP's scrypt floor is N=2^17 with r=8
// for servers; a desktop login tolerates this cost and lockout limits online guessing).
const PARAMS = { N: 1 << 15, r: 8, p: 1, keylen: 32 };

/** NIST SP 800-63B asks for at least 8; 10 leaves room for the Vietnamese habit of a word plus a short number. */
export const MIN_PASSWORD_LENGTH = 10;
/** Every login hashes what was typed: a cap keeps a pasted megabyte from costing the machine anything. */
export const MAX_PASSWORD_LENGTH = 128;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Shipped list (resources/passwords/common-passwords.txt, its source in its header), lower-case, one per line. */
export function loadCommonPasswords(resourcesDir: string): ReadonlySet<string> {
  const text = readFileSync(join(resourcesDir, 'passwords', 'common-passwords.txt'), 'utf8');
  const list = new Set<string>();
  for (const line of text.split('\n')) {
    const word = line.trim();
    if (word !== '' && !word.startsWith('#')) list.add(foldVietnamese(word));
  }
  return list;
}

/** lower-case, without accents, without anything but letters and digits */
const bare = (value: string) => foldVietnamese(value).replace(/[^a-z0-9]/g, '');

/** The word inside decorations: "Matkhau@2026" -> "matkhau", "123456789a" -> "a" (checked whole first). */
function cores(password: string): string[] {
  const folded = foldVietnamese(password);
  const trimmed = folded.replace(/^[^a-z]+/, '').replace(/[^a-z]+$/, '');
  return [folded, folded.replace(/\s+/g, ''), bare(password), trimmed].filter((w) => w.length >= 4);
}

/** The first rule a new password breaks, in words the agent can act on; null when it is fine. */
export function passwordProblem(password: string, context: { username: string; common: ReadonlySet<string> }): string | null {
  const chars = [...password.normalize('NFC')];
  if (chars.length < MIN_PASSWORD_LENGTH) {
    return `Mật khẩu cần ít nhất ${String(MIN_PASSWORD_LENGTH)} ký tự (đang có ${String(chars.length)}). Hãy dùng một cụm vài từ mà chỉ bạn biết.`;
  }
  if (chars.length > MAX_PASSWORD_LENGTH) return `Mật khẩu dài quá ${String(MAX_PASSWORD_LENGTH)} ký tự. Hãy chọn mật khẩu ngắn hơn.`;
  const user = bare(context.username);
  if (user.length >= 3 && bare(password).includes(user)) {
    return 'Mật khẩu không được chứa tên đăng nhập. Hãy chọn mật khẩu khác hẳn tên đăng nhập.';
  }
  if (new Set(chars.map((c) => c.toLowerCase())).size < 4) {
    return 'Mật khẩu lặp lại quá ít ký tự khác nhau nên rất dễ đoán. Hãy dùng một cụm vài từ mà chỉ bạn biết.';
  }
  if (/^[\d\s\W_]+$/.test(password)) {
    return 'Mật khẩu chỉ gồm chữ số (như số điện thoại, ngày sinh) rất dễ đoán. Hãy thêm chữ, ví dụ một cụm vài từ.';
  }
  if (cores(password).some((w) => context.common.has(w))) {
    return 'Mật khẩu này nằm trong danh sách mật khẩu phổ biến, kẻ gian thử đầu tiên. Hãy chọn một cụm vài từ mà chỉ bạn biết.';
  }
  return null;
}

export function checkPasswordStrength(password: string, context: { username: string; common: ReadonlySet<string> }): void {
  const problem = passwordProblem(password, context);
  if (problem) throw new AppError('WEAK_PASSWORD', { reason: problem, fields: { password: problem } });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, PARAMS.keylen, {
    N: PARAMS.N,
    r: PARAMS.r,
    p: PARAMS.p,
    maxmem: 64 * 1024 * 1024,
  });
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, keyB64] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  // what a login form accepts is capped too: hashing a pasted megabyte is work an attacker chooses for us
  const typed = password.normalize('NFC');
  const key = await scrypt([...typed].length > MAX_PASSWORD_LENGTH ? '' : typed, Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return [...typed].length <= MAX_PASSWORD_LENGTH && key.length === expected.length && timingSafeEqual(key, expected);
}
