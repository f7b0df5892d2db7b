// Secrets for the Electron app: each value encrypted with the OS keystore through safeStorage, kept in one file in userData.
import { safeStorage } from 'electron';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Secrets } from '../core/sync/secrets';

export const SECRETS_FILE = 'portal-credentials.bin.json';

/** values are base64 of safeStorage ciphertext; the file alone reveals nothing */
type FileShape = { values: Record<string, string> };

/** Why this machine cannot protect a secret, or null when it can. */
export function encryptionProblem(): string | null {
  if (!safeStorage.isEncryptionAvailable()) {
    return 'Máy này chưa có kho khoá của hệ điều hành nên không thể cất mật khẩu cổng an toàn.';
  }
  // on Linux without a keyring Electron falls back to a hard-coded key: that is no encryption at all
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return 'Máy này không có kho khoá (GNOME Keyring / KWallet) nên không thể cất mật khẩu cổng an toàn. Hãy cài và mở kho khoá rồi nhập lại.';
  }
  return null;
}

export function createSafeStorageSecrets(userDataDir: string): Secrets {
  const file = join(userDataDir, SECRETS_FILE);
  let chain: Promise<unknown> = Promise.resolve();

  async function load(): Promise<Record<string, string>> {
    try {
      const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<FileShape>;
      return Object.fromEntries(
        Object.entries(parsed.values ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
    } catch {
      return {};
    }
  }

  async function save(values: Record<string, string>): Promise<void> {
    await fs.mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(tmp, `${JSON.stringify({ values } satisfies FileShape)}\n`, { mode: 0o600 });
    await fs.rename(tmp, file);
  }

  return {
    async get(name) {
      const cipher = (await load())[name];
      if (!cipher || encryptionProblem()) return null;
      try {
        return safeStorage.decryptString(Buffer.from(cipher, 'base64'));
      } catch {
        // encrypted under another OS user or keyring: treat as not set, the admin enters it again
        return null;
      }
    },
    set(name, value) {
      const next = chain.then(async () => {
        const values = await load();
        if (value === null) delete values[name];
        else {
          const problem = encryptionProblem();
          if (problem) throw new Error(problem);
          values[name] = safeStorage.encryptString(value).toString('base64');
        }
        await save(values);
      });
      chain = next.catch(() => undefined);
      return next;
    },
  };
}
