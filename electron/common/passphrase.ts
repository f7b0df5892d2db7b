// The office's recovery passphrase: how it is normalised, what is long enough, and a generated one to suggest.

/** NFC and outer spaces removed: the same phrase typed on another keyboard or OS gives the same key. */
export function normalisePassphrase(passphrase: string): string {
  return passphrase.normalize('NFC').trim();
}

/**
 * 12 characters at least. The phrase is stretched with scrypt (128 MiB per guess), and the generated suggestion below
 * carries 120 bits; a typed phrase shorter than 12 characters is refused rather than guessed at.
 */
export const MIN_PASSPHRASE_LENGTH = 12;

export function passphraseProblem(passphrase: string): string | null {
  const p = normalisePassphrase(passphrase);
  if ([...p].length < MIN_PASSPHRASE_LENGTH) return `Cụm mật khẩu cần ít nhất ${String(MIN_PASSPHRASE_LENGTH)} ký tự.`;
  if (new Set(p.replace(/[\s-]/g, '').toLowerCase()).size < 5) return 'Cụm mật khẩu lặp lại quá ít ký tự khác nhau.';
  return null;
}

/** Crockford base32 without 0/1 look-alikes of O/I/L: easy to copy by hand from the printed sheet. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 6 groups of 4 characters from 30 symbols: about 118 bits. `random(n)` returns n uniformly random bytes. */
export function generatePassphrase(random: (n: number) => Uint8Array): string {
  const groups: string[] = [];
  let group = '';
  while (groups.length < 6) {
    for (const byte of random(32)) {
      // rejection sampling: bytes 240..255 would favour the first 16 symbols
      if (byte >= 240 || groups.length >= 6) continue;
      group += ALPHABET[byte % ALPHABET.length];
      if (group.length === 4) {
        groups.push(group);
        group = '';
      }
    }
  }
  return groups.join('-');
}
