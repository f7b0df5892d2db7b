// Catalog service: search, details, per-user pins, JSON export/import, and loading the shipped default catalog.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { procedureComponents, procedureModes, procedurePins, procedures } from '../../../db/schema';
import type {
  CatalogFile,
  CatalogImportResult,
  ProcedureDetail,
  ProcedureSummary,
} from '../../common/catalog';
import { AppError } from '../../common/errors';
import type { Clock } from '../ports';
import { buildCatalogFile, parseCatalogFileText, readCatalogFile } from './catalog-file';
import { createCatalogSearch } from './catalog-search';
import { importCatalog } from './import-catalog';
import { componentsOf, modesOf, toProcedureComponent, toProcedureMode } from './procedure-rows';

export type CatalogService = ReturnType<typeof createCatalogService>;

function groupByCode<T extends { procedureCode: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(row.procedureCode);
    if (list) list.push(row);
    else groups.set(row.procedureCode, [row]);
  }
  return groups;
}

function vnDate(epochMs: number): string {
  // dates in file names and versions are the office's (Vietnam, UTC+7) calendar day
  return new Date(epochMs + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

export function createCatalogService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const searchProcedures = createCatalogSearch(db);

  function exists(code: string): boolean {
    return (
      db.select({ code: procedures.code }).from(procedures).where(eq(procedures.code, code)).get() !==
      undefined
    );
  }

  function count(): number {
    return (
      db
        .select({ n: sql<number>`count(*)` })
        .from(procedures)
        .get()?.n ?? 0
    );
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

  function get(code: string, opts: { userId?: string | null } = {}): ProcedureDetail {
    const row = db.select().from(procedures).where(eq(procedures.code, code)).get();
    if (!row) throw new AppError('NOT_FOUND', { code });
    return {
      code: row.code,
      name: row.name,
      level: row.level,
      field: row.field,
      agency: row.agency,
      pinned: isPinned(opts.userId, code),
      procedureType: row.procedureType,
      decisionNo: row.decisionNo,
      resultText: row.resultText,
      applicantTypes: row.applicantTypes,
      source: row.source,
      catalogVersion: row.catalogVersion,
      modes: modesOf(db, code),
      components: componentsOf(db, code),
    };
  }

  function search(query: string, opts: { userId?: string | null; limit?: number } = {}): ProcedureSummary[] {
    return searchProcedures(query, opts);
  }

  function pin(userId: string, code: string): void {
    if (!exists(code)) throw new AppError('NOT_FOUND', { code });
    db.insert(procedurePins)
      .values({ userId, procedureCode: code, pinnedAt: clock.now() })
      .onConflictDoNothing()
      .run();
  }

  function unpin(userId: string, code: string): void {
    db.delete(procedurePins)
      .where(and(eq(procedurePins.userId, userId), eq(procedurePins.procedureCode, code)))
      .run();
  }

  /** Every procedure, active or not, in code order; the version is the catalog's when it has only one. */
  function exportJson(): string {
    const rows = db.select().from(procedures).orderBy(asc(procedures.code)).all();
    const modes = groupByCode(db.select().from(procedureModes).orderBy(asc(procedureModes.ord)).all());
    const components = groupByCode(
      db.select().from(procedureComponents).orderBy(asc(procedureComponents.ord)).all(),
    );
    const versions = new Set(rows.map((r) => r.catalogVersion));
    const [onlyVersion] = versions;
    const catalogVersion = versions.size === 1 && onlyVersion ? onlyVersion : `office-${vnDate(clock.now())}`;
    const file = buildCatalogFile(
      rows.map((r) => ({
        ...r,
        modes: (modes.get(r.code) ?? []).map(toProcedureMode),
        components: (components.get(r.code) ?? []).map(toProcedureComponent),
      })),
      { catalogVersion, exportedAt: new Date(clock.now()).toISOString(), source: 'office' },
    );
    return JSON.stringify(file);
  }

  function store(file: CatalogFile): CatalogImportResult {
    const { stored } = importCatalog(db, file.procedures, {
      source: 'office',
      catalogVersion: file.catalogVersion,
    });
    return {
      total: file.procedures.length,
      stored,
      problems: 0,
      catalogVersion: file.catalogVersion,
      summary: `Đã nhập ${stored} thủ tục từ danh mục phiên bản ${file.catalogVersion}.`,
    };
  }

  /** All or nothing: the file is validated whole before the single import transaction starts. */
  function importJson(text: string): CatalogImportResult {
    return store(parseCatalogFileText(text));
  }

  /** On a fresh install (no procedures yet) loads the catalog shipped in resources/catalog; otherwise does nothing. */
  async function ensureDefaultCatalog(path: string): Promise<CatalogImportResult | null> {
    if (count() > 0) return null;
    const file = await readCatalogFile(path).catch((error: unknown) => {
      if (error instanceof AppError) throw error;
      throw new AppError('CATALOG_FORMAT', {
        detail: `không đọc được danh mục mặc định ${path}: ${String(error)}`,
      });
    });
    // another caller may have filled the table while the file was read
    if (count() > 0) return null;
    return store(file);
  }

  return { search, get, pin, unpin, exportJson, importJson, ensureDefaultCatalog, count };
}
