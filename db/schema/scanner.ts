// The scan-folder journal: one row per scanner file imported, so a crash between commit and move never imports twice.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** committed: the pages are stored, the file may still sit in the folder; moved: the file left the folder */
export const scanImportStates = ['committed', 'moved'] as const;

export const scanImports = sqliteTable(
  'scan_imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** the file's name inside the scan folder (no directory) */
    fileName: text('file_name').notNull(),
    size: integer('size').notNull(),
    mtimeMs: integer('mtime_ms').notNull(),
    sha256: text('sha256').notNull(),
    dossierId: text('dossier_id').notNull(),
    componentId: integer('component_id').notNull(),
    /** JSON: string[] of the page ids created, in order */
    pageIds: text('page_ids').notNull(),
    /** JSON: string[] of those pages that look blank (the back of a duplex scan), until removed or kept */
    blankPageIds: text('blank_page_ids').notNull().default('[]'),
    state: text('state', { enum: scanImportStates }).notNull(),
    committedAt: integer('committed_at').notNull(),
    movedAt: integer('moved_at'),
  },
  (t) => [
    index('scan_imports_file_idx').on(t.fileName, t.sha256),
    index('scan_imports_dossier_idx').on(t.dossierId),
  ],
);
