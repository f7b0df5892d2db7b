// The catalog shipped with the app: the parsed national catalog with the curated profiles merged in (no office layer).
import { join } from 'node:path';
import type { CatalogFile, CatalogProcedure } from '../../common/catalog';
import { readCatalogFileSync } from './catalog-file';
import { applyProfile } from './catalog-merge';
import { loadProfiles, profilesDir, type ProfileSet } from './profiles';

/** resources/catalog/national.json.gz */
export function nationalCatalogPath(resourcesDir: string): string {
  return join(resourcesDir, 'catalog', 'national.json.gz');
}

/** The newest profile version ("2026-12-01"), or null without profiles: part of the shipped catalog's version. */
export function profilesVersion(profiles: ProfileSet): string | null {
  let newest: string | null = null;
  for (const p of profiles.values()) if (newest === null || p.profileVersion > newest) newest = p.profileVersion;
  return newest;
}

/** Layers 1 and 2 over a whole catalog: each procedure with its profile applied, then profiles for codes it lacks. */
export function mergeProfiles(file: CatalogFile, profiles: ProfileSet): CatalogFile {
  const procedures: CatalogProcedure[] = file.procedures.map((p) => {
    const profile = profiles.get(p.code);
    return profile ? applyProfile(p, profile) : p;
  });
  const known = new Set(file.procedures.map((p) => p.code));
  for (const [code, profile] of profiles) if (!known.has(code)) procedures.push(applyProfile(null, profile));
  const version = profilesVersion(profiles);
  return {
    ...file,
    catalogVersion: version ? `${file.catalogVersion}+curated-${version}` : file.catalogVersion,
    procedures,
  };
}

/**
 * What the app ships, as the portal simulator and `catalog:show` without an office see it: national.json.gz (v1 or v2)
 * with resources/catalog/profiles/*.json applied, as a v2 file. Profiles that do not validate are left out (their
 * problems are what `loadProfiles` reports); a missing or broken national file throws AppError('CATALOG_FORMAT').
 */
export function loadShippedCatalog(resourcesDir: string): CatalogFile {
  const national = readCatalogFileSync(nationalCatalogPath(resourcesDir));
  return mergeProfiles(national, loadProfiles(profilesDir(resourcesDir)).profiles);
}
