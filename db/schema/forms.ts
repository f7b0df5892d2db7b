// Prints of a dossier's declaration form (tờ khai) from the app: what the citizen signs in direct and postal filing.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { dossiers } from './dossiers';

/**
 * One row per "In tờ khai" of a dossier's form: who printed it, when, and the hash of exactly the data printed. The
 * paper slot counts as filled while the newest print's hash is the hash of the form's current data (an edit after the
 * print un-fills it until the form is printed again). No personal data here: the values stay in dossiers.form_data.
 */
export const formPrints = sqliteTable(
  'form_prints',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    formId: text('form_id').notNull(),
    formVersion: integer('form_version').notNull(),
    /** sha256 (hex) of the form data's canonical JSON (electron/core/forms/form-hash.ts) */
    dataHash: text('data_hash').notNull(),
    /** the dossier's version when it was printed */
    dossierVersion: integer('dossier_version').notNull(),
    /** pages of the printed PDF, for the receipt */
    pages: integer('pages').notNull(),
    printedBy: text('printed_by')
      .notNull()
      .references(() => users.id),
    printedAt: integer('printed_at').notNull(),
  },
  (t) => [index('form_prints_dossier_idx').on(t.dossierId, t.printedAt)],
);
