// Reads a dossier as the contract's DossierDetail: checklist with pages, case, notes, subject, fee, history, problems.
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { dossierComponents, pages, statusEvents, users } from '../../../db/schema';
import { checkApplicant, type ApplicantDraft } from '../../common/applicant';
import type { ProcedureDetail, ProcedureMode } from '../../common/catalog';
import { compareForChecklist } from '../../common/checklist';
import { formFillsSlot, type SlotFormFill } from '../../common/forms/form-slot';
import { decodeOnlyModes } from '../../common/component-modes';
import type { Delivery, DossierComponent, DossierDetail, FilingMode } from '../../common/contract';
import type { DossierCase } from '../../common/dossier-contract';
import { AppError } from '../../common/errors';
import { toVietnamIsoDate } from '../../common/format';
import { computeDueDate } from '../calendar/due-date';
import type { Clock } from '../ports';
import { feeOf } from './dossier-fee';
import {
  caseKeysOf,
  counterLabel,
  inChecklist,
  mustHaveRow,
  OTHER_DOC_KEY,
  requirementOfRow,
  type ComponentRow,
  type DossierRow,
} from './dossier-rows';
import { toPage } from './page-view';

/** the merged catalog procedure (national record < curated profile < office corrections); null when it is gone */
export type ProcedureLookup = (code: string) => ProcedureDetail | null;

/** The lookup over the catalog service: NOT_FOUND (a procedure since removed) reads as null, anything else is thrown. */
export function procedureLookup(catalog: { get(code: string): ProcedureDetail }): ProcedureLookup {
  return (code) => {
    try {
      return catalog.get(code);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  };
}

/**
 * The dossier's declaration form as the checklist sees it (core/forms/form-slots.ts): each form slot's state, whether
 * the subject comes from the form; refresh() keeps dossier_components.form_filled current for the SQL reports.
 */
export type FormSlotPort = {
  view(row: DossierRow): { fill(slot: { formId: string | null }, mode: FilingMode): SlotFormFill | null; subjectFromForm: boolean };
  refresh(dossierId: string): void;
};

/** label when the catalog no longer names the dossier's subject */
const SUBJECT_FALLBACK_LABEL = 'Người liên quan';

export function createDetailReader(deps: { db: Db; clock: Clock; procedureOf: ProcedureLookup; formSlots?: FormSlotPort }) {
  const { db, clock, procedureOf } = deps;

  /** Pages OCR turned upright (audit 'page.auto_rotate'), with the turn it gave them: still so unless the agent turned them. */
  function autoTurnedPages(dossierId: string): Map<string, number> {
    const rows = db.$client
      .prepare(
        "SELECT details FROM audit_log WHERE entity = 'dossier' AND entity_id = ? AND action = 'page.auto_rotate' ORDER BY id",
      )
      .all(dossierId) as { details: string }[];
    const out = new Map<string, number>();
    for (const r of rows) {
      const d = JSON.parse(r.details) as { page?: unknown; to?: unknown };
      if (typeof d.page === 'string' && typeof d.to === 'number') out.set(d.page, d.to);
    }
    return out;
  }

  function namesOf(ids: string[]): Map<string, string> {
    if (ids.length === 0) return new Map();
    const rows = db
      .select({ id: users.id, fullName: users.fullName })
      .from(users)
      .where(inArray(users.id, ids))
      .all();
    return new Map(rows.map((u) => [u.id, u.fullName]));
  }

  function componentRows(dossierId: string): ComponentRow[] {
    return db
      .select()
      .from(dossierComponents)
      .where(eq(dossierComponents.dossierId, dossierId))
      .orderBy(asc(dossierComponents.ord))
      .all();
  }

  /** The checklist in counter order: to submit before to show; required, conditional, optional, "Giấy tờ khác", other modes. */
  function components(row: DossierRow, rows: ComponentRow[], forms: ReturnType<FormSlotPort['view']> | null): DossierComponent[] {
    const pageRows = db.select().from(pages).where(eq(pages.dossierId, row.id)).orderBy(asc(pages.ord)).all();
    const turned = autoTurnedPages(row.id);
    const seenBy = namesOf([...new Set(rows.flatMap((c) => (c.seenBy ? [c.seenBy] : [])))]);
    const items = rows
      .map((c) => {
        const slotPages = pageRows
          .filter((p) => p.componentId === c.id)
          .map((p) => ({ ...toPage(p), autoRotated: turned.get(p.id) === p.rotation }));
        const listed = inChecklist(c, row.caseKey);
        return {
          id: c.id,
          kind: c.kind,
          name: c.name,
          required: mustHaveRow(c, row.mode, row.caseKey),
          onlyModes: decodeOnlyModes(c.onlyModes),
          originals: c.originals,
          copies: c.copies,
          pages: slotPages,
          docKey: c.docKey,
          caseKey: c.caseKey,
          label: c.label,
          requirement: requirementOfRow(c, row.mode),
          condition: c.condition,
          applies: c.applies,
          seen:
            c.seenBy !== null && c.seenAt !== null
              ? { byName: seenBy.get(c.seenBy) ?? '', at: c.seenAt }
              : null,
          pageKind: c.pageKind,
          formId: c.formId,
          formFill: forms?.fill(c, row.mode) ?? null,
          inChecklist: listed,
          ord: c.ord,
        };
      })
      // a slot of another case is shown only while it still holds pages (a case change moves them, so: never)
      .filter((c) => c.inChecklist || c.pages.length > 0);
    items.sort(
      (a, b) =>
        compareForChecklist(a, b) ||
        Number(a.docKey === OTHER_DOC_KEY) - Number(b.docKey === OTHER_DOC_KEY) ||
        a.ord - b.ord,
    );
    return items.map(({ ord: _ord, ...c }) => c);
  }

  /** the cases of the dossier's own checklist, named as the catalog names them now */
  function casesOf(rows: ComponentRow[], procedure: ProcedureDetail | null): DossierCase[] {
    const keys = caseKeysOf(rows);
    const fromCatalog = (procedure?.cases ?? [])
      .filter((c) => keys.includes(c.key) || c.documents.length === 0)
      .map((c) => ({ key: c.key, name: c.name, description: c.description }));
    const gone = keys
      .filter((k) => !fromCatalog.some((c) => c.key === k))
      .map((key) => ({ key, name: key, description: null }));
    return [...fromCatalog, ...gone];
  }

  function history(dossierId: string): DossierDetail['history'] {
    return db
      .select({ e: statusEvents, actorName: users.fullName })
      .from(statusEvents)
      .leftJoin(users, eq(users.id, statusEvents.actorId))
      .where(eq(statusEvents.dossierId, dossierId))
      .orderBy(asc(statusEvents.at), asc(statusEvents.id))
      .all()
      .map(({ e, actorName }) => ({
        id: e.id,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actorName,
        source: e.source,
        message: e.message,
        at: e.at,
      }));
  }

  function suggestDueDate(modes: ProcedureMode[], chosen: FilingMode): string | null {
    const mode = modes.find((m) => m.mode === chosen);
    return mode
      ? computeDueDate(
          { date: toVietnamIsoDate(clock.now()) },
          { value: mode.deadlineValue, unit: mode.deadlineUnit },
        )
      : null;
  }

  function detail(row: DossierRow): DossierDetail {
    const procedure = procedureOf(row.procedureCode);
    const modes = procedure?.modes ?? [];
    const creator = db
      .select({ fullName: users.fullName })
      .from(users)
      .where(eq(users.id, row.createdBy))
      .get();
    const rows = componentRows(row.id);
    const forms = deps.formSlots?.view(row) ?? null;
    const items = components(row, rows, forms);
    const listed = items.filter((c) => c.inChecklist);
    const applicant = JSON.parse(row.applicant) as ApplicantDraft;
    const events = history(row.id);
    const scannedUnits = Math.max(
      0,
      ...listed.filter((c) => c.pageKind === 'document').map((c) => c.pages.length),
    );
    const subjectLabel = procedure?.subject?.label ?? (row.subjectName ? SUBJECT_FALLBACK_LABEL : null);
    return {
      id: row.id,
      localCode: row.localCode,
      procedureCode: row.procedureCode,
      procedureName: row.procedureName,
      mode: row.mode,
      modes,
      applicant,
      delivery: JSON.parse(row.delivery) as Delivery,
      feeVnd: row.feeVnd,
      status: row.status,
      dueDate: row.dueDate,
      suggestedDueDate: suggestDueDate(modes, row.mode),
      portalCode: row.portalCode,
      readyOverrideReason: row.readyOverrideReason,
      version: row.version,
      createdBy: { id: row.createdBy, fullName: creator?.fullName ?? '' },
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      components: items,
      history: events,
      // a form slot the form filled in the app stands in for (form-slot.ts) is received without a page
      missingRequired: listed
        .filter((c) => c.required && c.kind === 'submit' && c.pages.length === 0 && !formFillsSlot(c.formFill?.state ?? null))
        .map((c) => counterLabel(c)),
      applicantProblems: checkApplicant(applicant),
      returnReason:
        row.status === 'returned'
          ? ([...events].reverse().find((e) => e.toStatus === 'returned')?.message ?? null)
          : null,
      cases: casesOf(rows, procedure),
      caseKey: row.caseKey,
      notes: (procedure?.notes ?? []).filter((n) => n.caseKey === null || n.caseKey === row.caseKey),
      subject: subjectLabel === null ? null : { label: subjectLabel, name: row.subjectName ?? '', fromForm: forms?.subjectFromForm ?? false },
      fee: feeOf(row, { mode: modes.find((m) => m.mode === row.mode), scannedUnits }),
      unansweredConditions: listed
        .filter((c) => c.requirement === 'conditional' && c.applies === null && c.pages.length === 0)
        .map((c) => counterLabel(c)),
    };
  }

  return { detail, componentRows };
}
