// Dossier intake: create from the merged catalog procedure, autosave drafts, mark ready, read details and lists.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { listDossiers, nextCounter } from '../../../db/queries/dossier-queries';
import { dossiers, procedures, statusEvents } from '../../../db/schema';
import { applicantDraftSchema, checkApplicant, type ApplicantDraft } from '../../common/applicant';
import type { ProcedureMode } from '../../common/catalog';
import type {
  CallInput,
  Delivery,
  DossierDetail,
  DossierListItem,
  DossierStatus,
  FilingMode,
} from '../../common/contract';
import { AppError } from '../../common/errors';
import { toVietnamIsoDate } from '../../common/format';
import { foldVietnamese, tidyText } from '../../common/text';
import { appendAudit } from '../audit/audit-log';
import type { Actor } from '../auth/actor';
import type { Clock, Ids } from '../ports';
import type { SettingsService } from '../settings/settings-service';
import { createChecklistCalls } from './checklist-calls';
import { snapshotChecklist, syncMustHave } from './checklist-snapshot';
import type { DossierContext } from './dossier-context';
import { createDetailReader, type FormSlotPort, type ProcedureLookup } from './dossier-detail';
import type { DossierRow } from './dossier-rows';
import { createFeeCalls, feeColumnsFor } from './fee-calls';
import { assertEditable, assertVersion, recordTransition } from './lifecycle';
import { checkReady } from './ready-check';
import { assertProcedureConsent } from '../privacy/consent-service';

export { toPage } from './page-view';
export type { ProcedureLookup } from './dossier-detail';

export function canSeeAll(actor: Actor): boolean {
  return actor.role === 'supervisor' || actor.role === 'admin';
}

function pickMode(modes: ProcedureMode[], wanted?: FilingMode): ProcedureMode | undefined {
  if (wanted) return modes.find((m) => m.mode === wanted);
  return modes.find((m) => m.mode === 'online') ?? modes[0];
}

function cleanApplicant(a: ApplicantDraft): ApplicantDraft {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) out[k] = typeof v === 'string' ? v.normalize('NFC') : v;
  return applicantDraftSchema.parse(out);
}

export type DossierService = ReturnType<typeof createDossierService>;

export function createDossierService(deps: {
  db: Db;
  clock: Clock;
  ids: Ids;
  settings: SettingsService;
  procedureOf: ProcedureLookup;
  /** throws when the dossier's started declaration form has problems or unconfirmed readings (core/forms/form-readiness) */
  assertFormReady?: (actor: Actor, row: DossierRow) => void;
  /** the declaration form's part in the checklist: form slots filled by the form, the subject named by it */
  formSlots?: FormSlotPort;
  /** after a committed change, so other windows showing the dossier read it again ('dossier.changed') */
  changed?: (dossierId: string) => void;
}) {
  const { db, clock, ids, settings, procedureOf } = deps;
  const reader = createDetailReader({ db, clock, procedureOf, ...(deps.formSlots ? { formSlots: deps.formSlots } : {}) });
  const detail = reader.detail;

  /** loads a dossier the actor may see; agents see only their own */
  function loadRow(actor: Actor, id: string): DossierRow {
    const row = db.select().from(dossiers).where(eq(dossiers.id, id)).get();
    if (!row || (!canSeeAll(actor) && row.createdBy !== actor.userId)) throw new AppError('NOT_FOUND');
    return row;
  }

  function loadEditable(actor: Actor, id: string): DossierRow {
    const row = loadRow(actor, id);
    if (row.createdBy !== actor.userId && actor.role === 'agent') throw new AppError('FORBIDDEN');
    assertEditable(row.status);
    return row;
  }

  const ctx: DossierContext = { db, clock, procedureOf, loadRow, loadEditable, detail };
  const fees = createFeeCalls(ctx);
  const checklist = createChecklistCalls({ ...ctx, storeOwedFee: fees.storeOwedFee });
  /** tells the other windows once the change is committed (the callers' transactions have returned) */
  const told = <T>(dossierId: string, value: T): T => {
    deps.changed?.(dossierId);
    return value;
  };

  function needsApproval(row: DossierRow, overrideReason: string): boolean {
    const s = settings.get();
    // an override of a missing required component always goes past a supervisor
    if (overrideReason.length > 0) return true;
    if (s.approvalPolicy === 'all') return true;
    if (s.approvalPolicy === 'per_procedure') return s.approvalProcedures.includes(row.procedureCode);
    return false;
  }

  return {
    detailOf: detail,
    loadRow,
    loadEditable,
    setCase: (actor: Actor, input: CallInput<'dossiers.setCase'>) => told(input.id, checklist.setCase(actor, input)),
    setApplies: (actor: Actor, input: CallInput<'dossiers.setApplies'>) => {
      const d = checklist.setApplies(actor, input);
      return told(d.id, d);
    },
    markSeen: (actor: Actor, input: CallInput<'dossiers.markSeen'>) => {
      const d = checklist.markSeen(actor, input);
      return told(d.id, d);
    },
    setFee: (actor: Actor, input: CallInput<'dossiers.setFee'>) => told(input.id, fees.setFee(actor, input)),
    /** the same notice for changes made by the other dossier modules (drafts, pages) */
    changed: (dossierId: string) => deps.changed?.(dossierId),
    /** form slots' "filled by the form" flags after a change of procedure, mode or form (inside its transaction) */
    refreshFormSlots: (dossierId: string) => deps.formSlots?.refresh(dossierId),

    /**
     * A draft with its own copy of the procedure's checklist (every case's documents, and "Giấy tờ khác"), the chosen
     * mode's fee rule and the office's service charge for the procedure, as they are today.
     */
    create(actor: Actor, input: { procedureCode: string; mode?: FilingMode }): DossierDetail {
      const stored = db
        .select({ code: procedures.code, active: procedures.active })
        .from(procedures)
        .where(eq(procedures.code, input.procedureCode))
        .get();
      const procedure = stored?.active ? procedureOf(stored.code) : null;
      if (!procedure) throw new AppError('NOT_FOUND');
      const mode = pickMode(procedure.modes, input.mode);
      const office = settings.get().office;
      const now = clock.now();
      const id = ids.uuid();
      return db.transaction(() => {
        const day = toVietnamIsoDate(now).replace(/-/g, '').slice(2);
        const seq = nextCounter(db, `dossier:${day}`);
        // the counter's number keeps two PCs of one office apart (DL001-02-261202-0001: 20 characters for the QR)
        const localCode = `${office.code}-${String(settings.get().counterNumber).padStart(2, '0')}-${day}-${String(seq).padStart(4, '0')}`;
        const filedIn = mode?.mode ?? input.mode ?? 'direct';
        db.insert(dossiers)
          .values({
            id,
            localCode,
            procedureCode: procedure.code,
            procedureName: procedure.name,
            mode: filedIn,
            applicant: JSON.stringify({}),
            delivery: JSON.stringify({ method: 'counter' } satisfies Delivery),
            ...feeColumnsFor(mode, null),
            serviceChargeVnd: procedure.serviceChargeVnd,
            status: 'draft',
            createdBy: actor.userId,
            createdAt: now,
            updatedAt: now,
          })
          .run();
        snapshotChecklist(db, id, procedure);
        syncMustHave(db, id, filedIn, null);
        fees.storeOwedFee(id);
        db.insert(statusEvents)
          .values({
            dossierId: id,
            fromStatus: null,
            toStatus: 'draft',
            actorId: actor.userId,
            source: 'local',
            at: now,
          })
          .run();
        appendAudit(db, {
          at: now,
          actorId: actor.userId,
          action: 'dossier.create',
          entity: 'dossier',
          entityId: id,
          details: { procedure: procedure.code },
        });
        return detail(loadRow(actor, id));
      });
    },

    get(actor: Actor, id: string): DossierDetail {
      return detail(loadRow(actor, id));
    },

    saveDraft(actor: Actor, input: CallInput<'dossiers.saveDraft'>) {
      const saved = db.transaction(() => {
        const row = loadEditable(actor, input.id);
        // a window holding an older version must not overwrite what another one saved since (two tabs, two PCs)
        assertVersion(row, input.expectedVersion);
        const now = clock.now();
        const applicant = input.applicant
          ? cleanApplicant(input.applicant)
          : (JSON.parse(row.applicant) as ApplicantDraft);
        const set: Partial<DossierRow> = { updatedAt: now, version: row.version + 1 };
        if (input.applicant) {
          set.applicant = JSON.stringify(applicant);
          set.applicantNameSearch = foldVietnamese(applicant.fullName ?? '');
          set.applicantIdNumber = (applicant.idNumber ?? '').replace(/\s/g, '');
        }
        if (input.delivery) {
          set.delivery = JSON.stringify({
            ...input.delivery,
            address: input.delivery.address ? tidyText(input.delivery.address) : undefined,
          });
        }
        // once the declaration form names the subject (khai sinh: the child), the separate field's value is ignored: the
        // intake's autosave sends it with every applicant change and would overwrite the name the form gave
        const subjectFromForm = deps.formSlots?.view(row).subjectFromForm ?? false;
        if (input.subjectName !== undefined && !subjectFromForm) set.subjectName = tidyText(input.subjectName) || null;
        if (input.mode && input.mode !== row.mode) {
          const mode = pickMode(procedureOf(row.procedureCode)?.modes ?? [], input.mode);
          if (!mode)
            throw new AppError('VALIDATION', {
              fields: { mode: 'Thủ tục này không có hình thức nộp đã chọn.' },
            });
          set.mode = mode.mode;
          // the new mode's fee rule; a variant of the same kind (e.g. a reduced rate) stays chosen when the mode has it
          Object.assign(set, feeColumnsFor(mode, row.feeVariant));
        }
        db.update(dossiers).set(set).where(eq(dossiers.id, row.id)).run();
        if (set.mode) {
          syncMustHave(db, row.id, set.mode, row.caseKey);
          deps.formSlots?.refresh(row.id); // online the data fills the e-form slot; on paper the print does
        }
        fees.storeOwedFee(row.id);
        const feeVnd =
          db.select({ feeVnd: dossiers.feeVnd }).from(dossiers).where(eq(dossiers.id, row.id)).get()
            ?.feeVnd ?? null;
        return {
          version: set.version ?? row.version,
          updatedAt: now,
          feeVnd,
          applicantProblems: checkApplicant(applicant),
        };
      });
      return told(input.id, saved);
    },

    markReady(actor: Actor, input: { id: string; overrideReason?: string; dueDate?: string; expectedVersion?: number }): DossierDetail {
      const ready = db.transaction(() => {
        const row = loadEditable(actor, input.id);
        assertVersion(row, input.expectedVersion);
        const d = detail(row);
        const now = clock.now();
        // the declaration form is the dossier's own data: a started form must be complete and every reading confirmed
        // (checked before the missing documents: a form slot missing only because of its form names the form's fields)
        const { reason, dueDate } = checkReady(d, row, input, now, () => deps.assertFormReady?.(actor, row));
        // last: the citizen agrees once the agent has read them the notice, usually when everything else is in
        assertProcedureConsent(db, row.id);
        const missing = d.missingRequired.length > 0;
        const to: DossierStatus = needsApproval(row, reason) ? 'awaiting_review' : 'ready';
        recordTransition(db, {
          dossierId: row.id,
          from: row.status,
          to,
          actorId: actor.userId,
          source: 'local',
          message: missing ? `Nộp thiếu: ${d.missingRequired.join('; ')}. Lý do: ${reason}` : null,
          at: now,
          // the pages counted for a per-page fee are fixed now: they are what the receipt states
          set: {
            due_date: dueDate,
            ready_at: now,
            ready_override_reason: missing ? reason : null,
            ...fees.freezeQuantity(row),
          },
        });
        return detail(loadRow(actor, row.id));
      });
      return told(input.id, ready);
    },

    list(
      actor: Actor,
      f: {
        status?: DossierStatus;
        fromDate?: string;
        toDate?: string;
        createdBy?: string;
        procedureCode?: string;
        text?: string;
        limit: number;
        offset: number;
      },
    ): { items: DossierListItem[]; total: number } {
      const createdBy = canSeeAll(actor) ? f.createdBy : actor.userId;
      const folded = f.text ? foldVietnamese(f.text) : undefined;
      const { rows, total } = listDossiers(db, { ...f, createdBy, foldedText: folded || undefined });
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          localCode: r.local_code,
          procedureCode: r.procedure_code,
          procedureName: r.procedure_name,
          applicantName: (JSON.parse(r.applicant) as ApplicantDraft).fullName ?? '',
          applicantIdNumber: r.applicant_id_number,
          status: r.status as DossierStatus,
          createdByName: r.created_by_name,
          createdAt: r.created_at,
          dueDate: r.due_date,
          pageCount: r.page_count,
        })),
      };
    },

    /** updated_at after a page change, and the fee when it counts pages; call inside the page change's transaction */
    touch(dossierId: string): void {
      db.update(dossiers)
        .set({ updatedAt: clock.now() })
        .where(and(eq(dossiers.id, dossierId)))
        .run();
      fees.storeOwedFee(dossierId);
    },
  };
}
