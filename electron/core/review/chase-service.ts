// Chasing: supplement requests and overdue dossiers with the citizen's phone, and the contact attempts made.
import type { Db } from '../../../db/client';
import { vnDayStart } from '../../../db/queries/dossier-queries';
import {
  contactsByIds,
  insertContact,
  listChase,
  listContacts,
  type ContactRow,
} from '../../../db/queries/review-queries';
import { DAY_MS } from '../../../db/queries/report-queries';
import type { ApplicantDraft } from '../../common/applicant';
import type { Delivery } from '../../common/contract';
import { AppError } from '../../common/errors';
import { toVietnamIsoDate } from '../../common/format';
import type { ChaseItem, ContactAttempt } from '../../common/report-contract';
import { appendAudit } from '../audit/audit-log';
import type { Actor } from '../auth/actor';
import type { DossierService } from '../dossiers/dossier-service';
import type { Clock } from '../ports';

function toContact(r: ContactRow): ContactAttempt {
  return {
    id: r.id,
    dossierId: r.dossier_id,
    at: r.at,
    actor: { id: r.actor_id, fullName: r.actor_name },
    channel: r.channel,
    outcome: r.outcome,
    note: r.note,
  };
}

function parseRequest(json: string | null): ChaseItem['request'] {
  if (!json) return null;
  const raw = JSON.parse(json) as { documents: string; note: string; at: number };
  let documents: string[] = [];
  try {
    const parsed: unknown = JSON.parse(raw.documents);
    if (Array.isArray(parsed)) documents = parsed.filter((d): d is string => typeof d === 'string');
  } catch {
    // a damaged list shows no document names; the note still says what the portal wants
  }
  return { documents, note: raw.note, at: raw.at };
}

export type ChaseService = ReturnType<typeof createChaseService>;

export function createChaseService(deps: { db: Db; clock: Clock; dossiers: DossierService }) {
  const { db, clock, dossiers } = deps;

  return {
    list(
      actor: Actor,
      f: { kind: 'supplement' | 'overdue'; agentId?: string; limit: number; offset: number },
    ) {
      const today = toVietnamIsoDate(clock.now());
      const agentId = actor.role === 'agent' ? actor.userId : (f.agentId ?? null);
      const { rows, total } = listChase(
        db,
        f.kind,
        { date: today, today, agentId, periodDays: 30 },
        f.limit,
        f.offset,
      );
      const last = contactsByIds(
        db,
        rows.map((r) => r.last_contact_id).filter((id): id is number => id !== null),
      );
      const items: ChaseItem[] = rows.map((r) => {
        const applicant = JSON.parse(r.applicant) as ApplicantDraft;
        const delivery = JSON.parse(r.delivery) as Delivery;
        const lastContact = r.last_contact_id !== null ? last.get(r.last_contact_id) : undefined;
        const overdueDays =
          r.due_date !== null && r.due_date < today
            ? Math.round((vnDayStart(today) - vnDayStart(r.due_date)) / DAY_MS)
            : null;
        return {
          id: r.id,
          localCode: r.local_code,
          procedureName: r.procedure_name,
          status: r.status,
          applicantName: applicant.fullName ?? '',
          phone: applicant.phone || delivery.phone || null,
          agent: { id: r.created_by, fullName: r.created_by_name },
          dueDate: r.due_date,
          daysOverdue: overdueDays,
          request: parseRequest(r.request),
          contacts: r.contacts,
          lastContact: lastContact ? toContact(lastContact) : null,
        };
      });
      return { items, total };
    },

    /** Agents note calls on their own dossiers; supervisors on any. The note stays out of the audit row (it may name people). */
    addContact(
      actor: Actor,
      input: {
        dossierId: string;
        channel: ContactAttempt['channel'];
        outcome: ContactAttempt['outcome'];
        note: string;
      },
    ): ContactAttempt {
      return db.transaction(() => {
        dossiers.loadRow(actor, input.dossierId);
        const at = clock.now();
        const id = insertContact(db, { ...input, at, actorId: actor.userId });
        appendAudit(db, {
          at,
          actorId: actor.userId,
          action: 'dossier.contact',
          entity: 'dossier',
          entityId: input.dossierId,
          details: { channel: input.channel, outcome: input.outcome },
        });
        const row = contactsByIds(db, [id]).get(id);
        if (!row) throw new AppError('INTERNAL');
        return toContact(row);
      });
    },

    contacts(actor: Actor, dossierId: string): ContactAttempt[] {
      dossiers.loadRow(actor, dossierId);
      return listContacts(db, dossierId).map(toContact);
    },
  };
}
