// Retention: the admin's periods, the supervisor's preview and legal holds, the purge run at start-up, daily, or on demand.
import type { Db } from '../../../db/client';
import { AppError } from '../../common/errors';
import { formatDateTime } from '../../common/format';
import type { LegalHold, PurgePreview, PurgeReport, RetentionPeriods, RetentionSettings } from '../../common/privacy-contract';
import { appendAudit } from '../audit/audit-log';
import { requireRole, type Actor } from '../auth/actor';
import type { Clock, Logger } from '../ports';
import type { BlobStore } from '../storage/blob-store';
import { blobsFreedBy, countsOf, planRetention } from './retention-plan';
import { executePlans } from './retention-purge';
import { defaultPeriods, readPeriods, RETENTION_RULES, writePeriods } from './retention-rules';

export type RetentionTiming = { firstRunMs: number; everyMs: number };
/** a minute after start (the app is usable first), then every 24 hours while it runs */
export const defaultRetentionTiming: RetentionTiming = { firstRunMs: 60_000, everyMs: 86_400_000 };

const LAST_RUN_KEY = 'retention.lastRun';

type HoldRow = { id: number; dossier_id: string; local_code: string; reason: string; placed_by_name: string | null; placed_at: number };

export type RetentionService = ReturnType<typeof createRetentionService>;

export function createRetentionService(deps: { db: Db; blobs: BlobStore; clock: Clock; logger: Logger; timing?: RetentionTiming | false }) {
  const { db, blobs, clock, logger } = deps;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<PurgeReport> | null = null;

  function lastRun(): RetentionSettings['lastRun'] {
    const row = db.$client.prepare('SELECT value FROM settings WHERE key = ?').get(LAST_RUN_KEY) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as RetentionSettings['lastRun']) : null;
  }

  function settingsView(): RetentionSettings {
    const periods = readPeriods(db);
    return {
      periods,
      rules: RETENTION_RULES.map((r) => ({ key: r.key, label: r.label, days: periods[r.key], defaultDays: r.defaultDays, basis: r.basis })),
      lastRun: lastRun(),
    };
  }

  function holds(): LegalHold[] {
    const rows = db.$client
      .prepare(
        `SELECT h.id, h.dossier_id, d.local_code, h.reason, u.full_name AS placed_by_name, h.placed_at
           FROM legal_holds h JOIN dossiers d ON d.id = h.dossier_id LEFT JOIN users u ON u.id = h.placed_by
          WHERE h.released_at IS NULL ORDER BY h.placed_at DESC`,
      )
      .all() as HoldRow[];
    return rows.map((r) => ({
      id: r.id,
      dossierId: r.dossier_id,
      localCode: r.local_code,
      reason: r.reason,
      placedByName: r.placed_by_name ?? '',
      placedAt: r.placed_at,
    }));
  }

  /** The purge (also the scheduler's): one at a time; audited with counts only, no personal data. */
  function purge(actorId: string | null): Promise<PurgeReport> {
    running ??= (async () => {
      const now = clock.now();
      const plan = planRetention(db, readPeriods(db), now, lastRun()?.at ?? null);
      const outcome = await executePlans(db, blobs, plan.plans, now);
      const report: PurgeReport = {
        at: now,
        dossiers: plan.plans.length,
        counts: countsOf(plan),
        blobsDeleted: outcome.blobsDeleted,
        blobsKeptShared: outcome.blobsKeptShared,
        pagesPurged: outcome.pagesPurged,
        held: plan.held,
      };
      db.transaction(() => {
        appendAudit(db, {
          at: now,
          actorId,
          action: 'retention.purge',
          entity: 'retention',
          entityId: null,
          details: { ...report.counts, dossiers: report.dossiers, blobsDeleted: report.blobsDeleted, blobsKeptShared: report.blobsKeptShared, held: report.held },
        });
        const last = { at: now, dossiers: report.dossiers, blobsDeleted: report.blobsDeleted, pagesPurged: report.pagesPurged };
        db.$client
          .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
          .run(LAST_RUN_KEY, JSON.stringify(last), now);
      });
      return report;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule(delayMs: number, everyMs: number): void {
    timer = setTimeout(() => {
      purge(null)
        .catch((error: unknown) => logger.error('retention purge failed', { error: error instanceof Error ? error.message : String(error) }))
        .finally(() => {
          if (timer) schedule(everyMs, everyMs);
        });
    }, delayMs);
    timer.unref();
  }

  function loadHoldable(localCode: string): { id: string; local_code: string } {
    const row = db.$client.prepare('SELECT id, local_code FROM dossiers WHERE local_code = ?').get(localCode) as
      | { id: string; local_code: string }
      | undefined;
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  return {
    start(): void {
      const timing = deps.timing === undefined ? defaultRetentionTiming : deps.timing;
      if (timing) schedule(timing.firstRunMs, timing.everyMs);
    },
    async close(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
    },

    get(actor: Actor): RetentionSettings {
      requireRole(actor, ['supervisor', 'admin']);
      return settingsView();
    },

    update(actor: Actor, patch: Partial<RetentionPeriods>): RetentionSettings {
      requireRole(actor, ['admin']);
      return db.transaction(() => {
        const before = readPeriods(db);
        const next = { ...defaultPeriods, ...before, ...patch };
        writePeriods(db, next, clock.now());
        appendAudit(db, { at: clock.now(), actorId: actor.userId, action: 'retention.update', entity: 'settings', entityId: 'retention', details: { before, after: next } });
        return settingsView();
      });
    },

    preview(actor: Actor): PurgePreview {
      requireRole(actor, ['supervisor', 'admin']);
      const now = clock.now();
      const plan = planRetention(db, readPeriods(db), now, lastRun()?.at ?? null);
      return {
        asOf: now,
        counts: countsOf(plan),
        blobFiles: blobsFreedBy(db, plan.plans.flatMap((p) => p.pageIds)).freed.length,
        dossiers: plan.plans.map((p) => ({
          dossierId: p.dossier.id,
          localCode: p.dossier.local_code,
          procedureName: p.dossier.procedure_name,
          status: p.dossier.status,
          endedAt: p.dossier.ended_at ?? 0,
          classes: p.classes,
        })),
        held: plan.held,
      };
    },

    run(actor: Actor): Promise<PurgeReport> {
      requireRole(actor, ['admin']);
      return purge(actor.userId);
    },

    /** the scheduler's run, and tests' */
    purgeNow: () => purge(null),

    holds(actor: Actor): LegalHold[] {
      requireRole(actor, ['supervisor', 'admin']);
      return holds();
    },

    hold(actor: Actor, input: { localCode: string; reason: string }): LegalHold[] {
      requireRole(actor, ['supervisor', 'admin']);
      return db.transaction(() => {
        const d = loadHoldable(input.localCode);
        const existing = holds().find((h) => h.dossierId === d.id);
        if (existing) throw new AppError('DOSSIER_HELD', { code: d.local_code, since: formatDateTime(existing.placedAt) });
        const now = clock.now();
        db.$client
          .prepare('INSERT INTO legal_holds (dossier_id, reason, placed_by, placed_at) VALUES (?, ?, ?, ?)')
          .run(d.id, input.reason, actor.userId, now);
        appendAudit(db, { at: now, actorId: actor.userId, action: 'retention.hold', entity: 'dossier', entityId: d.id, details: { reason: input.reason } });
        return holds();
      });
    },

    release(actor: Actor, input: { dossierId: string; reason: string }): LegalHold[] {
      requireRole(actor, ['supervisor', 'admin']);
      return db.transaction(() => {
        const now = clock.now();
        const changed = db.$client
          .prepare('UPDATE legal_holds SET released_by = ?, released_at = ?, release_reason = ? WHERE dossier_id = ? AND released_at IS NULL')
          .run(actor.userId, now, input.reason, input.dossierId).changes;
        if (changed === 0) {
          const code = (db.$client.prepare('SELECT local_code FROM dossiers WHERE id = ?').get(input.dossierId) as { local_code: string } | undefined)?.local_code;
          throw new AppError('DOSSIER_NOT_HELD', { code: code ?? input.dossierId });
        }
        appendAudit(db, { at: now, actorId: actor.userId, action: 'retention.release', entity: 'dossier', entityId: input.dossierId, details: { reason: input.reason } });
        return holds();
      });
    },

    isHeld(dossierId: string): boolean {
      return db.$client.prepare('SELECT 1 FROM legal_holds WHERE dossier_id = ? AND released_at IS NULL').get(dossierId) !== undefined;
    },
  };
}
