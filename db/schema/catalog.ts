// Procedure catalog: procedures, their filing modes and document components, and per-user pins.
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

export const procedures = sqliteTable(
  'procedures',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    /** folded (no accents, lower case) "code name" for diacritics-insensitive search */
    searchText: text('search_text').notNull(),
    level: text('level'),
    field: text('field'),
    agency: text('agency'),
    procedureType: text('procedure_type'),
    decisionNo: text('decision_no'),
    resultText: text('result_text'),
    applicantTypes: text('applicant_types'),
    /** 'national' (imported dataset) | 'office' (maintained by the office) | 'portal' */
    source: text('source').notNull(),
    catalogVersion: text('catalog_version').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [index('procedures_field_idx').on(t.field)],
);

export const procedureModes = sqliteTable(
  'procedure_modes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    procedureCode: text('procedure_code')
      .notNull()
      .references(() => procedures.code, { onDelete: 'cascade' }),
    mode: text('mode', { enum: ['online', 'postal', 'direct'] }).notNull(),
    /** null when the deadline could not be read */
    deadlineValue: real('deadline_value'),
    deadlineUnit: text('deadline_unit', {
      enum: ['working_day', 'day', 'hour', 'month', 'year', 'other'],
    }).notNull(),
    deadlineText: text('deadline_text').notNull(),
    /** null = unknown; 0 = free */
    feeVnd: integer('fee_vnd'),
    feeText: text('fee_text').notNull(),
    ord: integer('ord').notNull(),
  },
  (t) => [index('procedure_modes_proc_idx').on(t.procedureCode)],
);

export const procedureComponents = sqliteTable(
  'procedure_components',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    procedureCode: text('procedure_code')
      .notNull()
      .references(() => procedures.code, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['submit', 'show'] }).notNull(),
    name: text('name').notNull(),
    /** null when the record did not say */
    originals: integer('originals'),
    copies: integer('copies'),
    required: integer('required', { mode: 'boolean' }).notNull(),
    ord: integer('ord').notNull(),
  },
  (t) => [index('procedure_components_proc_idx').on(t.procedureCode)],
);

export const procedurePins = sqliteTable(
  'procedure_pins',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    procedureCode: text('procedure_code')
      .notNull()
      .references(() => procedures.code, { onDelete: 'cascade' }),
    pinnedAt: integer('pinned_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.procedureCode] })],
);
