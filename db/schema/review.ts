// Supervisor's records: contact attempts when chasing a citizen, closed days and the per-dossier baseline of closed figures.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { dossiers } from './dossiers';

export const contactAttempts = sqliteTable(
  'contact_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    actorId: text('actor_id')
      .notNull()
      .references(() => users.id),
    channel: text('channel', { enum: ['phone', 'sms', 'in_person'] }).notNull(),
    outcome: text('outcome', {
      enum: ['reached', 'no_answer', 'busy', 'wrong_number', 'message_left', 'will_come'],
    }).notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [index('contact_attempts_dossier_idx').on(t.dossierId, t.at)],
);

/**
 * One row per closed day. `snapshot` is the frozen report (JSON) exactly as hashed: hash = sha256(prev_hash + snapshot),
 * prev_hash being the hash of the closure made before it, so closures form a chain like the audit log.
 */
export const dayClosures = sqliteTable(
  'day_closures',
  {
    /** yyyy-MM-dd, Vietnam time */
    date: text('date').primaryKey(),
    closedAt: integer('closed_at').notNull(),
    closedBy: text('closed_by')
      .notNull()
      .references(() => users.id),
    snapshot: text('snapshot').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** highest status_events.id when closed: later events (whatever time they carry) are candidates for corrections */
    lastEventId: integer('last_event_id').notNull(),
    corrections: integer('corrections').notNull().default(0),
  },
  (t) => [index('day_closures_closed_at_idx').on(t.closedAt)],
);

/**
 * What the closed reports last said about each dossier of a closed day: set when its day is closed, moved forward when
 * a later report shows a correction. No cascade: a dossier of a closed day cannot disappear silently.
 */
export const dayClosureLines = sqliteTable(
  'day_closure_lines',
  {
    dossierId: text('dossier_id')
      .primaryKey()
      .references(() => dossiers.id),
    day: text('day').notNull(),
    status: text('status').notNull(),
    mode: text('mode').notNull(),
    feeVnd: integer('fee_vnd'),
    billable: integer('billable', { mode: 'boolean' }).notNull(),
    serviceChargeVnd: integer('service_charge_vnd').notNull(),
    /** the closure (date) whose report last stated this line */
    recordedIn: text('recorded_in').notNull(),
  },
  (t) => [index('day_closure_lines_day_idx').on(t.day)],
);
