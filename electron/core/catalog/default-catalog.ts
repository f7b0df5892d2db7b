// Loads the catalog shipped with the app on first run, and again when an app update ships a newer national catalog.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { procedures, settings as settingsTable } from '../../../db/schema';
import type { CatalogImportResult, CatalogProcedure } from '../../common/catalog';
import { AppError } from '../../common/errors';
import type { Clock } from '../ports';
import { peekCatalogVersion, readCatalogFile } from './catalog-file';
import { applyProfile } from './catalog-merge';
import { importCatalog } from './import-catalog';
import type { ProfileSet } from './profiles';

/** settings row holding the version of the shipped national catalog last loaded into this database */
const shippedKey = 'catalog.shipped';

/**
 * "national-2025-11-20.r2" -> ["2025-11-20", 2]: the dataset's date, then the parser revision that read it (none = 1,
 * the catalogs shipped before revisions were numbered). Anything else sorts before every national version.
 */
export function nationalVersionKey(version: string): [string, number] | null {
  const match = /^national-(\d{4}-\d{2}-\d{2}|unknown)(?:\.r(\d+))?$/.exec(version);
  if (!match) return null;
  return [match[1] ?? '', match[2] ? Number(match[2]) : 1];
}

/** true when `shipped` is a later national catalog than `stored` (a later dataset, or the same one read by a newer parser) */
export function isNewerNational(shipped: string, stored: string | null): boolean {
  const a = nationalVersionKey(shipped);
  if (!a) return false;
  const b = stored === null ? null : nationalVersionKey(stored);
  if (!b) return true;
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
}

export function createDefaultCatalogLoader(deps: { db: Db; clock: Clock; profiles: ProfileSet; count: () => number }) {
  const { db, clock, profiles } = deps;

  /** the shipped version this database last loaded; databases from before the marker: their national rows' version */
  function storedShippedVersion(): string | null {
    const row = db.select().from(settingsTable).where(eq(settingsTable.key, shippedKey)).get();
    if (row) return JSON.parse(row.value) as string;
    const national = db
      .select({ v: sql<string | null>`max(${procedures.catalogVersion})` })
      .from(procedures)
      .where(eq(procedures.source, 'national'))
      .get();
    return national?.v ?? null;
  }

  function markShipped(version: string): void {
    const value = JSON.stringify(version);
    db.insert(settingsTable)
      .values({ key: shippedKey, value, updatedAt: clock.now() })
      .onConflictDoUpdate({ target: settingsTable.key, set: { value, updatedAt: clock.now() } })
      .run();
  }

  /** codes whose stored row came from elsewhere (an office's own catalog import): an app update leaves them alone */
  function notNational(): Set<string> {
    return new Set(
      db
        .select({ code: procedures.code, source: procedures.source })
        .from(procedures)
        .all()
        .filter((r) => r.source !== 'national' && r.source !== 'curated')
        .map((r) => r.code),
    );
  }

  /** profiles for codes the national catalog lacks are stored too, so search finds them */
  function profileOnly(list: readonly CatalogProcedure[]): CatalogProcedure[] {
    const known = new Set(list.map((p) => p.code));
    return [...profiles.entries()].filter(([code]) => !known.has(code)).map(([, p]) => applyProfile(null, p));
  }

  /**
   * On a fresh install (no procedures yet) loads the catalog shipped in resources/catalog. On an install whose stored
   * national catalog is older than the shipped one (an app update with a newer dataset or parser), loads it again over
   * the national procedures; the office's corrections live in their own table and stay. Otherwise does nothing.
   */
  async function ensureDefaultCatalog(path: string): Promise<CatalogImportResult | null> {
    const fresh = deps.count() === 0;
    const storedVersion = fresh ? null : storedShippedVersion();
    if (!fresh) {
      const shipped = await peekCatalogVersion(path).catch(() => null);
      if (shipped !== null && !isNewerNational(shipped, storedVersion)) return null;
    }
    const file = await readCatalogFile(path).catch((error: unknown) => {
      if (error instanceof AppError) throw error;
      throw new AppError('CATALOG_FORMAT', { detail: `không đọc được danh mục mặc định ${path}: ${String(error)}` });
    });
    if (!fresh && !isNewerNational(file.catalogVersion, storedVersion)) return null;
    // another caller may have filled the table while the file was read
    if (fresh && deps.count() > 0) return null;
    const keep = fresh ? new Set<string>() : notNational();
    const list = [...file.procedures, ...profileOnly(file.procedures)].filter((p) => !keep.has(p.code));
    const { stored } = db.transaction(() => {
      const result = importCatalog(db, list, { source: 'national', catalogVersion: file.catalogVersion });
      markShipped(file.catalogVersion);
      return result;
    });
    return {
      total: list.length,
      stored,
      problems: 0,
      catalogVersion: file.catalogVersion,
      correctionConflicts: 0,
      summary: fresh
        ? `Đã nạp danh mục mặc định: ${stored} thủ tục (phiên bản ${file.catalogVersion}).`
        : `Đã cập nhật danh mục quốc gia lên phiên bản ${file.catalogVersion} (${stored} thủ tục); bản sửa của văn phòng được giữ nguyên.`,
    };
  }

  return { ensureDefaultCatalog };
}
