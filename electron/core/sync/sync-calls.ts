// The sync side of the contract with its access rules: status, "Đồng bộ ngay", portal set-up, timelines, supplement requests.
import type { Db } from '../../../db/client';
import { AppError } from '../../common/errors';
import { appendAudit } from '../audit/audit-log';
import { requireRole, type Actor } from '../auth/actor';
import type { DossierService } from '../dossiers/dossier-service';
import type { Clock } from '../ports';
import type { SettingsService } from '../settings/settings-service';
import type { ConfigureInput, SyncController } from './sync-controller';
import { dossierSyncTimeline, listSupplementRequests, markSupplementSeen } from './sync-service';

export type SyncCalls = ReturnType<typeof createSyncCalls>;

export function createSyncCalls(d: {
  db: Db;
  clock: Clock;
  dossiers: DossierService;
  settings: SettingsService;
  controller: SyncController;
}) {
  const { db } = d;
  return {
    status: () => d.controller.status(),
    now: () => d.controller.syncNow(),

    async configure(actor: Actor, input: ConfigureInput) {
      requireRole(actor, ['admin']);
      const status = await d.controller.configure(input, () => d.settings.update(actor, { portalUrl: input.portalUrl }));
      appendAudit(db, {
        at: d.clock.now(),
        actorId: actor.userId,
        action: 'sync.configure',
        entity: 'settings',
        entityId: 'portal',
        details: {
          portalUrl: input.portalUrl,
          agentCode: input.agentCode,
          connectionTested: status.connectionTested,
        },
      });
      return { ...status, portalUrl: input.portalUrl, agentCode: input.agentCode };
    },

    timeline(actor: Actor, dossierId: string) {
      d.dossiers.get(actor, dossierId); // NOT_FOUND for a dossier this caller may not see
      const t = dossierSyncTimeline(db, dossierId);
      if (!t) throw new AppError('NOT_FOUND');
      return t;
    },

    supplements(actor: Actor, input: { dossierId?: string; unseenOnly?: boolean; limit?: number }) {
      const items = listSupplementRequests(db, actor, { unseenOnly: input.unseenOnly, limit: input.limit });
      return input.dossierId ? items.filter((i) => i.dossierId === input.dossierId) : items;
    },

    markSeen(actor: Actor, requestId: number) {
      const row = db.$client.prepare('SELECT dossier_id FROM portal_requests WHERE id = ?').get(requestId) as
        { dossier_id: string } | undefined;
      if (!row) throw new AppError('NOT_FOUND');
      d.dossiers.get(actor, row.dossier_id);
      return { seen: markSupplementSeen(db, requestId, actor.userId, d.clock.now()) };
    },
  };
}
