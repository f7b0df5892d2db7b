// Schemas of the backup.* and restore.* calls: settings, status (with progress and the supervisor's warning), restore.
import { z } from 'zod';

const fileOut = z.object({ fileName: z.string(), mime: z.string(), bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array) });

export const backupConfigSchema = z.object({
  /** the folder the admin picked (USB drive, network share); '' = not chosen */
  folder: z.string().trim().max(500),
  /** a backup every day at `dailyAt` (Vietnam time), caught up at the next start if the PC was off */
  daily: z.boolean(),
  dailyAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  /** a backup right after each day close */
  afterDayClose: z.boolean(),
  /** backups kept in the folder; older ones, and page files only they used, are removed */
  keepLast: z.number().int().min(1).max(365),
});
export type BackupConfig = z.infer<typeof backupConfigSchema>;

export const backupPhaseSchema = z.enum(['database', 'pages', 'verify', 'commit', 'retention', 'restore']);

export const backupStatusSchema = backupConfigSchema.extend({
  /** folder chosen and recovery passphrase set: backups can run */
  configured: z.boolean(),
  /** fingerprint of the office's recovery key (printed on the recovery sheet); null = no passphrase yet */
  fingerprint: z.string().nullable(),
  passphraseSetAt: z.number().nullable(),
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
  running: z.object({ phase: backupPhaseSchema, done: z.number(), total: z.number(), startedAt: z.number() }).nullable(),
  nextDueAt: z.number().nullable(),
  /** what the supervisor must see (a failed or overdue backup), in Vietnamese; null when all is well */
  warning: z.string().nullable(),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;

export const backupListItemSchema = z.object({
  file: z.string(),
  createdAt: z.number(),
  officeCode: z.string(),
  officeName: z.string(),
  counterNumber: z.number(),
  dossiers: z.number(),
  pages: z.number(),
  bytes: z.number(),
  fingerprint: z.string(),
  appVersion: z.string(),
});
export type BackupListItem = z.infer<typeof backupListItemSchema>;

export const restoreLossSchema = z.object({
  newerDossiers: z.number(),
  /** the first few local codes of those dossiers */
  newerCodes: z.array(z.string()),
  changedDossiers: z.number(),
  newerPages: z.number(),
  newerClosures: z.array(z.string()),
  newerUsers: z.number(),
  /** dossiers the portal holds already that the backup still has as waiting: re-sent with their key, answered the same */
  resent: z.number(),
  liveLastChangeAt: z.number().nullable(),
});
export type RestoreLoss = z.infer<typeof restoreLossSchema>;

export const restoreInspectSchema = z.object({
  backup: backupListItemSchema.extend({ pendingSync: z.number(), lastClosedDay: z.string().nullable(), missing: z.number() }),
  loss: restoreLossSchema,
  /** true when the restore would lose something: restore.apply then needs confirmLoss */
  needsConfirmation: z.boolean(),
  /** the same loss in one Vietnamese sentence ('' when nothing is lost) */
  lossText: z.string(),
});
export type RestoreInspect = z.infer<typeof restoreInspectSchema>;

const passphraseInput = z.string().min(1).max(200);

export const backupInputs = {
  configure: backupConfigSchema,
  setPassphrase: z.object({ passphrase: passphraseInput, confirm: passphraseInput }),
  list: z.object({ folder: z.string().trim().max(500).optional() }),
  inspect: z.object({ file: z.string().min(1).max(1000), passphrase: passphraseInput }),
  apply: z.object({ file: z.string().min(1).max(1000), passphrase: passphraseInput, confirmLoss: z.boolean().default(false) }),
};

export const backupOutputs = {
  setPassphrase: z.object({ fingerprint: z.string(), sheet: fileOut }),
  list: z.array(backupListItemSchema),
  apply: z.object({ dossiers: z.number(), pages: z.number(), backupCreatedAt: z.number(), restarting: z.boolean() }),
};
