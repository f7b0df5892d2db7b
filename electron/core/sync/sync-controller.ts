// Owns the running sync engine: builds it from settings + stored credentials, rebuilds it on change, queues ready dossiers.
import type { Db } from '../../../db/client';
import type { EventPayload } from '../../common/contract';
import { AppError } from '../../common/errors';
import type { Emit } from '../events';
import type { Clock, Ids, Logger } from '../ports';
import type { SettingsService } from '../settings/settings-service';
import type { BlobStore } from '../storage/blob-store';
import { getSyncState, LAST_SUCCESS_KEY } from './feed';
import { pendingCount, queueDossier } from './outbox';
import { createHttpPortalClient, type PortalClient } from './portal-client';
import { checkPortalConnection, portalUrlProblem, type PortalCheckInput, type PortalCheckResult } from './portal-check';
import { readPortalCredentials, writePortalCredentials, type Secrets } from './secrets';
import { createSyncEngine, type SyncEngine } from './sync-engine';

export type SyncStatusView = EventPayload<'sync.status'>;

export type SyncTiming = {
  /** pass period while online (engine default 30 s) */
  onlineIntervalMs?: number;
  /** probe period while offline (engine default 10 s) */
  offlineProbeMs?: number;
};

export type SyncControllerDeps = {
  db: Db;
  blobs: BlobStore;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  emit: Emit;
  settings: SettingsService;
  /** absent: this host cannot keep credentials, sync stays off */
  secrets?: Secrets;
  timing?: SyncTiming;
  /** tests inject a portal; default is the HTTP client for settings.portalUrl */
  makePortal?: (baseUrl: string, clientId: string, clientSecret: string) => PortalClient;
  /** the connection test run before portal settings are saved (tests inject one) */
  checkPortal?: (input: PortalCheckInput) => Promise<PortalCheckResult>;
};

export type ConfigureInput = { portalUrl: string; agentCode: string; secret: string; saveAnyway?: boolean };

const problemCodes = {
  insecure_url: 'PORTAL_URL_INSECURE',
  unreachable: 'PORTAL_UNREACHABLE',
  not_portal: 'PORTAL_NOT_PORTAL',
  certificate: 'PORTAL_CERTIFICATE',
  secret: 'PORTAL_SECRET_REFUSED',
  clock: 'PORTAL_CLOCK',
} as const;

export type SyncController = ReturnType<typeof createSyncController>;

const NOT_CONFIGURED = 'Chưa cấu hình kết nối cổng dịch vụ công: quản trị viên nhập địa chỉ cổng, mã đại lý và mật khẩu ở Cài đặt.';
const NO_SECRETS = 'Máy này không có kho khoá an toàn để giữ mật khẩu cổng, nên chưa thể đồng bộ.';

export function createSyncController(d: SyncControllerDeps) {
  const { db, clock, logger } = d;
  let engine: SyncEngine | null = null;
  let portal: PortalClient | null = null;
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  const makePortal =
    d.makePortal ??
    ((baseUrl: string, clientId: string, clientSecret: string) =>
      createHttpPortalClient({ baseUrl, clientId, clientSecret, clock }));

  function idleStatus(): SyncStatusView {
    const raw = getSyncState(db, LAST_SUCCESS_KEY);
    const needsFix = db.$client.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'needs_fix'").get() as { n: number };
    return {
      online: false,
      waiting: pendingCount(db),
      lastSuccessAt: raw ? Number(raw) : null,
      detail: d.secrets ? NOT_CONFIGURED : NO_SECRETS,
      current: null,
      nextAttemptAt: null,
      needsFix: needsFix.n,
      configured: false,
    };
  }

  function status(): SyncStatusView {
    return engine ? { ...engine.status(), configured: true } : idleStatus();
  }

  function portalUrl(): string | null {
    if (!d.settings.hasOffice()) return null;
    const url = d.settings.get().portalUrl.trim();
    return url === '' ? null : url;
  }

  async function teardown(): Promise<void> {
    const e = engine;
    const p = portal;
    engine = null;
    portal = null;
    await e?.stop();
    // revoking the token is a courtesy; an unreachable portal must not hold up a restart
    p?.close().catch((error: unknown) => logger.warn('sync: token revocation failed', { error }));
  }

  async function rebuild(): Promise<void> {
    await teardown();
    if (closed || !d.secrets) return;
    const url = portalUrl();
    const creds = await readPortalCredentials(d.secrets);
    if (!url || !creds) {
      d.emit('sync.status', idleStatus());
      return;
    }
    portal = makePortal(url, creds.clientId, creds.clientSecret);
    engine = createSyncEngine({
      db,
      blobs: d.blobs,
      portal,
      clock,
      random: Math.random,
      logger,
      emit: d.emit,
      ...(d.timing ?? {}),
    });
    queueAllEligible();
    engine.start();
  }

  /** one rebuild at a time, in call order */
  function reload(): Promise<void> {
    const next = chain.then(rebuild);
    chain = next.catch((error: unknown) => logger.error('sync: could not start the engine', { error }));
    return next;
  }

  function requiresApproval(procedureCode: string): boolean {
    const s = d.settings.get();
    return s.approvalPolicy === 'all' || (s.approvalPolicy === 'per_procedure' && s.approvalProcedures.includes(procedureCode));
  }

  /** Queues one ready / approved dossier when sync is on; returns true when it moved to 'queued'. */
  function tryQueue(dossierId: string, actorId: string | null): boolean {
    if (!engine) return false; // no portal configured: the dossier stays 'ready'
    const row = db.$client.prepare('SELECT status, procedure_code FROM dossiers WHERE id = ?').get(dossierId) as
      { status: string; procedure_code: string } | undefined;
    if (!row || (row.status !== 'ready' && row.status !== 'approved')) return false;
    try {
      queueDossier(db, {
        dossierId,
        actorId,
        at: clock.now(),
        newKey: () => d.ids.uuid(),
        requireApproval: requiresApproval(row.procedure_code),
      });
    } catch (error) {
      // a 'ready' dossier of a procedure that now needs approval waits for the supervisor
      if (error instanceof AppError && error.code === 'INVALID_STATE') return false;
      throw error;
    }
    d.emit('dossier.changed', { dossierId });
    // the waiting / needs-fix counts changed: the status bar hears it now, not at the end of the next pass
    d.emit('sync.status', status());
    return true;
  }

  /** Dossiers made ready while sync was off go out once it is on. */
  function queueAllEligible(): void {
    const rows = db.$client
      .prepare("SELECT id FROM dossiers WHERE status IN ('ready', 'approved') ORDER BY ready_at, id LIMIT 5000")
      .all() as { id: string }[];
    for (const r of rows) {
      try {
        tryQueue(r.id, null);
      } catch (error) {
        logger.error('sync: could not queue a dossier', { error, dossierId: r.id });
      }
    }
  }

  return {
    status,
    start: reload,
    settingsChanged: reload,

    /** After markReady / approve: queue it and, if the portal is reachable, send it without waiting for the timer. */
    dossierReady(dossierId: string, actorId: string): boolean {
      const queued = tryQueue(dossierId, actorId);
      if (queued && engine?.status().online) {
        engine.wake().catch((error: unknown) => logger.error('sync: pass failed', { error }));
      }
      return queued;
    },

    async syncNow(): Promise<SyncStatusView> {
      if (!engine) return idleStatus();
      queueAllEligible();
      await engine.syncNow();
      return status();
    },

    /**
     * Tests the connection with the settings as typed (a token and one cheap call); a failure is named and nothing is
     * saved, except that a portal the test could not reach at all may be saved with `saveAnyway` (a new point set up
     * before its line works). A refused secret, a bad certificate or a wrong clock are never saved. Then the
     * credentials are stored first; only once they are safe does `applySettings` store the address, so a keystore
     * failure leaves the old configuration whole. The engine restarts on the new settings.
     */
    async configure(input: ConfigureInput, applySettings: () => void): Promise<SyncStatusView & { connectionTested: boolean }> {
      if (!d.secrets) throw new AppError('VALIDATION', { fields: { secret: NO_SECRETS } });
      const insecure = portalUrlProblem(input.portalUrl);
      if (insecure) throw new AppError('PORTAL_URL_INSECURE', { reason: insecure, fields: { portalUrl: insecure } });
      const check = await (d.checkPortal ?? checkPortalConnection)({
        baseUrl: input.portalUrl,
        clientId: input.agentCode,
        clientSecret: input.secret,
        clock,
      });
      if (!check.ok && !(check.problem === 'unreachable' && input.saveAnyway === true)) {
        logger.warn('sync: portal connection test failed', { problem: check.problem, code: check.code });
        throw new AppError(problemCodes[check.problem], {
          reason: check.message,
          problem: check.problem,
          fields: check.field ? { [check.field]: check.message } : {},
        });
      }
      try {
        await writePortalCredentials(d.secrets, { clientId: input.agentCode, clientSecret: input.secret });
      } catch (error) {
        logger.error('sync: could not store portal credentials', { error });
        const reason = error instanceof Error ? error.message : NO_SECRETS;
        throw new AppError('VALIDATION', { fields: { secret: reason } });
      }
      applySettings();
      await reload();
      return { ...status(), connectionTested: check.ok };
    },

    async agentCode(): Promise<string | null> {
      return d.secrets ? ((await readPortalCredentials(d.secrets))?.clientId ?? null) : null;
    },

    async close(): Promise<void> {
      closed = true;
      await chain.catch(() => undefined);
      await teardown();
    },
  };
}
