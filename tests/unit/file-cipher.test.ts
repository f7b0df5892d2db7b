// Sealed files: round trips of any size, random access, and every kind of tampering refused before plaintext is used.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  isSealed,
  openSealedBytes,
  openSealedFile,
  SEAL_HEADER_BYTES,
  sealBytes,
  sealedSize,
} from '../../electron/core/crypto/file-cipher';
import { deriveDataKeys, generateMasterKey, loadOrCreateMasterKey, type MasterKeyVault } from '../../electron/core/crypto/keys';
import { makeTreePrivate, windowsAclArgs } from '../../electron/core/crypto/private-files';

const keys = deriveDataKeys(generateMasterKey());
const other = deriveDataKeys(generateMasterKey());
const dir = mkdtempSync(join(tmpdir(), 'dvc-seal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CHUNK = 65536;
/** byte equality without vitest's element-by-element deep compare (seconds on 300 KB arrays) */
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('sealed files', () => {
  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17])('round-trips %i bytes and hides them', (size) => {
    const plain = new Uint8Array(randomBytes(size));
    const sealed = sealBytes(keys.files, plain, 'blob:x');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed.length).toBe(sealedSize(size));
    expect(same(openSealedBytes(keys.files, sealed, 'blob:x'), plain)).toBe(true);
    if (size >= 32) expect(Buffer.from(sealed).includes(Buffer.from(plain.subarray(0, 32)))).toBe(false);
  });

  it('gives each file its own data key: the same bytes seal differently', () => {
    const plain = new Uint8Array(1000).fill(7);
    expect(Buffer.from(sealBytes(keys.files, plain, 'c')).equals(Buffer.from(sealBytes(keys.files, plain, 'c')))).toBe(false);
  });

  it('reads any range from disk, touching only the chunks it needs', async () => {
    const plain = new Uint8Array(randomBytes(5 * CHUNK + 123));
    const path = join(dir, 'range');
    writeFileSync(path, sealBytes(keys.files, plain, 'ctx'));
    const reader = await openSealedFile(path, keys.files, 'ctx');
    try {
      expect(reader.size).toBe(plain.length);
      for (const [offset, length] of [[0, 10], [CHUNK - 5, 10], [2 * CHUNK, CHUNK], [5 * CHUNK, 1000], [plain.length - 1, 50], [plain.length, 5]] as const) {
        expect(same(await reader.read(offset, length), plain.subarray(offset, Math.min(plain.length, offset + length))), `${String(offset)}+${String(length)}`).toBe(true);
      }
      const parts: Uint8Array[] = [];
      for await (const c of reader.chunks()) parts.push(c);
      expect(same(Buffer.concat(parts), plain)).toBe(true);
    } finally {
      await reader.close();
    }
  });

  it('refuses a flipped byte in any chunk, a wrong context, a truncated or extended file, another key', async () => {
    const plain = new Uint8Array(randomBytes(3 * CHUNK));
    const sealed = sealBytes(keys.files, plain, 'blob:a');
    const flip = (at: number) => {
      const copy = new Uint8Array(sealed);
      copy[at] = (copy[at] ?? 0) ^ 1;
      return copy;
    };
    for (const at of [12, 30, 50, SEAL_HEADER_BYTES + 5, SEAL_HEADER_BYTES + CHUNK + 16 + 100, sealed.length - 1]) {
      expect(() => openSealedBytes(keys.files, flip(at), 'blob:a'), `byte ${String(at)}`).toThrow(/thay đổi|khoá/);
    }
    expect(() => openSealedBytes(keys.files, sealed, 'blob:b')).toThrow(/thay đổi/);
    expect(() => openSealedBytes(keys.files, sealed.subarray(0, sealed.length - CHUNK - 16), 'blob:a')).toThrow(/thay đổi/);
    expect(() => openSealedBytes(keys.files, new Uint8Array([...sealed, 0]), 'blob:a')).toThrow(/thay đổi/);
    expect(() => openSealedBytes(other.files, sealed, 'blob:a')).toThrow(/khoá/);

    // from disk: the damaged second chunk fails when it is read, and nothing of it is returned
    const path = join(dir, 'damaged');
    writeFileSync(path, flip(SEAL_HEADER_BYTES + CHUNK + 16 + 100));
    const reader = await openSealedFile(path, keys.files, 'blob:a');
    try {
      expect(same(await reader.read(0, 100), plain.subarray(0, 100))).toBe(true);
      await expect(reader.read(CHUNK, 10)).rejects.toThrow(/thay đổi/);
      await expect(reader.readAll()).rejects.toThrow(/thay đổi/);
    } finally {
      await reader.close();
    }
  });
});

describe('master key', () => {
  const memoryVault = (initial: Uint8Array | null): MasterKeyVault & { writes: number } => {
    let stored = initial;
    return {
      kind: 'memory',
      writes: 0,
      read: () => Promise.resolve(stored),
      write(key) {
        this.writes++;
        stored = new Uint8Array(key);
        return Promise.resolve();
      },
    };
  };

  it('is made once and then read back', async () => {
    const vault = memoryVault(null);
    const first = await loadOrCreateMasterKey(vault, false);
    expect(await loadOrCreateMasterKey(vault, true)).toEqual(first);
    expect(vault.writes).toBe(1);
  });

  it('is never replaced when the data is already encrypted and the key is gone', async () => {
    const vault = memoryVault(null);
    await expect(loadOrCreateMasterKey(vault, true)).rejects.toThrow(/không tìm thấy khoá/);
    expect(vault.writes).toBe(0);
  });

  it('derives different database and file keys, the same for the same master key', () => {
    const master = generateMasterKey();
    const a = deriveDataKeys(master);
    expect(deriveDataKeys(master)).toEqual(a);
    expect(a.databaseHex).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(a.files.kek).toString('hex')).not.toBe(a.databaseHex);
  });
});

describe('Windows ACL', () => {
  it('removes inherited entries and grants the signed-in user alone, inherited by what is created inside', () => {
    expect(windowsAclArgs('C:\\Users\\lan\\AppData\\Roaming\\dai-ly-dvc\\data', 'BUUDIEN\\lan')).toEqual([
      'C:\\Users\\lan\\AppData\\Roaming\\dai-ly-dvc\\data',
      '/inheritance:r',
      '/grant:r',
      'BUUDIEN\\lan:(OI)(CI)F',
      '/T',
      '/C',
      '/Q',
    ]);
  });

  it('is what the data folder gets on Windows at first start, and a failed icacls is reported, not hidden', async () => {
    const calls: [string, string[]][] = [];
    const ok = await makeTreePrivate(dir, { platform: 'win32', account: 'BUUDIEN\\lan', run: (file, args) => (calls.push([file, args]), Promise.resolve(0)) });
    expect(ok).toBe(true);
    expect(calls).toEqual([['icacls', windowsAclArgs(dir, 'BUUDIEN\\lan')]]);
    expect(await makeTreePrivate(dir, { platform: 'win32', account: 'x', run: () => Promise.resolve(5) })).toBe(false);
  });
});
