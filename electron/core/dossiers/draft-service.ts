// Drafts the agent gives up on: cancel (delete with pages), move to another procedure, and the sweep of empty drafts.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { dossierComponents, dossiers, procedures } from '../../../db/schema';
import type { ProcedureDetail, ProcedureMode } from '../../common/catalog';
import type { CallInput, DossierDetail, FilingMode } from '../../common/contract';
import type { MovedPages } from '../../common/dossier-contract';
import { AppError } from '../../common/errors';
import { foldVietnamese } from '../../common/text';
import { appendAudit } from '../audit/audit-log';
import type { Actor } from '../auth/actor';
import type { Clock, Logger } from '../ports';
import type { BlobStore } from '../storage/blob-store';
import { snapshotChecklist, syncMustHave } from './checklist-snapshot';
import type { DossierService } from './dossier-service';
import { counterLabel, OTHER_DOC_KEY, type ComponentRow, type DossierRow } from './dossier-rows';
import { feeColumnsFor } from './fee-calls';
import { assertVersion } from './lifecycle';

/** 24 h: a draft nobody typed into for a day is a mis-click (Ctrl+N, a wrong procedure), never a citizen waiting. */
export const EMPTY_DRAFT_AGE_MS = 24 * 3600_000;

export type DraftService = ReturnType<typeof createDraftService>;

/** Nothing of the citizen in it: no applicant value, no subject, no form data, no page, no consent recorded. */
const EMPTY_DRAFTS_SQL = `
  SELECT d.id, d.local_code, d.procedure_code FROM dossiers d
   WHERE d.status = 'draft' AND d.ready_at IS NULL AND d.updated_at < ?
     AND d.applicant_name_search = '' AND d.applicant_id_number = '' AND coalesce(d.subject_name, '') = ''
     AND d.form_data IN ('{}', '') AND d.applicant IN ('{}', '')
     AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.dossier_id = d.id)
     AND NOT EXISTS (SELECT 1 FROM consents k WHERE k.dossier_id = d.id)`;

/** the form id of a dossier's saved declaration, or null when none was started */
function storedFormId(formData: string): string | null {
  try {
    const parsed: unknown = JSON.parse(formData);
    return typeof parsed === 'object' && parsed !== null && 'formId' in parsed && typeof parsed.formId === 'string' ? parsed.formId : null;
  } catch {
    return null;
  }
}

export function createDraftService(deps: {
  db: Db;
  clock: Clock;
  blobs: BlobStore;
  dossiers: DossierService;
  procedureOf: (code: string) => ProcedureDetail | null;
  logger?: Logger;
}) {
  const { db, clock, blobs } = deps;
  const service = deps.dossiers;

  /**
   * A draft never marked ready: no receipt was printed, so nobody outside this PC knows its code. `refusal`: the code
   * that says why to the agent (cancelling and changing the procedure each have their own way out).
   */
  function neverReady(
    actor: Actor,
    id: string,
    expected: number | undefined,
    refusal: 'DRAFT_NOT_CANCELLABLE' | 'DRAFT_PROCEDURE_LOCKED',
  ): DossierRow {
    const row = service.loadEditable(actor, id);
    assertVersion(row, expected);
    if (row.status !== 'draft' || row.readyAt !== null) throw new AppError(refusal, { code: row.localCode });
    return row;
  }

  /** Deletes the dossier's rows; returns the scans' files no page uses any more (removed after the commit). */
  function deleteRows(row: Pick<DossierRow, 'id'>): { pages: number; freed: string[] } {
    const c = db.$client;
    const shas = (c.prepare('SELECT DISTINCT blob_sha256 AS sha FROM pages WHERE dossier_id = ?').all(row.id) as { sha: string }[]).map((r) => r.sha);
    c.prepare("DELETE FROM jobs WHERE kind = 'ocr' AND ref_id IN (SELECT id FROM pages WHERE dossier_id = ?)").run(row.id);
    const pages = c.prepare('DELETE FROM pages WHERE dossier_id = ?').run(row.id).changes;
    c.prepare('DELETE FROM dossiers WHERE id = ?').run(row.id); // slots, history, consents, holds: ON DELETE CASCADE
    // a page re-used into another dossier shares its blob: only a blob no page refers to any more goes
    const drop = c.prepare('DELETE FROM blobs WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM pages WHERE blob_sha256 = ?)');
    return { pages, freed: shas.filter((sha) => drop.run(sha, sha).changes === 1) };
  }

  async function removeFiles(freed: readonly string[]): Promise<void> {
    for (const sha of freed) {
      // a file left behind is found by the start-up integrity check; the rows are already gone
      await blobs.remove(sha).catch((error: unknown) => deps.logger?.warn('draft: blob not removed', { error: String(error) }));
    }
  }

  /** "Huỷ hồ sơ": the agent deletes a draft (after a confirmation in the UI); audited without personal data. */
  async function cancelDraft(actor: Actor, input: CallInput<'dossiers.cancelDraft'>): Promise<{ deleted: boolean; pages: number }> {
    const { pages, freed } = db.transaction(() => {
      const row = neverReady(actor, input.id, input.expectedVersion, 'DRAFT_NOT_CANCELLABLE');
      const closed = db.$client.prepare('SELECT 1 FROM day_closure_lines WHERE dossier_id = ? LIMIT 1').get(row.id);
      if (closed) throw new AppError('DRAFT_NOT_CANCELLABLE', { code: row.localCode });
      const done = deleteRows(row);
      appendAudit(db, {
        at: clock.now(),
        actorId: actor.userId,
        action: 'dossier.cancel',
        entity: 'dossier',
        entityId: row.id,
        details: { code: row.localCode, procedure: row.procedureCode, pages: done.pages, filesDeleted: done.freed.length },
      });
      return done;
    });
    await removeFiles(freed);
    service.changed(input.id);
    return { deleted: true, pages };
  }

  /**
   * Empty drafts older than a day are deleted, not listed: they hold nothing of a citizen (see EMPTY_DRAFTS_SQL), so
   * nothing is lost, and a list the agent must clear by hand is one more chore at a busy counter. Audited (no actor).
   */
  function sweepEmptyDrafts(): number {
    const now = clock.now();
    return db.transaction(() => {
      const rows = db.$client.prepare(EMPTY_DRAFTS_SQL).all(now - EMPTY_DRAFT_AGE_MS) as { id: string; local_code: string; procedure_code: string }[];
      for (const r of rows) {
        deleteRows(r);
        appendAudit(db, { at: now, actorId: null, action: 'dossier.cancel_empty', entity: 'dossier', entityId: r.id, details: { code: r.local_code, procedure: r.procedure_code } });
      }
      return rows.length;
    });
  }

  /** the new slot for an old slot's pages: same document key, else an ID-card slot for ID cards, else the same name */
  function matchSlot(old: ComponentRow, fresh: readonly ComponentRow[]): ComponentRow | undefined {
    const common = fresh.filter((s) => s.caseKey === null && s.docKey !== OTHER_DOC_KEY);
    const sameKey = !old.docKey.startsWith('legacy-') && old.docKey !== OTHER_DOC_KEY ? common.find((s) => s.docKey === old.docKey) : undefined;
    const idCard = old.pageKind === 'id_card' ? common.find((s) => s.pageKind === 'id_card') : undefined;
    const name = foldVietnamese(counterLabel(old));
    return sameKey ?? idCard ?? common.find((s) => foldVietnamese(counterLabel(s)) === name);
  }

  function pickMode(modes: readonly ProcedureMode[], kept: FilingMode): ProcedureMode | undefined {
    return modes.find((m) => m.mode === kept) ?? modes.find((m) => m.mode === 'online') ?? modes[0];
  }

  /**
   * The agent picked the wrong procedure: the draft takes the new procedure's checklist, mode, fee rule and service
   * charge; applicant, delivery and pages stay. Each old slot's pages go to the matching new slot, else "Giấy tờ khác".
   */
  function changeProcedure(actor: Actor, input: CallInput<'dossiers.changeProcedure'>): { detail: DossierDetail; moved: MovedPages } {
    const result = db.transaction(() => {
      const row = neverReady(actor, input.id, input.expectedVersion, 'DRAFT_PROCEDURE_LOCKED');
      if (row.procedureCode === input.procedureCode) throw new AppError('PROCEDURE_UNCHANGED');
      const stored = db.select({ active: procedures.active }).from(procedures).where(eq(procedures.code, input.procedureCode)).get();
      const procedure = stored?.active ? deps.procedureOf(input.procedureCode) : null;
      if (!procedure) throw new AppError('NOT_FOUND');
      const old = db.select().from(dossierComponents).where(eq(dossierComponents.dossierId, row.id)).all().sort((a, b) => a.ord - b.ord);
      // the new slots are made beside the old ones, the pages moved across, then the old slots deleted
      const oldIds = new Set(old.map((s) => s.id));
      snapshotChecklist(db, row.id, procedure);
      const fresh = db.select().from(dossierComponents).where(eq(dossierComponents.dossierId, row.id)).all().filter((s) => !oldIds.has(s.id));
      const other = fresh.find((s) => s.docKey === OTHER_DOC_KEY);
      if (!other) throw new AppError('INTERNAL');
      const moved: MovedPages = [];
      const move = db.$client.prepare('UPDATE pages SET component_id = ?, ord = ? WHERE id = ?');
      const nextOrd = db.$client.prepare('SELECT coalesce(max(ord), -1) + 1 AS n FROM pages WHERE component_id = ?');
      for (const slot of old) {
        const pages = db.$client.prepare('SELECT id FROM pages WHERE component_id = ? ORDER BY ord, id').all(slot.id) as { id: string }[];
        if (pages.length === 0) continue;
        const to = matchSlot(slot, fresh) ?? other;
        const start = (nextOrd.get(to.id) as { n: number }).n;
        pages.forEach((p, i) => move.run(to.id, start + i, p.id));
        if (to.id === other.id) moved.push({ from: counterLabel(slot), pages: pages.length });
      }
      for (const id of oldIds) db.delete(dossierComponents).where(eq(dossierComponents.id, id)).run();
      // the declaration belongs to its paper form: kept when the new checklist files the same form, else dropped
      const keepForm = storedFormId(row.formData) === null || fresh.some((s) => s.formId !== null && s.formId === storedFormId(row.formData));
      const mode = pickMode(procedure.modes, row.mode);
      const filedIn = mode?.mode ?? row.mode;
      const now = clock.now();
      db.update(dossiers)
        .set({
          procedureCode: procedure.code,
          procedureName: procedure.name,
          mode: filedIn,
          caseKey: null,
          ...feeColumnsFor(mode, null),
          feeQuantity: null,
          feeOverrideVnd: null,
          feeOverrideReason: null,
          serviceChargeVnd: procedure.serviceChargeVnd,
          subjectName: procedure.subject ? row.subjectName : null,
          ...(keepForm ? {} : { formData: '{}' }),
          version: row.version + 1,
          updatedAt: now,
        })
        .where(eq(dossiers.id, row.id))
        .run();
      syncMustHave(db, row.id, filedIn, null);
      service.refreshFormSlots(row.id); // the new slots of a kept form
      service.touch(row.id); // the owed fee under the new rule
      appendAudit(db, {
        at: now,
        actorId: actor.userId,
        action: 'dossier.procedure',
        entity: 'dossier',
        entityId: row.id,
        details: { from: row.procedureCode, to: procedure.code, toOther: moved.reduce((n, m) => n + m.pages, 0), formDropped: !keepForm },
      });
      return { detail: service.get(actor, row.id), moved };
    });
    service.changed(input.id);
    return result;
  }

  return { cancelDraft, changeProcedure, sweepEmptyDrafts };
}
