// Catalog service: search, merged details (national < curated profile < office corrections), pins, JSON export/import.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { procedurePins, procedures } from '../../../db/schema';
import type {
  CatalogImportResult,
  CatalogProcedure,
  ProcedureDetail,
  ProcedureSummary,
} from '../../common/catalog';
import { AppError } from '../../common/errors';
import type { Clock } from '../ports';
import { buildCatalogFile, parseCatalogFileText } from './catalog-file';
import { applyProfile, correctionConflicts, procedureDetail } from './catalog-merge';
import { createCatalogSearch } from './catalog-search';
import { createCorrectionService } from './correction-service';
import { allLatestCorrections, latestCorrection } from './corrections';
import { createDefaultCatalogLoader } from './default-catalog';
import { importCatalog } from './import-catalog';
import { allStoredProcedures, storedProcedure } from './procedure-rows';
import type { ProfileSet } from './profiles';

export type CatalogService = ReturnType<typeof createCatalogService>;

/** The office settings the catalog reads: its default service charge and its code (absent before first-run set-up). */
export type CatalogSettings = { hasOffice(): boolean; get(): { serviceChargeVnd: number; office: { code: string } } };

function vnDate(epochMs: number): string {
  // dates in file names and versions are the office's (Vietnam, UTC+7) calendar day
  return new Date(epochMs + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

export function createCatalogService(deps: {
  db: Db;
  clock: Clock;
  settings?: CatalogSettings;
  /** curated profiles (resources/catalog/profiles), loaded once at start */
  profiles?: ProfileSet;
}) {
  const { db, clock } = deps;
  const profiles: ProfileSet = deps.profiles ?? new Map();
  const searchProcedures = createCatalogSearch(db);
  const defaultServiceCharge = () => (deps.settings?.hasOffice() ? deps.settings.get().serviceChargeVnd : 0);

  function exists(code: string): boolean {
    return db.select({ code: procedures.code }).from(procedures).where(eq(procedures.code, code)).get() !== undefined;
  }

  function count(): number {
    return db.select({ n: sql<number>`count(*)` }).from(procedures).get()?.n ?? 0;
  }

  function isPinned(userId: string | null | undefined, code: string): boolean {
    if (!userId) return false;
    const pin = db
      .select({ code: procedurePins.procedureCode })
      .from(procedurePins)
      .where(and(eq(procedurePins.userId, userId), eq(procedurePins.procedureCode, code)))
      .get();
    return pin !== undefined;
  }

  /** Layers 1 and 2: the stored procedure with its curated profile applied. */
  function below(code: string): { procedure: CatalogProcedure; curated: boolean; catalogVersion: string } {
    const stored = storedProcedure(db, code);
    if (!stored) throw new AppError('NOT_FOUND', { code });
    const profile = profiles.get(code);
    const version = db.select({ v: procedures.catalogVersion }).from(procedures).where(eq(procedures.code, code)).get();
    return {
      procedure: profile ? applyProfile(stored, profile) : stored,
      curated: profile !== undefined,
      catalogVersion: version?.v ?? '',
    };
  }

  /** The procedure as the counter uses it: every layer merged, with what each layer did in `layers`. */
  function get(code: string, opts: { userId?: string | null } = {}): ProcedureDetail {
    const layered = below(code);
    return procedureDetail(layered.procedure, {
      profile: profiles.get(code) ?? null,
      latest: latestCorrection(db, code),
      defaultServiceChargeVnd: defaultServiceCharge(),
      catalogVersion: layered.catalogVersion,
      pinned: isPinned(opts.userId, code),
    });
  }

  function search(query: string, opts: { userId?: string | null; limit?: number } = {}): ProcedureSummary[] {
    return searchProcedures(query, opts);
  }

  function pin(userId: string, code: string): void {
    if (!exists(code)) throw new AppError('NOT_FOUND', { code });
    db.insert(procedurePins).values({ userId, procedureCode: code, pinnedAt: clock.now() }).onConflictDoNothing().run();
  }

  function unpin(userId: string, code: string): void {
    db.delete(procedurePins)
      .where(and(eq(procedurePins.userId, userId), eq(procedurePins.procedureCode, code)))
      .run();
  }

  /** Every stored procedure (layer 1: profiles ship with the app, corrections export on their own), in code order. */
  /**
   * Layers 1 and 2 (the stored record with its curated profile), the catalog the counter's checklist is built from: a
   * portal or another office reading the file then asks for the same cases and documents. The office's corrections are
   * not in it: they have their own file (catalog.corrections.export).
   */
  function exportJson(): string {
    const all = allStoredProcedures(db).map((p) => {
      const profile = profiles.get(p.code);
      return profile ? applyProfile(p, profile) : p;
    });
    const versions = new Set(
      db.select({ v: procedures.catalogVersion }).from(procedures).all().map((r) => r.v),
    );
    const [onlyVersion] = versions;
    const catalogVersion = versions.size === 1 && onlyVersion ? onlyVersion : `office-${vnDate(clock.now())}`;
    const file = buildCatalogFile(all, {
      catalogVersion,
      exportedAt: new Date(clock.now()).toISOString(),
      source: 'office',
    });
    return JSON.stringify(file);
  }

  /** All or nothing: the file (v1 or v2) is validated whole before the single import transaction starts. */
  function importJson(text: string): CatalogImportResult {
    const file = parseCatalogFileText(text);
    const { stored } = importCatalog(db, file.procedures, { source: 'office', catalogVersion: file.catalogVersion });
    const codes = new Set(file.procedures.map((p) => p.code));
    const conflicts = allLatestCorrections(db)
      .filter((s) => codes.has(s.correction.procedureCode))
      .reduce((n, s) => n + correctionConflicts(below(s.correction.procedureCode).procedure, s.correction).length, 0);
    const more = conflicts > 0 ? ` ${conflicts} bản sửa của văn phòng khác với danh mục mới, hãy xem lại.` : '';
    return {
      total: file.procedures.length,
      stored,
      problems: 0,
      catalogVersion: file.catalogVersion,
      correctionConflicts: conflicts,
      summary: `Đã nhập ${stored} thủ tục từ danh mục phiên bản ${file.catalogVersion}.${more}`,
    };
  }

  const defaults = createDefaultCatalogLoader({ db, clock, profiles, count });

  const corrections = createCorrectionService({
    db,
    clock,
    below,
    exists,
    defaultServiceCharge,
    officeCode: () => (deps.settings?.hasOffice() ? deps.settings.get().office.code : ''),
  });

  return {
    search,
    get,
    below,
    pin,
    unpin,
    exportJson,
    importJson,
    ensureDefaultCatalog: defaults.ensureDefaultCatalog,
    count,
    corrections,
  };
}
