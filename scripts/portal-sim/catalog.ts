// The simulator's procedure catalog: by default the one the app ships (national record + curated profiles), or a file.
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogDocument, CatalogFile, CatalogProcedure } from '../../electron/common/catalog';
import { nfc } from '../../electron/common/text';
import { readCatalogFileSync } from '../../electron/core/catalog/catalog-file';
import { loadShippedCatalog } from '../../electron/core/catalog/shipped-catalog';

/** the app's resources/ folder, beside scripts/ */
export const shippedResourcesDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../resources',
);

// reading and validating the 5,600 national records takes a moment: a test run that starts many simulators reads once
const loaded = new Map<string, CatalogFile>();

function memo(key: string, load: () => CatalogFile): CatalogFile {
  const hit = loaded.get(key);
  if (hit) return hit;
  const file = load();
  loaded.set(key, file);
  return file;
}

/**
 * With no file, the catalog the app ships, so both sides judge a dossier by the same documents, cases and modes; with
 * `--catalog FILE`, that file (the app's catalog format, v1 or v2, JSON or .json.gz). `nowIso` is kept for callers
 * that stamp a built catalog; files carry their own export time.
 */
export function loadSimCatalog(
  file: string | undefined,
  _nowIso?: string,
  resourcesDir = shippedResourcesDir,
): CatalogFile {
  if (!file) return memo(`shipped:${resourcesDir}`, () => loadShippedCatalog(resourcesDir));
  const full = path.resolve(file);
  try {
    return memo(`file:${full}:${statSync(full).mtimeMs}`, () => readCatalogFileSync(full));
  } catch (error) {
    throw new Error(
      `portal-sim: ${file} is not a dai-ly-dvc-catalog file: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

const indexes = new WeakMap<CatalogFile, Map<string, CatalogProcedure>>();

export function findProcedure(catalog: CatalogFile, code: string): CatalogProcedure | undefined {
  let index = indexes.get(catalog);
  if (!index) {
    index = new Map(catalog.procedures.map((p) => [p.code, p]));
    indexes.set(catalog, index);
  }
  return index.get(code);
}

/** Every document of a procedure: the common ones, then each case's. */
export function allDocuments(procedure: CatalogProcedure): CatalogDocument[] {
  return [...procedure.documents, ...procedure.cases.flatMap((c) => c.documents)];
}

/** Component names compared the way an agent would read them: NFC, collapsed spaces, case-insensitive. */
export function sameComponentName(a: string, b: string): boolean {
  const norm = (s: string) => nfc(s).replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}
