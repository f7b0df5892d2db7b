// Writes procedures into the database in one transaction: upsert each procedure, replace its modes and components.
import type { Db } from '../../../db/client';
import type { ParsedProcedure } from './parse-record';
import { procedureSearchText } from './search-text';

/** A procedure to store; `source` and `active` default to the import's. */
export type ProcedureToStore = ParsedProcedure & { source?: string; active?: boolean };

export type ImportOptions = { source: string; catalogVersion: string };

/**
 * Upserts rather than deletes: dossiers keep pointing at their procedure's code, and a procedure
 * missing from a later catalog stays for the dossiers that use it. 5,652 procedures take well under
 * a second with prepared statements inside one transaction.
 */
export function importCatalog(
  db: Db,
  procedures: readonly ProcedureToStore[],
  opts: ImportOptions,
): { stored: number } {
  const sqlite = db.$client;
  const upsert = sqlite.prepare(
    `INSERT INTO procedures (code, name, search_text, level, field, agency, procedure_type, decision_no,
       result_text, applicant_types, source, catalog_version, active)
     VALUES (@code, @name, @searchText, @level, @field, @agency, @procedureType, @decisionNo,
       @resultText, @applicantTypes, @source, @catalogVersion, @active)
     ON CONFLICT(code) DO UPDATE SET name = excluded.name, search_text = excluded.search_text,
       level = excluded.level, field = excluded.field, agency = excluded.agency,
       procedure_type = excluded.procedure_type, decision_no = excluded.decision_no,
       result_text = excluded.result_text, applicant_types = excluded.applicant_types,
       source = excluded.source, catalog_version = excluded.catalog_version, active = excluded.active`,
  );
  const deleteModes = sqlite.prepare('DELETE FROM procedure_modes WHERE procedure_code = ?');
  const deleteComponents = sqlite.prepare('DELETE FROM procedure_components WHERE procedure_code = ?');
  const insertMode = sqlite.prepare(
    `INSERT INTO procedure_modes (procedure_code, mode, deadline_value, deadline_unit, deadline_text, fee_vnd, fee_text, ord)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertComponent = sqlite.prepare(
    `INSERT INTO procedure_components (procedure_code, kind, name, originals, copies, required, ord)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const run = sqlite.transaction((list: readonly ProcedureToStore[]) => {
    for (const p of list) {
      upsert.run({
        code: p.code,
        name: p.name,
        searchText: procedureSearchText(p.code, p.name),
        level: p.level,
        field: p.field,
        agency: p.agency,
        procedureType: p.procedureType,
        decisionNo: p.decisionNo,
        resultText: p.resultText,
        applicantTypes: p.applicantTypes,
        source: p.source ?? opts.source,
        catalogVersion: opts.catalogVersion,
        active: p.active === false ? 0 : 1,
      });
      deleteModes.run(p.code);
      deleteComponents.run(p.code);
      p.modes.forEach((m, ord) => {
        insertMode.run(
          p.code,
          m.mode,
          m.deadlineValue,
          m.deadlineUnit,
          m.deadlineText,
          m.feeVnd,
          m.feeText,
          ord,
        );
      });
      p.components.forEach((c, ord) => {
        insertComponent.run(p.code, c.kind, c.name, c.originals, c.copies, c.required ? 1 : 0, ord);
      });
    }
  });
  run(procedures);
  return { stored: procedures.length };
}
