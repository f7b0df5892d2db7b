// The dossier's own copy of the procedure's checklist, made at intake, and the slots' "must have" flags kept current.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { dossierComponents } from '../../../db/schema';
import type { CatalogDocument, ProcedureDetail } from '../../common/catalog';
import { encodeOnlyModes } from '../../common/component-modes';
import type { FilingMode } from '../../common/contract';
import { mustHaveRow, OTHER_DOC_KEY, OTHER_NAME } from './dossier-rows';

function slotValues(dossierId: string, doc: CatalogDocument, caseKey: string | null, ord: number) {
  return {
    dossierId,
    kind: doc.kind,
    name: doc.name,
    // kept current by syncMustHave; read by the report queries (REQUIRED_IN_MODE_SQL)
    required: false,
    originals: doc.originals,
    copies: doc.copies,
    ord,
    onlyModes: encodeOnlyModes(doc.onlyModes),
    docKey: doc.key,
    caseKey,
    label: doc.label,
    requirement: doc.requirement,
    condition: doc.condition,
    requirementByMode: doc.requirementByMode ? JSON.stringify(doc.requirementByMode) : null,
    pageKind: doc.pageKind,
    formId: doc.formId,
  };
}

/**
 * Every document of the procedure as the dossier's slots, in counter order: the common ones, then each case's (with
 * its case key), then "Giấy tờ khác". A later catalog update never changes a dossier already taken.
 */
export function snapshotChecklist(
  db: Db,
  dossierId: string,
  procedure: Pick<ProcedureDetail, 'documents' | 'cases'>,
): void {
  let ord = 0;
  const insert = (doc: CatalogDocument, caseKey: string | null) =>
    db
      .insert(dossierComponents)
      .values(slotValues(dossierId, doc, caseKey, ord++))
      .run();
  for (const doc of procedure.documents) insert(doc, null);
  for (const c of procedure.cases) for (const doc of c.documents) insert(doc, c.key);
  db.insert(dossierComponents)
    .values({
      dossierId,
      kind: 'submit',
      name: OTHER_NAME,
      required: false,
      originals: null,
      copies: null,
      ord: ord++,
      docKey: OTHER_DOC_KEY,
      caseKey: null,
      label: null,
      requirement: 'optional',
      pageKind: 'document',
    })
    .run();
}

/**
 * Stores on each slot whether the dossier must have it now (mode, case, "áp dụng"), so the list and report queries
 * count the same documents as the checklist. Call in the transaction that changes the mode, the case or an answer.
 */
export function syncMustHave(db: Db, dossierId: string, mode: FilingMode, caseKey: string | null): void {
  const rows = db.select().from(dossierComponents).where(eq(dossierComponents.dossierId, dossierId)).all();
  for (const row of rows) {
    const required = mustHaveRow(row, mode, caseKey);
    if (row.required !== required) {
      db.update(dossierComponents).set({ required }).where(eq(dossierComponents.id, row.id)).run();
    }
  }
}
