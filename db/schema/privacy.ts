// Personal data (Law 91/2025/QH15): citizens' consents per dossier, the append-only access log, legal holds on purging.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { dossiers } from './dossiers';

export const consentPurposes = ['procedure', 'reuse'] as const;
export const consentMethods = ['signed_receipt', 'read_aloud'] as const;

/**
 * One row per purpose the citizen agreed to, for one dossier: the notice version they were told, how they agreed, who
 * recorded it and when. A withdrawal fills the withdrawn_* columns once; agreeing again is a new row. Rows hold no
 * personal data beyond the dossier they belong to, so they are kept with the dossier's skeleton as the proof of consent
 * (Decree 356/2025/NĐ-CP: the controller must be able to show who agreed, when, and to what).
 */
export const consents = sqliteTable(
  'consents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: consentPurposes }).notNull(),
    noticeVersion: text('notice_version').notNull(),
    method: text('method', { enum: consentMethods }).notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: integer('recorded_at').notNull(),
    withdrawnAt: integer('withdrawn_at'),
    withdrawnBy: text('withdrawn_by').references(() => users.id),
    /** how the citizen withdrew ("tại quầy", "yêu cầu xoá"); no personal data */
    withdrawnNote: text('withdrawn_note'),
  },
  (t) => [index('consents_dossier_idx').on(t.dossierId, t.purpose)],
);

/**
 * Every look at a citizen's data (page image, thumbnail, PDF, export, search by ID number): who, what, when, why.
 * Append-only and hash-chained like audit_log (core/audit/hash-chain.ts). No plaintext ID numbers: the applicant's ID
 * number is kept as its keyed digest (privacy/id-digest.ts), so the log needs no purge and still answers "who looked at
 * citizen X". No foreign keys: the log outlives what it names.
 */
export const accessLog = sqliteTable(
  'access_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actorId: text('actor_id'),
    /** page.full | page.thumb | pdf.component | pdf.receipt | pdf.form | reuse.thumb | export.citizen | search.id_number ... */
    action: text('action').notNull(),
    dossierId: text('dossier_id'),
    /** page id, component id or file kind the view was about */
    target: text('target'),
    idDigest: text('id_digest'),
    /** why, where the app knows it (re-use: card read or the supervisor's approval and its reason) */
    reason: text('reason'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('access_log_at_idx').on(t.at),
    index('access_log_actor_idx').on(t.actorId, t.at),
    index('access_log_id_digest_idx').on(t.idDigest, t.at),
    index('access_log_dossier_idx').on(t.dossierId),
  ],
);

/** A dossier on legal hold is skipped by the retention purge and by erasure until a supervisor releases it. */
export const legalHolds = sqliteTable(
  'legal_holds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    placedBy: text('placed_by')
      .notNull()
      .references(() => users.id),
    placedAt: integer('placed_at').notNull(),
    releasedBy: text('released_by').references(() => users.id),
    releasedAt: integer('released_at'),
    releaseReason: text('release_reason'),
  },
  (t) => [index('legal_holds_dossier_idx').on(t.dossierId, t.releasedAt)],
);
