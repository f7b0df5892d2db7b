// The agent's answers on the checklist: the case (trường hợp), "áp dụng" for conditional documents, "đã xem bản chính".
import { eq } from 'drizzle-orm';
import { movePagesTo } from '../../../db/queries/dossier-queries';
import { dossierComponents, dossiers } from '../../../db/schema';
import type { CallInput, DossierDetail } from '../../common/contract';
import type { MovedPages } from '../../common/dossier-contract';
import { AppError } from '../../common/errors';
import { appendAudit } from '../audit/audit-log';
import type { Actor } from '../auth/actor';
import { syncMustHave } from './checklist-snapshot';
import { assertVersion } from './lifecycle';
import type { DossierContext } from './dossier-context';
import {
  counterLabel,
  inChecklist,
  OTHER_DOC_KEY,
  OTHER_NAME,
  requirementOfRow,
  type ComponentRow,
  type DossierRow,
} from './dossier-rows';

export function createChecklistCalls(ctx: DossierContext & { storeOwedFee(dossierId: string): void }) {
  const { db, clock } = ctx;

  function slotsOf(dossierId: string): ComponentRow[] {
    return db.select().from(dossierComponents).where(eq(dossierComponents.dossierId, dossierId)).all();
  }

  /** "Giấy tờ khác" of the dossier; dossiers made before it existed get one at the end of their checklist */
  function otherSlot(dossierId: string, slots: ComponentRow[]): number {
    const found = slots.find((s) => s.docKey === OTHER_DOC_KEY);
    if (found) return found.id;
    const ord = Math.max(-1, ...slots.map((s) => s.ord)) + 1;
    const inserted = db
      .insert(dossierComponents)
      .values({
        dossierId,
        kind: 'submit',
        name: OTHER_NAME,
        required: false,
        ord,
        docKey: OTHER_DOC_KEY,
        requirement: 'optional',
      })
      .returning({ id: dossierComponents.id })
      .get();
    return inserted.id;
  }

  /** the version bump and audit row every answer writes; the detail afterwards */
  function finish(
    actor: Actor,
    row: DossierRow,
    action: string,
    details: Record<string, string | number | boolean | null>,
    set: Partial<DossierRow> = {},
  ) {
    const now = clock.now();
    db.update(dossiers)
      .set({ ...set, version: row.version + 1, updatedAt: now })
      .where(eq(dossiers.id, row.id))
      .run();
    appendAudit(db, { at: now, actorId: actor.userId, action, entity: 'dossier', entityId: row.id, details });
    return ctx.detail(ctx.loadRow(actor, row.id));
  }

  /** loads a slot and its dossier for a change by this actor */
  function editableSlot(actor: Actor, componentId: number): { slot: ComponentRow; row: DossierRow } {
    const slot = db.select().from(dossierComponents).where(eq(dossierComponents.id, componentId)).get();
    if (!slot) throw new AppError('NOT_FOUND');
    return { slot, row: ctx.loadEditable(actor, slot.dossierId) };
  }

  /**
   * The case the dossier is filed under. Slots of the other cases leave the checklist; their pages move to "Giấy tờ
   * khác" in the same transaction (no page is ever lost or hidden), and the answer lists them for the agent.
   */
  function setCase(
    actor: Actor,
    input: CallInput<'dossiers.setCase'>,
  ): { detail: DossierDetail; moved: MovedPages } {
    return db.transaction(() => {
      const row = ctx.loadEditable(actor, input.id);
      assertVersion(row, input.version);
      const current = ctx.detail(row);
      if (!current.cases.some((c) => c.key === input.caseKey)) {
        throw new AppError('VALIDATION', { fields: { caseKey: 'Thủ tục này không có trường hợp đã chọn.' } });
      }
      if (row.caseKey === input.caseKey) return { detail: current, moved: [] };
      const slots = slotsOf(row.id);
      const leaving = slots
        .filter((s) => s.caseKey !== null && s.caseKey !== input.caseKey)
        .sort((a, b) => a.ord - b.ord);
      const counts = movePagesTo(
        db,
        leaving.map((s) => s.id),
        otherSlot(row.id, slots),
      );
      const moved = leaving.flatMap((s) => {
        const pages = counts.get(s.id) ?? 0;
        return pages > 0 ? [{ from: counterLabel(s), pages }] : [];
      });
      db.update(dossiers).set({ caseKey: input.caseKey }).where(eq(dossiers.id, row.id)).run();
      syncMustHave(db, row.id, row.mode, input.caseKey);
      ctx.storeOwedFee(row.id);
      const detail = finish(actor, row, 'dossier.case', {
        from: row.caseKey,
        to: input.caseKey,
        movedPages: moved.reduce((n, m) => n + m.pages, 0),
      });
      return { detail, moved };
    });
  }

  /** "áp dụng" / "không áp dụng" for a conditional document of the checklist; null takes the answer back */
  function setApplies(actor: Actor, input: CallInput<'dossiers.setApplies'>): DossierDetail {
    return db.transaction(() => {
      const { slot, row } = editableSlot(actor, input.componentId);
      assertVersion(row, input.expectedVersion);
      if (!inChecklist(slot, row.caseKey) || requirementOfRow(slot, row.mode) !== 'conditional') {
        throw new AppError('VALIDATION', {
          fields: { applies: 'Giấy tờ này không kèm điều kiện nào để trả lời.' },
        });
      }
      db.update(dossierComponents)
        .set({ applies: input.applies })
        .where(eq(dossierComponents.id, slot.id))
        .run();
      syncMustHave(db, row.id, row.mode, row.caseKey);
      return finish(actor, row, 'dossier.applies', { document: slot.docKey, applies: input.applies });
    });
  }

  /** "đã xem bản chính" for a document to show, with who and when; false takes it back */
  function markSeen(actor: Actor, input: CallInput<'dossiers.markSeen'>): DossierDetail {
    return db.transaction(() => {
      const { slot, row } = editableSlot(actor, input.componentId);
      assertVersion(row, input.expectedVersion);
      if (slot.kind !== 'show') {
        throw new AppError('VALIDATION', {
          fields: { seen: 'Chỉ giấy tờ phải xuất trình mới đánh dấu đã xem bản chính.' },
        });
      }
      const now = clock.now();
      db.update(dossierComponents)
        .set(input.seen ? { seenBy: actor.userId, seenAt: now } : { seenBy: null, seenAt: null })
        .where(eq(dossierComponents.id, slot.id))
        .run();
      return finish(actor, row, 'dossier.seen', { document: slot.docKey, seen: input.seen });
    });
  }

  return { setCase, setApplies, markSeen };
}
