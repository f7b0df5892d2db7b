// The backup's own rows in `settings`: the admin's choices with the office's public recovery key, and the last outcome.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { backupConfigSchema, type BackupConfig, type BackupStatus } from '../../common/backup-contract';
import type { RecipientInfo } from './backup-crypto';

const CONFIG_KEY = 'backup.config';
const STATE_KEY = 'backup.state';

export const defaultBackupConfig: BackupConfig = { folder: '', daily: true, dailyAt: '12:15', afterDayClose: true, keepLast: 14 };

const storedConfigSchema = backupConfigSchema.extend({
  recipient: z
    .object({
      kdf: z.object({ name: z.literal('scrypt'), N: z.number(), r: z.number(), p: z.number(), salt: z.string() }),
      publicKey: z.string(),
      fingerprint: z.string(),
    })
    .nullable(),
  passphraseSetAt: z.number().nullable(),
  /** HMAC key naming the objects in the set (backup-objects.ts); travels with the backup so a restored PC continues */
  namingKey: z.string().regex(/^[0-9a-f]{64}$/),
});
export type StoredBackupConfig = z.infer<typeof storedConfigSchema>;

const stateSchema = z.object({
  lastSuccess: z
    .object({
      at: z.number(),
      file: z.string(),
      dossiers: z.number(),
      pages: z.number(),
      bytesWritten: z.number(),
      bytesTotal: z.number(),
      missing: z.number(),
      durationMs: z.number(),
    })
    .nullable(),
  lastFailure: z.object({ at: z.number(), message: z.string() }).nullable(),
});
export type BackupState = z.infer<typeof stateSchema>;

function readRow(db: Db, key: string): unknown {
  const row = db.$client.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return null;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return null;
  }
}

function writeRow(db: Db, key: string, value: unknown, now: number): void {
  db.$client
    .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
    .run(key, JSON.stringify(value), now);
}

export function readBackupConfig(db: Db): StoredBackupConfig {
  const parsed = storedConfigSchema.safeParse(readRow(db, CONFIG_KEY));
  if (parsed.success) return parsed.data;
  return { ...defaultBackupConfig, recipient: null, passphraseSetAt: null, namingKey: randomBytes(32).toString('hex') };
}

export function writeBackupConfig(db: Db, config: StoredBackupConfig, now: number): void {
  writeRow(db, CONFIG_KEY, config, now);
}

export function readBackupState(db: Db): BackupState {
  const parsed = stateSchema.safeParse(readRow(db, STATE_KEY));
  return parsed.success ? parsed.data : { lastSuccess: null, lastFailure: null };
}

export function writeBackupState(db: Db, state: BackupState, now: number): void {
  writeRow(db, STATE_KEY, state, now);
}

export function recipientOf(config: StoredBackupConfig): RecipientInfo | null {
  return config.recipient ? { ...config.recipient, kdf: { ...config.recipient.kdf } } : null;
}

export function publicConfig(config: StoredBackupConfig): Pick<BackupStatus, keyof BackupConfig | 'fingerprint' | 'passphraseSetAt'> {
  return {
    folder: config.folder,
    daily: config.daily,
    dailyAt: config.dailyAt,
    afterDayClose: config.afterDayClose,
    keepLast: config.keepLast,
    fingerprint: config.recipient?.fingerprint ?? null,
    passphraseSetAt: config.passphraseSetAt,
  };
}
