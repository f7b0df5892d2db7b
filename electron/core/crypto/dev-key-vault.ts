// DEVELOPMENT ONLY: the master key in a plain file beside the data (web host, tests, benches). Electron uses safeStorage.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../common/errors';
import type { MasterKeyVault } from './keys';
import { ensurePrivateDir, writePrivateFileAtomic } from './private-files';

/** The name says what it is, so nobody takes it for protected storage or copies it next to a counter's data. */
export const DEV_KEY_FILE = 'master-key.DEV-NOT-PROTECTED.json';

type FileShape = { warning: string; key: string };

const WARNING =
  'KHÔNG ĐƯỢC BẢO VỆ / NOT PROTECTED: development master key of the web host. Whoever reads this file can decrypt the data beside it. Never use on a counter PC.';

/** A vault over `<dataDir>/master-key.DEV-NOT-PROTECTED.json` (mode 0600, written by temp file + fsync + rename). */
export function createDevKeyVault(dataDir: string): MasterKeyVault {
  const file = join(dataDir, DEV_KEY_FILE);
  return {
    kind: `dev key file ${DEV_KEY_FILE}`,
    async read() {
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      const parsed = JSON.parse(text) as Partial<FileShape>;
      const key = typeof parsed.key === 'string' ? Buffer.from(parsed.key, 'base64') : Buffer.alloc(0);
      if (key.length !== 32) throw new AppError('DATA_KEY_UNREADABLE', { where: DEV_KEY_FILE });
      return new Uint8Array(key);
    },
    async write(key) {
      await ensurePrivateDir(dataDir);
      const body: FileShape = { warning: WARNING, key: Buffer.from(key).toString('base64') };
      await writePrivateFileAtomic(file, `${JSON.stringify(body, null, 2)}\n`, randomBytes(4).toString('hex'));
    },
  };
}
