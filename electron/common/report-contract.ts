// Contract schemas of the supervisor's side: review queue, dashboard buckets, chasing, day closing and the audit view.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-MM-dd');
const person = z.object({ id: z.string(), fullName: z.string() });
const page = {
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
};

/**
 * Every number on the dashboard is one bucket; `reports.drill` with the same bucket, date and agent lists exactly the
 * dossiers counted. `day.*`: dossiers taken on the chosen day (by their current status), except `day.sentToPortal` and
 * `day.completedOn` (dossiers that reached that status on the day, whenever taken). `open.*`: work waiting right now,
 * any day. `period.*`: the 30 days ending on the chosen day (indicators).
 */
export const reportBucketSchema = z.enum([
  'day.taken',
  'day.draft',
  'day.ready',
  'day.awaitingReview',
  'day.returned',
  'day.queued',
  'day.accepted',
  'day.needsFix',
  'day.supplementRequested',
  'day.resultReady',
  'day.withdrawn',
  'day.overdue',
  'day.sentToPortal',
  'day.completedOn',
  'open.awaitingReview',
  'open.returned',
  'open.queued',
  'open.needsFix',
  'open.supplementRequested',
  'open.resultReady',
  'open.overdue',
  'open.syncWaiting',
  'open.syncFailing',
  'period.filed',
  'period.online',
  'period.resolved',
  'period.onTime',
  'period.missingScans',
]);
export type ReportBucket = z.infer<typeof reportBucketSchema>;

export const figureSchema = z.object({ bucket: reportBucketSchema, label: z.string(), count: z.number() });
export type Figure = z.infer<typeof figureSchema>;

export const ratioSchema = z.object({
  numerator: z.number(),
  denominator: z.number(),
  /** 0..1; null when there is nothing to measure */
  rate: z.number().nullable(),
  /** the buckets to drill into; null when the ratio counts components rather than dossiers */
  numeratorBucket: reportBucketSchema.nullable(),
  denominatorBucket: reportBucketSchema.nullable(),
});
export type Ratio = z.infer<typeof ratioSchema>;

export const syncHealthSchema = z.object({
  lastSuccessAt: z.number().nullable(),
  /** dossiers waiting in the outbox */
  waiting: z.number(),
  /** waiting dossiers whose last try failed */
  failing: z.number(),
  /** refused by the portal, waiting for the agent */
  needsFix: z.number(),
  failures: z.array(
    z.object({
      dossierId: z.string(),
      localCode: z.string(),
      attempts: z.number(),
      lastError: z.string().nullable(),
      nextAttemptAt: z.number().nullable(),
    }),
  ),
});
export type SyncHealth = z.infer<typeof syncHealthSchema>;

export const dashboardSchema = z.object({
  date: isoDate,
  today: isoDate,
  agentId: z.string().nullable(),
  day: z.array(figureSchema),
  open: z.array(figureSchema),
  period: z.array(figureSchema),
  series: z.array(
    z.object({ date: isoDate, taken: z.number(), sentToPortal: z.number(), completed: z.number() }),
  ),
  indicators: z.object({
    from: isoDate,
    to: isoDate,
    onlineShare: ratioSchema,
    digitisation: ratioSchema,
    onTime: ratioSchema,
  }),
  /** null when this build has no sync tables */
  sync: syncHealthSchema.nullable(),
  closure: z.object({ closedAt: z.number(), closedByName: z.string(), hash: z.string() }).nullable(),
  /** changes to closed days not yet shown on a closed report */
  pendingCorrections: z.number(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const reviewQueueItemSchema = z.object({
  id: z.string(),
  localCode: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  mode: z.enum(['online', 'postal', 'direct']),
  applicantName: z.string(),
  applicantIdNumber: z.string(),
  agent: person,
  createdAt: z.number(),
  /** when the agent sent it for review (the latest time, after a return) */
  sentAt: z.number().nullable(),
  dueDate: z.string().nullable(),
  feeVnd: z.number().nullable(),
  pageCount: z.number(),
  /** required components to submit that have no pages */
  missingRequired: z.number(),
  overrideReason: z.string().nullable(),
  timesReturned: z.number(),
  /** the caller took this dossier: they may not approve or return it */
  ownDossier: z.boolean(),
});
export type ReviewQueueItem = z.infer<typeof reviewQueueItemSchema>;

export const returnedItemSchema = z.object({
  id: z.string(),
  localCode: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  agent: person,
  reason: z.string(),
  returnedBy: z.string().nullable(),
  returnedAt: z.number(),
});
export type ReturnedItem = z.infer<typeof returnedItemSchema>;

export const contactChannelSchema = z.enum(['phone', 'sms', 'in_person']);
export const contactOutcomeSchema = z.enum([
  'reached',
  'no_answer',
  'busy',
  'wrong_number',
  'message_left',
  'will_come',
]);
export const contactAttemptSchema = z.object({
  id: z.number(),
  dossierId: z.string(),
  at: z.number(),
  actor: person,
  channel: contactChannelSchema,
  outcome: contactOutcomeSchema,
  note: z.string(),
});
export type ContactAttempt = z.infer<typeof contactAttemptSchema>;

export const chaseItemSchema = z.object({
  id: z.string(),
  localCode: z.string(),
  procedureName: z.string(),
  status: z.string(),
  applicantName: z.string(),
  /** the citizen's phone to call, as typed at intake */
  phone: z.string().nullable(),
  agent: person,
  dueDate: z.string().nullable(),
  /** days past the appointment date; null when not overdue */
  daysOverdue: z.number().nullable(),
  /** the portal's latest supplement request, if any */
  request: z.object({ documents: z.array(z.string()), note: z.string(), at: z.number() }).nullable(),
  contacts: z.number(),
  lastContact: contactAttemptSchema.nullable(),
});
export type ChaseItem = z.infer<typeof chaseItemSchema>;

export const statusGroupSchema = z.enum([
  'draft',
  'review',
  'returned',
  'waiting',
  'sent',
  'needs_fix',
  'withdrawn',
]);
export type StatusGroup = z.infer<typeof statusGroupSchema>;

export const dayReportRowSchema = z.object({
  key: z.string(),
  name: z.string(),
  taken: z.number(),
  statuses: z.record(statusGroupSchema, z.number()),
  /** receipts issued and not withdrawn: the fee and the service charge were taken */
  billable: z.number(),
  feesVnd: z.number(),
  /** billable dossiers whose fee the catalog did not give (counted as 0) */
  feesUnknown: z.number(),
  serviceVnd: z.number(),
  cashVnd: z.number(),
});
export type DayReportRow = z.infer<typeof dayReportRowSchema>;

const correctionStateSchema = z.object({
  status: z.string(),
  mode: z.string(),
  feeVnd: z.number().nullable(),
  billable: z.boolean(),
});
export const correctionSchema = z.object({
  dossierId: z.string(),
  localCode: z.string(),
  /** the closed day the dossier belongs to */
  day: isoDate,
  agentName: z.string(),
  procedureCode: z.string(),
  kind: z.enum(['added', 'changed']),
  before: correctionStateSchema.nullable(),
  after: correctionStateSchema,
  cashDeltaVnd: z.number(),
  /** the dossier's own service charge (absent in reports closed before dossiers had one) */
  serviceChargeVnd: z.number().optional(),
  /** Vietnamese, one line */
  description: z.string(),
});

/** A dossier the day took money for: its fee and service charge, as its receipt stated them. */
export const dayReportLineSchema = z.object({
  localCode: z.string(),
  procedureCode: z.string(),
  agentName: z.string(),
  feeVnd: z.number().nullable(),
  serviceChargeVnd: z.number(),
  cashVnd: z.number(),
});
export type DayReportLine = z.infer<typeof dayReportLineSchema>;
export type Correction = z.infer<typeof correctionSchema>;

export const dayReportSchema = z.object({
  date: isoDate,
  office: z.object({ code: z.string(), name: z.string(), address: z.string(), phone: z.string().optional() }),
  state: z.enum(['preview', 'closed']),
  closedAt: z.number().nullable(),
  closedBy: z.string().nullable(),
  hash: z.string().nullable(),
  /** closed reports: the stored snapshot still matches its hash and the chain of closures */
  hashOk: z.boolean().nullable(),
  generatedAt: z.number(),
  serviceChargeVnd: z.number(),
  totals: dayReportRowSchema,
  byAgent: z.array(dayReportRowSchema),
  byProcedure: z.array(dayReportRowSchema),
  /** per billable dossier (absent in reports closed before it was kept) */
  lines: z.array(dayReportLineSchema).default([]),
  corrections: z.array(correctionSchema),
  correctionsCashVnd: z.number(),
  /** the day's cash plus the corrections' */
  cashToHandOverVnd: z.number(),
});
export type DayReport = z.infer<typeof dayReportSchema>;

export const closureSummarySchema = z.object({
  date: isoDate,
  closedAt: z.number(),
  closedByName: z.string(),
  hash: z.string(),
  hashOk: z.boolean(),
  taken: z.number(),
  cashToHandOverVnd: z.number(),
  corrections: z.number(),
});
export type ClosureSummary = z.infer<typeof closureSummarySchema>;

export const auditItemSchema = z.object({
  id: z.number(),
  at: z.number(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  /** the dossier's local code when the row is about a dossier */
  localCode: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditItem = z.infer<typeof auditItemSchema>;

export const auditCheckSchema = z.object({
  ok: z.boolean(),
  rows: z.number(),
  brokenAtId: z.number().nullable(),
  /** edited: the row's content no longer matches its hash; link: it does not follow the row before it (a row was
   * removed, inserted or rewritten); gap: ids are missing before it */
  problem: z.enum(['edited', 'link', 'gap']).nullable(),
  row: auditItemSchema.nullable(),
  previous: auditItemSchema.nullable(),
  message: z.string(),
});
export type AuditCheck = z.infer<typeof auditCheckSchema>;

export const reportInputs = {
  reviewQueue: z.object({
    agentId: z.string().optional(),
    procedureCode: z.string().optional(),
    text: z.string().max(100).optional(),
    ...page,
  }),
  reviewApprove: z.object({ id: z.string(), note: z.string().trim().max(500).optional() }),
  reviewReturn: z.object({ id: z.string(), reason: z.string().trim().min(5).max(1000) }),
  reviewReturned: z.object({ agentId: z.string().optional(), ...page }),
  dashboard: z.object({ date: isoDate.optional(), agentId: z.string().optional() }),
  drill: z.object({
    bucket: reportBucketSchema,
    date: isoDate.optional(),
    agentId: z.string().optional(),
    ...page,
  }),
  day: z.object({ date: isoDate }),
  closures: z.object({ limit: z.number().int().min(1).max(400).default(60) }),
  chaseList: z.object({ kind: z.enum(['supplement', 'overdue']), agentId: z.string().optional(), ...page }),
  chaseAdd: z.object({
    dossierId: z.string(),
    channel: contactChannelSchema,
    outcome: contactOutcomeSchema,
    note: z.string().trim().max(500).default(''),
  }),
  chaseContacts: z.object({ dossierId: z.string() }),
  auditList: z.object({
    actorId: z.string().optional(),
    dossierId: z.string().optional(),
    /** exact action ("dossier.approved"), or a prefix ending with a dot ("dossier.") */
    action: z.string().max(60).optional(),
    fromDate: isoDate.optional(),
    toDate: isoDate.optional(),
    ...page,
  }),
};

export const reportOutputs = {
  reviewQueue: z.object({ items: z.array(reviewQueueItemSchema), total: z.number() }),
  reviewReturned: z.object({ items: z.array(returnedItemSchema), total: z.number() }),
  chaseList: z.object({ items: z.array(chaseItemSchema), total: z.number() }),
  auditList: z.object({ items: z.array(auditItemSchema), total: z.number() }),
  closures: z.array(closureSummarySchema),
  corrections: z.object({ pending: z.array(correctionSchema), cashDeltaVnd: z.number() }),
};
