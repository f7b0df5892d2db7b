// Supervisor reports: the dashboard and the lists behind its numbers, the day report (screen, PDF, XLSX) and closing.
import type { Db } from '../../../db/client';
import type { DossierListRow } from '../../../db/queries/dossier-queries';
import {
  countBucket,
  dailySeries,
  digitisationCounts,
  listBucket,
  periodRange,
  syncHealth,
  tableExists,
  type BucketScope,
} from '../../../db/queries/report-queries';
import { isIsoDate, type ApplicantDraft } from '../../common/applicant';
import type { DossierListItem, DossierStatus } from '../../common/contract';
import { AppError } from '../../common/errors';
import { toVietnamIsoDate } from '../../common/format';
import { reportBucketSchema, type Dashboard, type Figure, type Ratio, type ReportBucket } from '../../common/report-contract';
import { bucketLabels } from '../../common/report-labels';
import { requireRole, type Actor } from '../auth/actor';
import type { Clock } from '../ports';
import type { DayClosing } from './day-closing';
import { correctionsCash } from './day-figures';
import { renderDayReportPdf, type ReportFonts } from './day-report-pdf';
import { renderDayReportXlsx } from './day-report-xlsx';

/** 30 days: the window the province's monthly indicators use, and the length of the dashboard chart */
const PERIOD_DAYS = 30;

/** the contract's buckets by group, in its order: the dashboard lists what the contract names, no more, no less */
const bucketsOf = (prefix: string): ReportBucket[] => reportBucketSchema.options.filter((b) => b.startsWith(prefix));
const SYNC_BUCKETS: ReportBucket[] = ['open.syncWaiting', 'open.syncFailing'];
const DAY_BUCKETS = bucketsOf('day.');
const OPEN_BUCKETS = bucketsOf('open.').filter((b) => !SYNC_BUCKETS.includes(b));
const PERIOD_BUCKETS = bucketsOf('period.');

export function toListItem(r: DossierListRow): DossierListItem {
  return {
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
  };
}

function ratio(
  numerator: number,
  denominator: number,
  numeratorBucket: ReportBucket | null,
  denominatorBucket: ReportBucket | null,
): Ratio {
  return {
    numerator,
    denominator,
    rate: denominator > 0 ? numerator / denominator : null,
    numeratorBucket,
    denominatorBucket,
  };
}

export type ReportService = ReturnType<typeof createReportService>;

export function createReportService(deps: {
  db: Db;
  clock: Clock;
  closing: DayClosing;
  loadFonts: () => Promise<ReportFonts>;
}) {
  const { db, clock, closing, loadFonts } = deps;
  const hasSync = () => tableExists(db, 'outbox') && tableExists(db, 'sync_state');

  /** Agents only ever see their own numbers, whatever they ask for. */
  function scopeFor(actor: Actor, date: string | undefined, agentId: string | undefined): BucketScope {
    const today = toVietnamIsoDate(clock.now());
    if (date !== undefined && !isIsoDate(date))
      throw new AppError('VALIDATION', { fields: { date: 'Ngày không hợp lệ.' } });
    const agent = actor.role === 'agent' ? actor.userId : (agentId ?? null);
    return { date: date ?? today, today, agentId: agent, periodDays: PERIOD_DAYS };
  }

  function figures(buckets: ReportBucket[], scope: BucketScope): Figure[] {
    return buckets.map((bucket) => ({
      bucket,
      label: bucketLabels[bucket],
      count: countBucket(db, bucket, scope),
    }));
  }

  function checkDay(date: string): void {
    if (!isIsoDate(date)) throw new AppError('VALIDATION', { fields: { date: 'Ngày không hợp lệ.' } });
  }

  return {
    dashboard(actor: Actor, input: { date?: string; agentId?: string }): Dashboard {
      const scope = scopeFor(actor, input.date, input.agentId);
      const sync = hasSync();
      const period = figures(PERIOD_BUCKETS, scope);
      const count = (b: ReportBucket) => period.find((f) => f.bucket === b)?.count ?? 0;
      const scans = digitisationCounts(db, scope);
      const range = periodRange(scope);
      const supervisor = actor.role !== 'agent';
      return {
        date: scope.date,
        today: scope.today,
        agentId: scope.agentId,
        day: figures(DAY_BUCKETS, scope),
        open: figures(sync ? [...OPEN_BUCKETS, ...SYNC_BUCKETS] : OPEN_BUCKETS, scope),
        period,
        series: dailySeries(db, scope),
        indicators: {
          from: range.from,
          to: range.to,
          onlineShare: ratio(count('period.online'), count('period.filed'), 'period.online', 'period.filed'),
          digitisation: ratio(scans.scanned, scans.required, null, 'period.filed'),
          onTime: ratio(count('period.onTime'), count('period.resolved'), 'period.onTime', 'period.resolved'),
        },
        sync: sync ? syncHealth(db) : null,
        closure: closing.closureOf(scope.date),
        pendingCorrections: supervisor ? closing.pendingCorrections().length : 0,
      };
    },

    drill(
      actor: Actor,
      input: { bucket: ReportBucket; date?: string; agentId?: string; limit: number; offset: number },
    ) {
      const scope = scopeFor(actor, input.date, input.agentId);
      if (SYNC_BUCKETS.includes(input.bucket) && !hasSync()) return { items: [], total: 0 };
      return {
        items: listBucket(db, input.bucket, scope, input.limit, input.offset).map(toListItem),
        total: countBucket(db, input.bucket, scope),
      };
    },

    dayReport(actor: Actor, date: string) {
      checkDay(date);
      return closing.report(actor, date);
    },

    async dayReportPdf(actor: Actor, date: string) {
      checkDay(date);
      const report = closing.report(actor, date);
      const bytes = await renderDayReportPdf(report, await loadFonts(), report.closedBy ?? actor.fullName);
      return {
        fileName: `bao-cao-ngay-${date}${report.state === 'preview' ? '-xem-truoc' : ''}.pdf`,
        mime: 'application/pdf',
        bytes,
      };
    },

    async dayReportXlsx(actor: Actor, date: string) {
      checkDay(date);
      const report = closing.report(actor, date);
      const bytes = await renderDayReportXlsx(report, report.closedBy ?? actor.fullName);
      return {
        fileName: `bao-cao-ngay-${date}${report.state === 'preview' ? '-xem-truoc' : ''}.xlsx`,
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        bytes,
      };
    },

    closeDay(actor: Actor, date: string) {
      checkDay(date);
      return closing.close(actor, date);
    },

    closures(actor: Actor, limit: number) {
      return closing.closures(actor, limit);
    },

    corrections(actor: Actor) {
      requireRole(actor, ['supervisor', 'admin']);
      const pending = closing.pendingCorrections();
      return { pending, cashDeltaVnd: correctionsCash(pending) };
    },
  };
}
