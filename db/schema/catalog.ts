// Procedure catalog: procedures, their filing modes and document components, and per-user pins.
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
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
    /** JSON: FeeRule (electron/common/catalog.ts); NULL in rows imported before rules existed: derived from fee_vnd */
    feeRule: text('fee_rule'),
    /** JSON: FeeVariant[] (fees a category of citizen pays instead) */
    feeVariants: text('fee_variants').notNull().default('[]'),
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
    /** requirement === 'required' (kept for readers of the v1 column) */
    required: integer('required', { mode: 'boolean' }).notNull(),
    ord: integer('ord').notNull(),
    /** stable identity of the document within its procedure (office corrections merge on it) */
    docKey: text('doc_key').notNull().default(''),
    /** the case (procedure_cases.case_key) the document belongs to; NULL = common to every case */
    caseKey: text('case_key'),
    label: text('label'),
    requirement: text('requirement', { enum: ['required', 'conditional', 'optional'] }).notNull().default('required'),
    condition: text('condition'),
    /** comma-separated filing modes the document applies to; NULL = every mode */
    onlyModes: text('only_modes'),
    /** JSON: { online?: Requirement, ... } where the requirement differs by mode */
    requirementByMode: text('requirement_by_mode'),
    pageKind: text('page_kind', { enum: ['id_card', 'document', 'form'] }).notNull().default('document'),
    formId: text('form_id'),
  },
  (t) => [index('procedure_components_proc_idx').on(t.procedureCode)],
);

/** The cases (trường hợp) of a procedure, in the record's order. */
export const procedureCases = sqliteTable(
  'procedure_cases',
  {
    procedureCode: text('procedure_code')
      .notNull()
      .references(() => procedures.code, { onDelete: 'cascade' }),
    caseKey: text('case_key').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    ord: integer('ord').notNull(),
  },
  (t) => [primaryKey({ columns: [t.procedureCode, t.caseKey] })],
);

/** Notes (Lưu ý): guidance shown beside the checklist, never slots. */
export const procedureNotes = sqliteTable(
  'procedure_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    procedureCode: text('procedure_code')
      .notNull()
      .references(() => procedures.code, { onDelete: 'cascade' }),
    caseKey: text('case_key'),
    text: text('text').notNull(),
    ord: integer('ord').notNull(),
  },
  (t) => [index('procedure_notes_proc_idx').on(t.procedureCode)],
);

/**
 * The office's corrections of a procedure (layer 3 of the catalog), one row per save: the newest version applies and
 * the older ones are the history. No foreign key: a correction outlives its procedure leaving a later catalog.
 */
export const catalogCorrections = sqliteTable(
  'catalog_corrections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    procedureCode: text('procedure_code').notNull(),
    version: integer('version').notNull(),
    /** JSON: ProcedureCorrection */
    patch: text('patch').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('catalog_corrections_version_idx').on(t.procedureCode, t.version)],
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
