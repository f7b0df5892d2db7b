// The dossier's declaration form as its checklist sees it: facts, slot states (kept on the slot rows), prints, subject.
import { createHash } from 'node:crypto';
import type { Db } from '../../../db/client';
import { toVietnamIsoDate } from '../../common/format';
import { leafFields, type FormDefinition } from '../../common/forms/form-definition';
import type { FormData } from '../../common/forms/form-data';
import { canonicalJson, formFillsSlot, formSlotState, type FormFacts, type SlotFormFill } from '../../common/forms/form-slot';
import { storedFormSchema, unconfirmedPaths, type StoredForm } from '../../common/forms/prefill';
import { validateFormData } from '../../common/forms/validate-form';
import type { Actor } from '../auth/actor';
import type { ProcedureLookup } from '../dossiers/dossier-detail';
import type { DossierRow } from '../dossiers/dossier-rows';
import type { Clock } from '../ports';
import type { FormRegistry } from './form-registry';

/** sha256 (hex) of the data's canonical JSON: the same values give the same hash on the app's side and the portal's. */
export function formDataHash(data: FormData): string {
  return createHash('sha256').update(canonicalJson(data)).digest('hex');
}

type LastPrint = { formId: string; formVersion: number; dataHash: string; pages: number; printedAt: number; printedByName: string | null };

/** The newest print of a dossier's form from the app, with who printed it. */
export function lastPrint(db: Db, dossierId: string): LastPrint | null {
  const row = db.$client
    .prepare(
      `SELECT f.form_id AS formId, f.form_version AS formVersion, f.data_hash AS dataHash, f.pages, f.printed_at AS printedAt,
              u.full_name AS printedByName
         FROM form_prints f LEFT JOIN users u ON u.id = f.printed_by
        WHERE f.dossier_id = ? ORDER BY f.printed_at DESC, f.id DESC LIMIT 1`,
    )
    .get(dossierId) as LastPrint | undefined;
  return row ?? null;
}

/** The newest print if it printed exactly this form's data (the submission's attestation for paper filing). */
export function printOfCurrentData(db: Db, dossierId: string, stored: Pick<StoredForm, 'formId' | 'version' | 'data'>): { at: number; dataHash: string } | null {
  const print = lastPrint(db, dossierId);
  if (!print || print.formId !== stored.formId || print.formVersion !== stored.version) return null;
  return print.dataHash === formDataHash(stored.data) ? { at: print.printedAt, dataHash: print.dataHash } : null;
}

/** What the checklist needs of one dossier's form, read once per detail. */
export type DossierFormView = {
  /** the slot's state, or null when the slot is not a form slot the app can fill */
  fill(slot: { formId: string | null }, mode: DossierRow['mode']): SlotFormFill | null;
  /** the procedure's subject (khai sinh: the child) is named by the started form, not by the separate field */
  subjectFromForm: boolean;
};

/** The saved form when it holds data (a form opened but never edited is not started). */
export function startedForm(formData: string): StoredForm | null {
  try {
    const parsed = storedFormSchema.safeParse(JSON.parse(formData));
    return parsed.success && Object.keys(parsed.data.data).length > 0 ? parsed.data : null;
  } catch {
    return null;
  }
}

export type FormSlots = ReturnType<typeof createFormSlots>;

export function createFormSlots(deps: { db: Db; clock: Clock; registry: FormRegistry; procedureOf: ProcedureLookup }) {
  const { db, clock, registry } = deps;

  /** The facts of the dossier's started form; null when none was started or its schema is gone. */
  function factsOf(row: Pick<DossierRow, 'id' | 'formData'>): { facts: FormFacts; def: FormDefinition; print: LastPrint | null } | null {
    const stored = startedForm(row.formData);
    const def = stored ? registry.get(stored.formId) : null;
    if (!stored || !def) return null;
    const problems = validateFormData(def, stored.data, { today: toVietnamIsoDate(clock.now()), units: registry.units });
    const print = lastPrint(db, row.id);
    const printedCurrent =
      print !== null && print.formId === stored.formId && print.formVersion === stored.version && print.dataHash === formDataHash(stored.data);
    return {
      def,
      print,
      facts: {
        formId: stored.formId,
        complete: Object.keys(problems).length === 0,
        confirmed: unconfirmedPaths(def, stored).length === 0,
        printedCurrent,
        printedBefore: print !== null && print.formId === stored.formId,
      },
    };
  }

  function view(row: DossierRow): DossierFormView {
    const known = factsOf(row);
    const subjectPath = deps.procedureOf(row.procedureCode)?.subject?.formField ?? null;
    return {
      fill(slot, mode) {
        // a form the app cannot fill (no schema shipped) is paper only
        if (slot.formId === null || !registry.get(slot.formId)) return null;
        const state = formSlotState(slot, mode, known?.facts ?? null);
        if (state === null) return null;
        const print = known?.print ?? null;
        return { state, printedAt: print?.printedAt ?? null, printedByName: print?.printedByName ?? null, printedPages: print?.pages ?? null };
      },
      subjectFromForm: known !== null && subjectPath !== null && leafFields(known.def).some((f) => f.path === subjectPath),
    };
  }

  /** Writes each slot's form_filled for the reports and the review queue; call in the transaction of the change. */
  function refresh(dossierId: string): void {
    const row = db.$client.prepare('SELECT id, form_data AS formData, mode, procedure_code AS procedureCode FROM dossiers WHERE id = ?').get(dossierId) as
      | Pick<DossierRow, 'id' | 'formData' | 'mode' | 'procedureCode'>
      | undefined;
    if (!row) return;
    const facts = factsOf(row)?.facts ?? null;
    const slots = db.$client.prepare('SELECT id, form_id AS formId, form_filled AS filled FROM dossier_components WHERE dossier_id = ?').all(dossierId) as {
      id: number;
      formId: string | null;
      filled: number;
    }[];
    const set = db.$client.prepare('UPDATE dossier_components SET form_filled = ? WHERE id = ?');
    for (const s of slots) {
      const filled = formFillsSlot(formSlotState(s, row.mode, facts)) ? 1 : 0;
      if (filled !== s.filled) set.run(filled, s.id);
    }
  }

  /** "In tờ khai" of a dossier: who, when, which data (its hash), how many pages; the paper slot then reads "đã in". */
  function recordPrint(actor: Actor, row: Pick<DossierRow, 'id' | 'version'>, stored: Pick<StoredForm, 'formId' | 'version' | 'data'>, pages: number): void {
    db.transaction(() => {
      db.$client
        .prepare(
          `INSERT INTO form_prints (dossier_id, form_id, form_version, data_hash, dossier_version, pages, printed_by, printed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(row.id, stored.formId, stored.version, formDataHash(stored.data), row.version, pages, actor.userId, clock.now());
      refresh(row.id);
    });
  }

  return { factsOf, view, refresh, recordPrint };
}
