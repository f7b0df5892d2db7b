// Queries on scan_imports: was this file imported already, record an import (inside the page transaction), blank flags.
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { pages, scanImports } from '../../../db/schema';

export type JournalEntry = typeof scanImports.$inferSelect;

const parseIds = (json: string): string[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};

/**
 * The import of a file with this name and content, if any. A file moved out just before a power cut can come back
 * when the folder's rename was not yet on disk; the same name and bytes are the same scan, so it is never re-imported.
 */
export function findImport(db: Db, fileName: string, sha256: string, size: number): JournalEntry | undefined {
  return db
    .select()
    .from(scanImports)
    .where(and(eq(scanImports.fileName, fileName), eq(scanImports.sha256, sha256), eq(scanImports.size, size)))
    .get();
}

/** Call inside the transaction that creates the pages. */
export function recordImport(
  db: Db,
  entry: { fileName: string; size: number; mtimeMs: number; sha256: string; dossierId: string; componentId: number; pageIds: string[]; at: number },
): number {
  const row = db
    .insert(scanImports)
    .values({
      fileName: entry.fileName,
      size: entry.size,
      mtimeMs: entry.mtimeMs,
      sha256: entry.sha256,
      dossierId: entry.dossierId,
      componentId: entry.componentId,
      pageIds: JSON.stringify(entry.pageIds),
      state: 'committed',
      committedAt: entry.at,
    })
    .returning({ id: scanImports.id })
    .get();
  return row.id;
}

export function markMoved(db: Db, id: number, at: number): void {
  db.update(scanImports).set({ state: 'moved', movedAt: at }).where(eq(scanImports.id, id)).run();
}

export function setBlankPages(db: Db, id: number, pageIds: string[]): void {
  db.update(scanImports).set({ blankPageIds: JSON.stringify(pageIds) }).where(eq(scanImports.id, id)).run();
}

/** Pages of a dossier flagged blank and still in it, in import order. */
export function blankPagesOf(db: Db, dossierId: string): { pageId: string; dossierId: string; componentId: number }[] {
  const rows = db
    .select({ ids: scanImports.blankPageIds })
    .from(scanImports)
    .where(and(eq(scanImports.dossierId, dossierId), ne(scanImports.blankPageIds, '[]')))
    .orderBy(scanImports.id)
    .all();
  const ids = rows.flatMap((r) => parseIds(r.ids));
  if (ids.length === 0) return [];
  const alive = db
    .select({ id: pages.id, componentId: pages.componentId })
    .from(pages)
    .where(inArray(pages.id, ids))
    .all();
  const byId = new Map(alive.map((p) => [p.id, p.componentId]));
  return ids.flatMap((pageId) => {
    const componentId = byId.get(pageId);
    return componentId === undefined ? [] : [{ pageId, dossierId, componentId }];
  });
}

/** The agent looked and keeps these pages: they are no longer offered for removal. */
export function keepPages(db: Db, pageIds: readonly string[]): string[] {
  const keep = new Set(pageIds);
  const dossiers = new Set<string>();
  db.transaction(() => {
    const rows = db.select().from(scanImports).where(ne(scanImports.blankPageIds, '[]')).all();
    for (const r of rows) {
      const ids = parseIds(r.blankPageIds);
      const rest = ids.filter((id) => !keep.has(id));
      if (rest.length === ids.length) continue;
      db.update(scanImports).set({ blankPageIds: JSON.stringify(rest) }).where(eq(scanImports.id, r.id)).run();
      dossiers.add(r.dossierId);
    }
  });
  return [...dossiers];
}

/** The last few imports, newest first, for the status line. */
export function recentImports(db: Db, limit: number): JournalEntry[] {
  return db.select().from(scanImports).orderBy(desc(scanImports.id)).limit(limit).all();
}
