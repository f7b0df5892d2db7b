// The master key for the Electron app, wrapped by the OS keystore through safeStorage (DPAPI, Keychain, libsecret/kwallet).
import { safeStorage } from 'electron';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../common/errors';
import type { MasterKeyVault } from '../core/crypto/keys';
import { ensurePrivateDir, writePrivateFileAtomic } from '../core/crypto/private-files';
import { encryptionProblem } from './safe-storage-secrets';

/** Beside the data it unlocks, so a data folder moved with DAI_LY_DVC_DATA keeps its key (useless to another OS user). */
export const MASTER_KEY_FILE = 'master-key.safestorage.json';

/** `wrapped` is base64 of safeStorage ciphertext of the base64 key; `backend` is for diagnosis only. */
type FileShape = { format: 1; backend: string; wrapped: string };

function backendName(): string {
  if (process.platform === 'linux') return safeStorage.getSelectedStorageBackend();
  return process.platform === 'win32' ? 'dpapi' : 'keychain';
}

/**
 * Refuses both to make and to open a key without a real keystore: on Linux without a keyring Electron falls back to
 * a hard-coded password (basic_text), which protects nothing (the same rule as portal credentials).
 */
function assertKeystore(): void {
  if (encryptionProblem()) throw new AppError('KEYSTORE_UNAVAILABLE');
}

export function createSafeStorageVault(dataDir: string): MasterKeyVault {
  const file = join(dataDir, MASTER_KEY_FILE);
  return {
    kind: `safeStorage ${MASTER_KEY_FILE}`,
    async read() {
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      assertKeystore();
      const parsed = JSON.parse(text) as Partial<FileShape>;
      let key: Buffer;
      try {
        key = Buffer.from(safeStorage.decryptString(Buffer.from(parsed.wrapped ?? '', 'base64')), 'base64');
      } catch {
        // wrapped under another OS user, or the keyring was reset: never replaced by a new key (the data would be lost)
        throw new AppError('DATA_KEY_UNREADABLE', { where: MASTER_KEY_FILE });
      }
      if (key.length !== 32) throw new AppError('DATA_KEY_UNREADABLE', { where: MASTER_KEY_FILE });
      return new Uint8Array(key);
    },
    async write(key) {
      assertKeystore();
      await ensurePrivateDir(dataDir);
      const body: FileShape = {
        format: 1,
        backend: backendName(),
        wrapped: safeStorage.encryptString(Buffer.from(key).toString('base64')).toString('base64'),
      };
      await writePrivateFileAtomic(file, `${JSON.stringify(body, null, 2)}\n`, randomBytes(4).toString('hex'));
    },
  };
}
