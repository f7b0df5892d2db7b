// DEVELOPMENT ONLY: Secrets kept in a plain JSON file for the web host. It is NOT encrypted; Electron uses safeStorage.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Secrets } from './secrets';

/** The file name says what it is, so nobody mistakes it for protected storage. */
export const DEV_SECRETS_FILE = 'portal-credentials.dev.json';

type FileShape = { warning: string; values: Record<string, string> };

const WARNING =
  'KHÔNG MÃ HOÁ / NOT ENCRYPTED: development credentials for the web host only. Never use on a counter PC.';

/**
 * A Secrets implementation over `<dataDir>/portal-credentials.dev.json` (mode 0600, written by temp file + rename).
 * Anyone who can read the data folder can read these values: use it for the web host, demos and tests only.
 */
export function createDevSecrets(dataDir: string): Secrets {
  const file = join(dataDir, DEV_SECRETS_FILE);
  let chain: Promise<unknown> = Promise.resolve();

  async function load(): Promise<Record<string, string>> {
    try {
      const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<FileShape>;
      const values = parsed.values ?? {};
      return Object.fromEntries(
        Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
    } catch {
      return {};
    }
  }

  async function save(values: Record<string, string>): Promise<void> {
    await fs.mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    const body: FileShape = { warning: WARNING, values };
    await fs.writeFile(tmp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
    await fs.rename(tmp, file);
  }

  return {
    get: async (name) => (await load())[name] ?? null,
    set(name, value) {
      // writes are serialised so two quick updates cannot lose one another
      const next = chain.then(async () => {
        const values = await load();
        if (value === null) delete values[name];
        else values[name] = value;
        await save(values);
      });
      chain = next.catch(() => undefined);
      return next;
    },
  };
}
