// Dossier intake: create from a catalog procedure, autosave drafts, mark ready, read details and lists.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { listDossiers, nextCounter } from '../../../db/queries/dossier-queries';
import { dossierComponents, dossiers, pages, procedureComponents, procedures, statusEvents, users } from '../../../db/schema';
import { applicantDraftSchema, checkApplicant, unconfirmedFields, type ApplicantDraft } from '../../common/applicant';
import { componentModes, decodeOnlyModes, encodeOnlyModes, requiredInMode } from '../../common/component-modes';
import type { ProcedureMode } from '../../common/catalog';
import type { Delivery, DossierDetail, DossierListItem, DossierStatus, FilingMode, Page } from '../../common/contract';
import { AppError } from '../../common/errors';
import { toVietnamIsoDate } from '../../common/format';
import { foldVietnamese, tidyText } from '../../common/text';
import { appendAudit } from '../audit/audit-log';
import type { Actor } from '../auth/actor';
import { computeDueDate } from '../calendar/due-date';
import { modesOf } from '../catalog/procedure-rows';
import type { Clock, Ids } from '../ports';
import type { SettingsService } from '../settings/settings-service';
import { assertEditable, recordTransition } from './lifecycle';
import { qualityAcceptanceOf, qualityWarningsOf } from '../quality';

type DossierRow = typeof dossiers.$inferSelect;


export function canSeeAll(actor: Actor): boolean {
  return actor.role === 'supervisor' || actor.role === 'admin';
}

const applicantFieldLabels: Record<string, string> = {
  fullName: 'họ và tên',
  idNumber: 'số định danh cá nhân',
  dateOfBirth: 'ngày sinh',
  sex: 'giới tính',
  address: 'địa chỉ',
  phone: 'số điện thoại',
  email: 'email',
  relationship: 'quan hệ',
};

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

export function createDossierService(deps: { db: Db; clock: Clock; ids: Ids; settings: SettingsService }) {
  const { db, clock, ids, settings } = deps;

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

  /** the dossier's checklist; `required` is what this filing mode requires, so changing a draft's mode changes it */
  function componentsWithPages(dossierId: string, mode: FilingMode): DossierDetail['components'] {
    const comps = db
      .select()
      .from(dossierComponents)
      .where(eq(dossierComponents.dossierId, dossierId))
      .orderBy(asc(dossierComponents.ord))
      .all();
    const pageRows = db.select().from(pages).where(eq(pages.dossierId, dossierId)).orderBy(asc(pages.ord)).all();
    const turned = autoTurnedPages(dossierId);
    return comps.map((c) => {
      const onlyModes = decodeOnlyModes(c.onlyModes);
      return {
        id: c.id,
        kind: c.kind,
        name: c.name,
        required: requiredInMode(c.required, onlyModes, mode),
        onlyModes,
        originals: c.originals,
        copies: c.copies,
        pages: pageRows
          .filter((p) => p.componentId === c.id)
          .map((p) => ({ ...toPage(p), autoRotated: turned.get(p.id) === p.rotation })),
      };
    });
  }

  /** Pages OCR turned upright (audit 'page.auto_rotate'), with the turn it gave them: still so unless the agent turned them. */
  function autoTurnedPages(dossierId: string): Map<string, number> {
    const rows = db.$client
      .prepare("SELECT details FROM audit_log WHERE entity = 'dossier' AND entity_id = ? AND action = 'page.auto_rotate' ORDER BY id")
      .all(dossierId) as { details: string }[];
    const out = new Map<string, number>();
    for (const r of rows) {
      const d = JSON.parse(r.details) as { page?: unknown; to?: unknown };
      if (typeof d.page === 'string' && typeof d.to === 'number') out.set(d.page, d.to);
    }
    return out;
  }

  function suggestDueDate(modes: ProcedureMode[], chosen: FilingMode): string | null {
    const mode = modes.find((m) => m.mode === chosen);
    return mode ? computeDueDate({ date: toVietnamIsoDate(clock.now()) }, { value: mode.deadlineValue, unit: mode.deadlineUnit }) : null;
  }

  function detail(row: DossierRow): DossierDetail {
    const modes = modesOf(db, row.procedureCode);
    const creator = db.select({ id: users.id, fullName: users.fullName }).from(users).where(eq(users.id, row.createdBy)).get();
    const components = componentsWithPages(row.id, row.mode);
    const applicant = JSON.parse(row.applicant) as ApplicantDraft;
    const history = db
      .select({ e: statusEvents, actorName: users.fullName })
      .from(statusEvents)
      .leftJoin(users, eq(users.id, statusEvents.actorId))
      .where(eq(statusEvents.dossierId, row.id))
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
      components,
      history,
      missingRequired: components.filter((c) => c.required && c.kind === 'submit' && c.pages.length === 0).map((c) => c.name),
      applicantProblems: checkApplicant(applicant),
      returnReason: row.status === 'returned' ? ([...history].reverse().find((e) => e.toStatus === 'returned')?.message ?? null) : null,
    };
  }

  return {
    detailOf: detail,
    loadRow,
    loadEditable,

    create(actor: Actor, input: { procedureCode: string; mode?: FilingMode }): DossierDetail {
      const proc = db.select().from(procedures).where(eq(procedures.code, input.procedureCode)).get();
      if (!proc || !proc.active) throw new AppError('NOT_FOUND');
      const modes = modesOf(db, proc.code);
      const mode = pickMode(modes, input.mode);
      const office = settings.get().office;
      const now = clock.now();
      const id = ids.uuid();
      return db.transaction(() => {
        const day = toVietnamIsoDate(now).replace(/-/g, '').slice(2);
        const seq = nextCounter(db, `dossier:${day}`);
        const localCode = `${office.code}-${day}-${String(seq).padStart(4, '0')}`;
        db.insert(dossiers)
          .values({
            id,
            localCode,
            procedureCode: proc.code,
            procedureName: proc.name,
            mode: mode?.mode ?? input.mode ?? 'direct',
            applicant: JSON.stringify({}),
            delivery: JSON.stringify({ method: 'counter' } satisfies Delivery),
            feeVnd: mode?.feeVnd ?? null,
            status: 'draft',
            createdBy: actor.userId,
            createdAt: now,
            updatedAt: now,
          })
          .run();
        const comps = db
          .select()
          .from(procedureComponents)
          .where(eq(procedureComponents.procedureCode, proc.code))
          .orderBy(asc(procedureComponents.ord))
          .all();
        const ordered = [...comps.filter((c) => c.kind === 'submit'), ...comps.filter((c) => c.kind === 'show')];
        ordered.forEach((c, i) => {
          // the record's own wording may limit an item to some filing modes ("nếu nộp hồ sơ trực tuyến"): read once, here
          const onlyModes = encodeOnlyModes(componentModes(c.name));
          db.insert(dossierComponents)
            .values({ dossierId: id, kind: c.kind, name: c.name, required: c.required, originals: c.originals, copies: c.copies, ord: i, onlyModes })
            .run();
        });
        if (ordered.length === 0) {
          // a record without a component list still needs somewhere to put the pages
          db.insert(dossierComponents)
            .values({ dossierId: id, kind: 'submit', name: 'Giấy tờ kèm theo', required: false, originals: null, copies: null, ord: 0 })
            .run();
        }
        db.insert(statusEvents)
          .values({ dossierId: id, fromStatus: null, toStatus: 'draft', actorId: actor.userId, source: 'local', at: now })
          .run();
        appendAudit(db, { at: now, actorId: actor.userId, action: 'dossier.create', entity: 'dossier', entityId: id, details: { procedure: proc.code } });
        return detail(loadRow(actor, id));
      });
    },

    get(actor: Actor, id: string): DossierDetail {
      return detail(loadRow(actor, id));
    },

    saveDraft(actor: Actor, input: { id: string; applicant?: ApplicantDraft; delivery?: Delivery; mode?: FilingMode }) {
      return db.transaction(() => {
        const row = loadEditable(actor, input.id);
        const now = clock.now();
        const applicant = input.applicant ? cleanApplicant(input.applicant) : (JSON.parse(row.applicant) as ApplicantDraft);
        const set: Partial<DossierRow> = { updatedAt: now, version: row.version + 1 };
        if (input.applicant) {
          set.applicant = JSON.stringify(applicant);
          set.applicantNameSearch = foldVietnamese(applicant.fullName ?? '');
          set.applicantIdNumber = (applicant.idNumber ?? '').replace(/\s/g, '');
        }
        if (input.delivery) {
          set.delivery = JSON.stringify({ ...input.delivery, address: input.delivery.address ? tidyText(input.delivery.address) : undefined });
        }
        if (input.mode && input.mode !== row.mode) {
          const mode = pickMode(modesOf(db, row.procedureCode), input.mode);
          if (!mode) throw new AppError('VALIDATION', { fields: { mode: 'Thủ tục này không có hình thức nộp đã chọn.' } });
          set.mode = mode.mode;
          set.feeVnd = mode.feeVnd;
        }
        db.update(dossiers).set(set).where(eq(dossiers.id, row.id)).run();
        return {
          version: set.version ?? row.version,
          updatedAt: now,
          feeVnd: set.feeVnd !== undefined ? set.feeVnd : row.feeVnd,
          applicantProblems: checkApplicant(applicant),
        };
      });
    },

    markReady(actor: Actor, input: { id: string; overrideReason?: string; dueDate?: string }): DossierDetail {
      return db.transaction(() => {
        const row = loadEditable(actor, input.id);
        const d = detail(row);
        const problems = Object.keys(d.applicantProblems);
        if (problems.length > 0) {
          throw new AppError('APPLICANT_INCOMPLETE', {
            fields: d.applicantProblems,
            fieldNames: problems.map((p) => applicantFieldLabels[p] ?? p),
          });
        }
        const unconfirmed = unconfirmedFields(d.applicant);
        if (unconfirmed.length > 0) {
          // every value read from the ID card is a proposal until the agent has checked it against the card
          throw new AppError('APPLICANT_UNCONFIRMED', {
            fieldNames: unconfirmed.map((f) => applicantFieldLabels[f] ?? f),
            fields: Object.fromEntries(unconfirmed.map((f) => [f, 'Hãy đối chiếu với thẻ rồi bấm "Xác nhận".'])),
          });
        }
        if (d.delivery.method === 'post' && !d.delivery.address?.trim()) {
          throw new AppError('VALIDATION', { fields: { 'delivery.address': 'Hãy nhập địa chỉ nhận kết quả qua bưu chính.' } });
        }
        const reason = input.overrideReason?.trim() ?? '';
        if (d.missingRequired.length > 0 && reason.length < 5) {
          throw new AppError('MISSING_COMPONENTS', { names: d.missingRequired });
        }
        const now = clock.now();
        const today = toVietnamIsoDate(now);
        if (input.dueDate !== undefined && input.dueDate < today) throw new AppError('DUE_DATE_INVALID', { fields: { dueDate: 'Ngày hẹn phải từ hôm nay trở đi.' } });
        // back from a return or a portal refusal: the appointment already printed for the citizen stands, unless passed
        const kept = row.dueDate !== null && row.dueDate >= today ? row.dueDate : null;
        const dueDate = input.dueDate ?? kept ?? d.suggestedDueDate;
        if (dueDate === null) {
          const mode = d.modes.find((m) => m.mode === row.mode);
          throw new AppError('DUE_DATE_REQUIRED', { deadline: mode?.deadlineText ?? 'không có', fields: { dueDate: 'Hãy nhập ngày hẹn trả kết quả.' } });
        }
        const to: DossierStatus = needsApproval(row, reason) ? 'awaiting_review' : 'ready';
        recordTransition(db, {
          dossierId: row.id,
          from: row.status,
          to,
          actorId: actor.userId,
          source: 'local',
          message: d.missingRequired.length > 0 ? `Nộp thiếu: ${d.missingRequired.join('; ')}. Lý do: ${reason}` : null,
          at: now,
          set: { due_date: dueDate, ready_at: now, ready_override_reason: d.missingRequired.length > 0 ? reason : null },
        });
        return detail(loadRow(actor, row.id));
      });
    },

    list(actor: Actor, f: { status?: DossierStatus; fromDate?: string; toDate?: string; createdBy?: string; procedureCode?: string; text?: string; limit: number; offset: number }): { items: DossierListItem[]; total: number } {
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

    /** bumps version/updated_at after a page change; call inside the page change's transaction */
    touch(dossierId: string): void {
      db.update(dossiers).set({ updatedAt: clock.now() }).where(and(eq(dossiers.id, dossierId))).run();
    },
  };

  function needsApproval(row: DossierRow, overrideReason: string): boolean {
    const s = settings.get();
    // an override of a missing required component always goes past a supervisor
    if (overrideReason.length > 0) return true;
    if (s.approvalPolicy === 'all') return true;
    if (s.approvalPolicy === 'per_procedure') return s.approvalProcedures.includes(row.procedureCode);
    return false;
  }
}

export function toPage(p: typeof pages.$inferSelect): Page {
  return {
    id: p.id,
    componentId: p.componentId,
    ord: p.ord,
    rotation: (p.rotation === 90 || p.rotation === 180 || p.rotation === 270 ? p.rotation : 0),
    mime: p.mime,
    size: p.size,
    width: p.width,
    height: p.height,
    sourceName: p.sourceName,
    ocrStatus: p.ocrStatus,
    ocrText: p.ocrText,
    ocrConfidence: p.ocrConfidence,
    createdAt: p.createdAt,
    qualityWarnings: qualityWarningsOf(p.quality, p.ord + 1, p.rotation),
    qualityAccepted: qualityAcceptedOf(p.quality),
  };
}

function qualityAcceptedOf(json: string | null): Page['qualityAccepted'] {
  const accepted = qualityAcceptanceOf(json);
  return accepted ? { byName: accepted.byName, at: accepted.at } : null;
}
