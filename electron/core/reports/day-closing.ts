// Closing a day: freezes its report (snapshot + hash chained to the previous closing); later changes become corrections.
import { createHash } from 'node:crypto';
import type { Db } from '../../../db/client';
import {
  changedSince,
  closedDates,
  closureBefore,
  closureByDate,
  dayDossiers,
  insertClosure,
  listClosures,
  maxStatusEventId,
  upsertLines,
  type ClosureRow,
  type LineInput,
} from '../../../db/queries/closure-queries';
import { isoDay } from '../../../db/queries/report-queries';
import { formatDateTime, toVietnamIsoDate } from '../../common/format';
import { AppError } from '../../common/errors';
import {
  dayReportSchema,
  type ClosureSummary,
  type Correction,
  type DayReport,
} from '../../common/report-contract';
import { isBillable } from '../../common/report-labels';
import { appendAudit } from '../audit/audit-log';
import { requireRole, type Actor } from '../auth/actor';
import type { Clock } from '../ports';
import type { SettingsService } from '../settings/settings-service';
import { buildDayLines, buildDayRows, correctionsCash, detectCorrections } from './day-figures';

const GENESIS = '0'.repeat(64);

type Snapshot = { v: 1; report: DayReport; lines: LineInput[] };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** null when the stored text is no longer JSON (edited in the database): the list still shows the row, marked broken */
function readSnapshot(text: string): Partial<Snapshot> | null {
  try {
    return JSON.parse(text) as Partial<Snapshot>;
  } catch {
    return null;
  }
}

export type DayClosing = ReturnType<typeof createDayClosing>;

export function createDayClosing(deps: { db: Db; clock: Clock; settings: SettingsService }) {
  const { db, clock, settings } = deps;

  /** Changes to closed days made since the last closing, not yet stated on any closed report. */
  function pendingCorrections(): Correction[] {
    const last = listClosures(db, 1)[0];
    if (!last) return [];
    // >= : a change in the same millisecond as the closing is compared too; an unchanged dossier yields nothing
    const candidates = changedSince(db, last.closed_at - 1, last.last_event_id);
    return detectCorrections(candidates, closedDates(db), isoDay);
  }

  function assemble(
    date: string,
    corrections: Correction[],
    closed: { at: number; by: string } | null,
  ): DayReport {
    const s = settings.get();
    const dossiers = dayDossiers(db, date);
    const rows = buildDayRows(dossiers);
    const correctionsCashVnd = correctionsCash(corrections);
    return {
      date,
      office: s.office,
      state: closed ? 'closed' : 'preview',
      closedAt: closed?.at ?? null,
      closedBy: closed?.by ?? null,
      hash: null,
      hashOk: null,
      generatedAt: clock.now(),
      serviceChargeVnd: s.serviceChargeVnd,
      ...rows,
      lines: buildDayLines(dossiers),
      corrections,
      correctionsCashVnd,
      cashToHandOverVnd: rows.totals.cashVnd + correctionsCashVnd,
    };
  }

  function chainOk(row: ClosureRow): boolean {
    const expectedPrev = closureBefore(db, row.closed_at, row.date)?.hash ?? GENESIS;
    return row.prev_hash === expectedPrev && sha256(row.prev_hash + row.snapshot) === row.hash;
  }

  function storedReport(row: ClosureRow): DayReport {
    const parsed = dayReportSchema.safeParse(readSnapshot(row.snapshot)?.report);
    if (!parsed.success) throw new AppError('INTERNAL', { reason: 'day closure snapshot unreadable' });
    return { ...parsed.data, hash: row.hash, hashOk: chainOk(row) };
  }

  return {
    pendingCorrections,

    /** The frozen report of a closed day, or the live figures (with pending corrections) of a day not closed yet. */
    report(actor: Actor, date: string): DayReport {
      requireRole(actor, ['supervisor', 'admin']);
      const closed = closureByDate(db, date);
      return closed ? storedReport(closed) : assemble(date, pendingCorrections(), null);
    },

    close(actor: Actor, date: string): DayReport {
      requireRole(actor, ['supervisor', 'admin']);
      const now = clock.now();
      if (date > toVietnamIsoDate(now))
        throw new AppError('DAY_NOT_CLOSABLE', { date: date.split('-').reverse().join('/') });
      return db.transaction(() => {
        const existing = closureByDate(db, date);
        if (existing) {
          throw new AppError('DAY_CLOSED', {
            date: date.split('-').reverse().join('/'),
            closedAt: formatDateTime(existing.closed_at),
          });
        }
        const corrections = pendingCorrections();
        const report = assemble(date, corrections, { at: now, by: actor.fullName });
        const lines: LineInput[] = dayDossiers(db, date).map((d) => ({
          dossierId: d.id,
          day: date,
          status: d.status,
          mode: d.mode,
          feeVnd: d.fee_vnd,
          billable: isBillable(d.status),
          serviceChargeVnd: d.service_charge_vnd,
          recordedIn: date,
        }));
        const snapshot = JSON.stringify({ v: 1, report, lines } satisfies Snapshot);
        const prevHash = listClosures(db, 1)[0]?.hash ?? GENESIS;
        const hash = sha256(prevHash + snapshot);
        insertClosure(db, {
          date,
          closedAt: now,
          closedBy: actor.userId,
          snapshot,
          prevHash,
          hash,
          lastEventId: maxStatusEventId(db),
          corrections: corrections.length,
        });
        upsertLines(db, [
          ...lines,
          ...corrections.map((c) => ({
            dossierId: c.dossierId,
            day: c.day,
            ...c.after,
            serviceChargeVnd: c.serviceChargeVnd ?? 0,
            recordedIn: date,
          })),
        ]);
        appendAudit(db, {
          at: now,
          actorId: actor.userId,
          action: 'day.close',
          entity: 'day',
          entityId: date,
          details: {
            hash,
            taken: report.totals.taken,
            cashVnd: report.cashToHandOverVnd,
            corrections: corrections.length,
          },
        });
        return { ...report, hash, hashOk: true };
      });
    },

    closures(actor: Actor, limit: number): ClosureSummary[] {
      requireRole(actor, ['supervisor', 'admin']);
      return listClosures(db, limit).map((row) => {
        const report = readSnapshot(row.snapshot)?.report;
        return {
          date: row.date,
          closedAt: row.closed_at,
          closedByName: row.closed_by_name,
          hash: row.hash,
          hashOk: chainOk(row),
          taken: report?.totals.taken ?? 0,
          cashToHandOverVnd: report?.cashToHandOverVnd ?? 0,
          corrections: row.corrections,
        };
      });
    },

    closureOf(date: string): { closedAt: number; closedByName: string; hash: string } | null {
      const row = closureByDate(db, date);
      return row ? { closedAt: row.closed_at, closedByName: row.closed_by_name, hash: row.hash } : null;
    },
  };
}
