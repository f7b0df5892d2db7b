// Portal sync: the outbox (one row per dossier sent), resumable uploads, sync state, the attempt timeline, portal requests.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { dossiers } from './dossiers';

/** pending: to send; acknowledged: the portal holds it; needs_fix: refused, waits for the agent; cancelled: withdrawn locally before sending */
export const outboxStates = ['pending', 'acknowledged', 'needs_fix', 'cancelled'] as const;

/**
 * One row per dossier that was ever queued for the portal. The idempotency key is assigned in the transaction
 * that queues the dossier and never changes afterwards (not even when the agent fixes and re-queues it).
 */
export const outbox = sqliteTable(
  'outbox',
  {
    dossierId: text('dossier_id')
      .primaryKey()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    state: text('state', { enum: outboxStates }).notNull(),
    /** attempts since the last success or re-queue (drives the backoff) */
    attempts: integer('attempts').notNull().default(0),
    /** epoch ms; the engine does not touch the row before this */
    nextAttemptAt: integer('next_attempt_at').notNull(),
    /** plain Vietnamese, for the agent */
    lastError: text('last_error'),
    /** JSON: PortalFieldError[] from the last refusal (422 / other 4xx) */
    lastErrorFields: text('last_error_fields'),
    /** JSON: the exact submission body, frozen at the first POST so a re-POST with the same key is byte-identical */
    body: text('body'),
    portalCode: text('portal_code'),
    /** highest feed sequence number applied to this dossier (duplicates and replays are ignored) */
    lastFeedSeq: integer('last_feed_seq').notNull().default(0),
    queuedAt: integer('queued_at').notNull(),
    acknowledgedAt: integer('acknowledged_at'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('outbox_due_idx').on(t.state, t.nextAttemptAt, t.queuedAt)],
);

export const uploadStates = ['open', 'complete'] as const;

/** Resumable uploads, one per blob (a page scanned into two dossiers is uploaded once). */
export const uploads = sqliteTable('uploads', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  /** tus upload URL, stored before the first byte is sent so a restart resumes there */
  uploadUrl: text('upload_url'),
  /** bytes the portal confirmed so far */
  offset: integer('offset').notNull().default(0),
  state: text('state', { enum: uploadStates }).notNull(),
  /** body bytes sent in PATCH requests over all attempts (>= size; the excess is what faults cost) */
  bytesSent: integer('bytes_sent').notNull().default(0),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Key/value state of the engine: the status feed cursor, the last successful sync. */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const syncAttemptKinds = ['queue', 'upload', 'submit', 'status'] as const;
export const syncOutcomes = ['ok', 'retry', 'needs_fix', 'conflict', 'info'] as const;

/** The per-dossier sync timeline the agent sees. */
export const syncAttempts = sqliteTable(
  'sync_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    kind: text('kind', { enum: syncAttemptKinds }).notNull(),
    outcome: text('outcome', { enum: syncOutcomes }).notNull(),
    /** plain Vietnamese */
    message: text('message').notNull(),
    httpStatus: integer('http_status'),
  },
  (t) => [index('sync_attempts_dossier_idx').on(t.dossierId, t.at)],
);

/** Supplement requests (yêu cầu bổ sung) from the portal's status feed. */
export const portalRequests = sqliteTable(
  'portal_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    portalCode: text('portal_code').notNull(),
    /** the feed sequence number: one request per feed entry, a replayed entry is not stored twice */
    feedSeq: integer('feed_seq').notNull(),
    /** JSON: string[] names of the documents wanted */
    documents: text('documents').notNull(),
    note: text('note').notNull(),
    at: integer('at').notNull(),
    seenAt: integer('seen_at'),
    seenBy: text('seen_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('portal_requests_seq_uq').on(t.dossierId, t.feedSeq),
    index('portal_requests_dossier_idx').on(t.dossierId, t.at),
  ],
);
