// Schemas of the sync calls: the status bar payload, a dossier's sync timeline, supplement requests, portal set-up.
import { z } from 'zod';

const dossierStatus = z.string();

export const syncStatusSchema = z.object({
  online: z.boolean(),
  waiting: z.number(),
  lastSuccessAt: z.number().nullable(),
  detail: z.string().nullable(),
  /** the dossier being uploaded right now, with bytes of all its files */
  current: z
    .object({ dossierId: z.string(), localCode: z.string(), bytesSent: z.number(), bytesTotal: z.number(), percent: z.number() })
    .nullable()
    .optional(),
  /** epoch ms of the next automatic try while something waits (so nothing spins without saying when) */
  nextAttemptAt: z.number().nullable().optional(),
  /** dossiers the portal refused, waiting for the agent to fix them */
  needsFix: z.number().optional(),
  /** false: no portal address / credentials yet, so nothing is sent (absent means configured) */
  configured: z.boolean().optional(),
  /** the portal refuses the agent code / secret: never shown as online until the settings are fixed */
  authRefused: z.boolean().optional(),
});
export type SyncStatusPayload = z.infer<typeof syncStatusSchema>;

const fieldError = z.object({ path: z.string(), code: z.string().optional(), message: z.string(), component: z.string().optional() });

export const syncTimelineEntrySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('attempt'),
    at: z.number(),
    kind: z.enum(['queue', 'upload', 'submit', 'status']),
    outcome: z.enum(['ok', 'retry', 'needs_fix', 'conflict', 'info']),
    message: z.string(),
    httpStatus: z.number().nullable(),
  }),
  z.object({
    type: z.literal('status'),
    at: z.number(),
    source: z.enum(['local', 'portal', 'sync']),
    from: dossierStatus.nullable(),
    to: dossierStatus,
    label: z.string(),
    message: z.string().nullable(),
  }),
]);
export type SyncTimelineEntry = z.infer<typeof syncTimelineEntrySchema>;

export const syncTimelineSchema = z.object({
  dossierId: z.string(),
  status: dossierStatus,
  portalCode: z.string().nullable(),
  outbox: z
    .object({
      state: z.enum(['pending', 'acknowledged', 'needs_fix', 'cancelled']),
      queuedAt: z.number(),
      acknowledgedAt: z.number().nullable(),
      attempts: z.number(),
      nextAttemptAt: z.number().nullable(),
      lastError: z.string().nullable(),
      lastErrorFields: z.array(fieldError),
      fieldMessages: z.record(z.string(), z.string()),
      bytesUploaded: z.number(),
      bytesTotal: z.number(),
    })
    .nullable(),
  entries: z.array(syncTimelineEntrySchema),
});
export type SyncTimelineView = z.infer<typeof syncTimelineSchema>;

export const supplementRequestSchema = z.object({
  id: z.number(),
  dossierId: z.string(),
  localCode: z.string(),
  portalCode: z.string(),
  procedureName: z.string(),
  createdBy: z.string(),
  documents: z.array(z.string()),
  note: z.string(),
  at: z.number(),
  seenAt: z.number().nullable(),
});
export type SupplementRequestView = z.infer<typeof supplementRequestSchema>;

export const syncInputs = {
  configure: z.object({
    portalUrl: z.string().trim().url().max(300),
    agentCode: z.string().trim().min(1).max(64),
    secret: z.string().min(1).max(500),
    /** "Lưu dù chưa kết nối được": keep settings the test could not reach the portal with (never a refused secret) */
    saveAnyway: z.boolean().optional(),
  }),
  supplementsList: z.object({
    dossierId: z.string().optional(),
    unseenOnly: z.boolean().optional(),
    limit: z.number().int().min(1).max(500).optional(),
  }),
  markSeen: z.object({ id: z.number().int() }),
};

export const syncOutputs = {
  configure: syncStatusSchema.extend({
    portalUrl: z.string(),
    agentCode: z.string().nullable(),
    /** false: saved with "Lưu dù chưa kết nối được" although the portal could not be reached */
    connectionTested: z.boolean(),
  }),
};

/**
 * Where a portal field message belongs on the intake form: "applicant.fullName" -> "fullName",
 * "applicant.onBehalfOf.idNumber" -> "onBehalfOf.idNumber", "delivery.address" stays; null for the rest
 * (components, files, the procedure code), which the notice lists on its own.
 */
export function intakeFieldOfPortalPath(path: string): string | null {
  if (path.startsWith('applicant.')) return path.slice('applicant.'.length);
  if (path === 'delivery.address') return path;
  return null;
}
