// Supervisor review: the queue of dossiers awaiting approval, approve, return with a reason, and the returned list.
import type { Db } from '../../../db/client';
import { listReturned, listReviewQueue } from '../../../db/queries/review-queries';
import type { ApplicantDraft } from '../../common/applicant';
import type { DossierDetail } from '../../common/contract';
import { AppError } from '../../common/errors';
import type { ReturnedItem, ReviewQueueItem } from '../../common/report-contract';
import { foldVietnamese } from '../../common/text';
import { requireRole, type Actor } from '../auth/actor';
import type { DossierService } from '../dossiers/dossier-service';
import { recordTransition, statusLabels } from '../dossiers/lifecycle';
import type { Clock } from '../ports';

const applicantName = (json: string) => (JSON.parse(json) as ApplicantDraft).fullName ?? '';

export type ReviewService = ReturnType<typeof createReviewService>;

export function createReviewService(deps: {
  db: Db;
  clock: Clock;
  dossiers: DossierService;
  changed: (dossierId: string) => void;
}) {
  const { db, clock, dossiers, changed } = deps;

  /** One decision on a dossier awaiting review, by someone other than the agent who took it. */
  function decide(
    actor: Actor,
    id: string,
    to: 'approved' | 'returned',
    message: string | null,
  ): DossierDetail {
    requireRole(actor, ['supervisor', 'admin']);
    const detail = db.transaction(() => {
      const row = dossiers.loadRow(actor, id);
      if (row.createdBy === actor.userId) throw new AppError('SELF_REVIEW');
      if (row.status !== 'awaiting_review')
        throw new AppError('INVALID_STATE', { status: statusLabels[row.status] });
      recordTransition(db, {
        dossierId: row.id,
        from: 'awaiting_review',
        to,
        actorId: actor.userId,
        source: 'local',
        message,
        at: clock.now(),
        set: { reviewed_by: actor.userId },
      });
      return dossiers.detailOf(dossiers.loadRow(actor, id));
    });
    changed(id);
    return detail;
  }

  return {
    queue(
      actor: Actor,
      f: { agentId?: string; procedureCode?: string; text?: string; limit: number; offset: number },
    ) {
      requireRole(actor, ['supervisor', 'admin']);
      const folded = f.text ? foldVietnamese(f.text) : '';
      const { rows, total } = listReviewQueue(db, { ...f, foldedText: folded || undefined });
      const items: ReviewQueueItem[] = rows.map((r) => ({
        id: r.id,
        localCode: r.local_code,
        procedureCode: r.procedure_code,
        procedureName: r.procedure_name,
        mode: r.mode,
        applicantName: applicantName(r.applicant),
        applicantIdNumber: r.applicant_id_number,
        agent: { id: r.created_by, fullName: r.created_by_name },
        createdAt: r.created_at,
        sentAt: r.ready_at,
        dueDate: r.due_date,
        feeVnd: r.fee_vnd,
        pageCount: r.page_count,
        missingRequired: r.missing_required,
        overrideReason: r.ready_override_reason,
        timesReturned: r.times_returned,
        ownDossier: r.created_by === actor.userId,
      }));
      return { items, total };
    },

    approve(actor: Actor, input: { id: string; note?: string }): DossierDetail {
      return decide(actor, input.id, 'approved', input.note?.trim() ? input.note.trim() : null);
    },

    /** The reason is required (the contract asks for 5+ characters) and is what the agent reads on the dossier. */
    return(actor: Actor, input: { id: string; reason: string }): DossierDetail {
      return decide(actor, input.id, 'returned', input.reason.trim());
    },

    /** Dossiers waiting for their agent to fix them; an agent sees only theirs. */
    returned(actor: Actor, f: { agentId?: string; limit: number; offset: number }) {
      const agentId = actor.role === 'agent' ? actor.userId : f.agentId;
      const { rows, total } = listReturned(db, { agentId, limit: f.limit, offset: f.offset });
      const items: ReturnedItem[] = rows.map((r) => ({
        id: r.id,
        localCode: r.local_code,
        procedureName: r.procedure_name,
        applicantName: applicantName(r.applicant),
        agent: { id: r.created_by, fullName: r.created_by_name },
        reason: r.reason ?? '',
        returnedBy: r.returned_by,
        returnedAt: r.returned_at,
      }));
      return { items, total };
    },
  };
}
