// Shared by scripts/backup.ts and scripts/restore.ts: the passphrase from a file, the environment or the terminal.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';

/** --passphrase-file F (first line), else DVC_BACKUP_PASSPHRASE, else asked on the terminal; null when none. */
export async function readPassphrase(file: string | undefined, ask: boolean): Promise<string | null> {
  if (file) return (readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '').trim();
  const env = process.env.DVC_BACKUP_PASSPHRASE;
  if (env) return env;
  if (!ask || !process.stdin.isTTY) return null;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question('Cụm mật khẩu khôi phục: ')).trim();
  } finally {
    rl.close();
  }
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

export function failAndExit(error: unknown): never {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
