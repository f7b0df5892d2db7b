// The master key: generated once, kept by a vault (safeStorage in Electron, a dev file in the web host), split into subkeys.
import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from '../../common/errors';

export const MASTER_KEY_BYTES = 32;

/** Where the master key is kept. `read` answers null only when no key was ever stored there. */
export type MasterKeyVault = {
  /** for logs and the admin: 'safeStorage (dpapi)', 'dev key file', ... */
  readonly kind: string;
  read(): Promise<Uint8Array | null>;
  /** stores a new key durably; throws when it cannot be protected (then nothing is written) */
  write(key: Uint8Array): Promise<void>;
};

/** Wraps per-file data keys (file-cipher.ts); keyId says which master key that was, for a later key rotation. */
export type FileKey = { kek: Uint8Array; keyId: Uint8Array };

/** The subkeys everything else uses; the master key itself is not kept after they are derived. */
export type DataKeys = {
  /** SQLCipher raw key (64 hex digits) for PRAGMA key = "x'...'" */
  databaseHex: string;
  files: FileKey;
};

function derive(master: Uint8Array, purpose: string, length: number): Uint8Array {
  // HKDF-SHA256: one independent key per purpose, so the database key never doubles as the file key-wrapping key
  return new Uint8Array(hkdfSync('sha256', master, new Uint8Array(0), `dai-ly-dvc/v1/${purpose}`, length));
}

export function deriveDataKeys(master: Uint8Array): DataKeys {
  if (master.length !== MASTER_KEY_BYTES) throw new AppError('DATA_KEY_UNREADABLE', { reason: 'length' });
  const kek = derive(master, 'file-kek', 32);
  const keyId = createHash('sha256').update(derive(master, 'key-id', 32)).digest().subarray(0, 8);
  return {
    databaseHex: Buffer.from(derive(master, 'sqlite', 32)).toString('hex'),
    files: { kek, keyId: new Uint8Array(keyId) },
  };
}

export function generateMasterKey(): Uint8Array {
  return new Uint8Array(randomBytes(MASTER_KEY_BYTES));
}

/**
 * The stored key, or a new one when the folder holds nothing encrypted yet. A missing key next to encrypted data is an
 * error, never a reason to make a new key: that would leave the existing dossiers unreadable for good.
 */
export async function loadOrCreateMasterKey(vault: MasterKeyVault, holdsEncryptedData: boolean): Promise<Uint8Array> {
  const stored = await vault.read();
  if (stored) {
    if (stored.length !== MASTER_KEY_BYTES) throw new AppError('DATA_KEY_UNREADABLE', { reason: 'length' });
    return stored;
  }
  if (holdsEncryptedData) throw new AppError('DATA_KEY_MISSING', { where: vault.kind });
  const fresh = generateMasterKey();
  await vault.write(fresh);
  // read back: a vault that cannot return what it stored must fail now, not after data is encrypted with the key
  const again = await vault.read();
  if (!again || Buffer.compare(Buffer.from(again), Buffer.from(fresh)) !== 0) {
    throw new AppError('DATA_KEY_UNREADABLE', { reason: 'read-back' });
  }
  return fresh;
}
