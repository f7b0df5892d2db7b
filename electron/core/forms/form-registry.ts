// Loads the shipped form schemas (resources/forms) and administrative units, and maps forms to procedures.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminUnitsFileSchema, createAdminUnits, type AdminUnits, type AdminUnitsFile } from '../../common/forms/admin-units';
import { loadFormDefinition } from '../../common/forms/form-check';
import type { FormDefinition } from '../../common/forms/form-definition';
import { everyDocument } from '../catalog/catalog-merge';
import { loadProfiles, profilesDir } from '../catalog/profiles';

/** A schema file that does not load: the message names the file and the JSON path of every problem. */
export class FormSchemaError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { path: string; message: string }[],
  ) {
    super(`Mẫu tờ khai ${file} không hợp lệ:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'FormSchemaError';
  }
}

/** Parses one schema file's text; throws FormSchemaError naming `file` and each path. */
export function parseFormFile(text: string, file: string): FormDefinition {
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    throw new FormSchemaError(file, [{ path: '(tệp)', message: `không phải JSON hợp lệ: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  const loaded = loadFormDefinition(json);
  if (!loaded.ok) throw new FormSchemaError(file, loaded.problems);
  const expected = file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
  if (loaded.def.id !== expected) {
    throw new FormSchemaError(file, [{ path: 'id', message: `mã mẫu "${loaded.def.id}" khác tên tệp "${expected}.json"` }]);
  }
  return loaded.def;
}

export type FormRegistry = {
  forms: ReadonlyMap<string, FormDefinition>;
  units: AdminUnits;
  unitsFile: AdminUnitsFile;
  get(formId: string): FormDefinition | null;
  /** procedure codes using a form: the curated catalog's formIds, then the schema's own list */
  proceduresOf(formId: string): string[];
  /** the form a procedure files, if any */
  formOfProcedure(code: string): FormDefinition | null;
};

export function formsDir(resourcesDir: string): string {
  return join(resourcesDir, 'forms');
}

export function loadAdminUnits(resourcesDir: string): { units: AdminUnits; file: AdminUnitsFile } {
  const path = join(resourcesDir, 'admin-units', 'admin-units.json');
  const parsed = adminUnitsFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new FormSchemaError(path, parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.map(String).join('.') || '(gốc)', message: i.message })));
  }
  return { units: createAdminUnits(parsed.data), file: parsed.data };
}

/** formId -> procedure codes, from the curated profiles' documents (resources/catalog/profiles). */
function catalogFormProcedures(resourcesDir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const profile of loadProfiles(profilesDir(resourcesDir)).profiles.values()) {
    for (const doc of everyDocument(profile.procedure)) {
      if (doc.formId === null) continue;
      const codes = out.get(doc.formId) ?? [];
      if (!codes.includes(profile.procedure.code)) codes.push(profile.procedure.code);
      out.set(doc.formId, codes);
    }
  }
  return out;
}

/**
 * Every schema in resources/forms, checked. One bad file stops the load with a FormSchemaError naming it: a form that
 * prints or validates wrongly is worse than a counter that says so at start (the unit test keeps the shipped set clean).
 */
export function loadFormRegistry(resourcesDir: string): FormRegistry {
  const dir = formsDir(resourcesDir);
  const forms = new Map<string, FormDefinition>();
  const files = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')).sort() : [];
  for (const name of files) {
    const def = parseFormFile(readFileSync(join(dir, name), 'utf8'), join('resources', 'forms', name));
    forms.set(def.id, def);
  }
  const { units, file } = loadAdminUnits(resourcesDir);
  const fromCatalog = catalogFormProcedures(resourcesDir);
  const proceduresOf = (formId: string) => {
    const codes = [...(fromCatalog.get(formId) ?? [])];
    for (const code of forms.get(formId)?.procedures ?? []) if (!codes.includes(code)) codes.push(code);
    return codes;
  };
  return {
    forms,
    units,
    unitsFile: file,
    get: (formId) => forms.get(formId) ?? null,
    proceduresOf,
    formOfProcedure(code) {
      for (const [formId, codes] of fromCatalog) if (codes.includes(code)) return forms.get(formId) ?? null;
      for (const def of forms.values()) if (def.procedures.includes(code)) return def;
      return null;
    },
  };
}
