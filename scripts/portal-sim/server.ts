// The portal simulator over real HTTP: routing, the fault pipeline in front of every route, and the in-process handle.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  computeStats,
  handleAdmin,
  listDossiers,
  listFiles,
  type SimDossierSummary,
  type SimFileSummary,
} from './admin';
import { authenticate, handleRevoke, handleToken, revokeAllTokens } from './auth';
import { loadSimCatalog } from './catalog';
import { handleCatalog } from './catalog-route';
import type { SimContext } from './context';
import type { PortalFieldError } from '../../electron/core/sync/portal-protocol';
import { handleChanges, handleGetDossier, handleSubmit } from './dossiers';
import { FaultState } from './faults';
import { BodyTooLarge, continueIfExpected, isoTime, sendError, sendJson, sleep } from './http-util';
import { advanceAll, advanceDue, requestSupplement } from './lifecycle';
import { defaultClients, type PortalSimOptions, type SimFaults, type SimStats } from './options';
import { bumpCounter, openSimDb } from './store';
import {
  checkTusVersion,
  handleCreate,
  handleDelete,
  handleHead,
  handlePatch,
  handleTusOptions,
} from './tus';

export type PortalSimHandle = {
  url: string;
  port: number;
  adminToken: string;
  dataDir: string;
  stop(): Promise<void>;
  setFaults(partial: Partial<SimFaults>): void;
  faults(): SimFaults;
  stats(): SimStats;
  requestSupplement(portalCode: string, documents: string[], note: string): boolean;
  /** the next submission (that passes the built-in checks) is refused with these field errors (422) */
  refuseNext(errors: PortalFieldError[]): void;
  /** the next submission is committed, then its connection is cut before the answer (a lost answer, for sure) */
  loseNextAnswer(): void;
  /** every open dossier moves one status step now; returns how many moved */
  advance(): number;
  revokeAllTokens(): number;
  startMaintenance(forS: number): void;
  listDossiers(): SimDossierSummary[];
  listFiles(opts?: { rehash?: boolean }): Promise<SimFileSummary[]>;
};

const SIM_VERSION = 'portal-sim/1';

async function route(ctx: SimContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const p = url.pathname;
  // a tus PATCH says "continue" itself once its headers pass; everything else past the faults is handled
  if (method !== 'PATCH') continueIfExpected(req, res);
  if (method === 'GET' && p === '/health') {
    return sendJson(res, 200, { status: 'ok', time: isoTime(ctx.now()), version: SIM_VERSION });
  }
  if (method === 'POST' && p === '/oauth/token') return handleToken(ctx, req, res);
  if (method === 'POST' && p === '/oauth/revoke') return handleRevoke(ctx, req, res);
  const isFiles = p === '/files' || p.startsWith('/files/');
  if (isFiles && method === 'OPTIONS') return handleTusOptions(res);
  if (isFiles && !checkTusVersion(req, res)) return;
  const clientId = authenticate(ctx, req, res);
  if (!clientId) return;
  const fileId = /^\/files\/([0-9a-f]{32})$/.exec(p)?.[1];
  if (method === 'POST' && (p === '/files' || p === '/files/')) return handleCreate(ctx, clientId, req, res);
  if (fileId && method === 'HEAD') return handleHead(ctx, clientId, fileId, res);
  if (fileId && method === 'PATCH') return handlePatch(ctx, clientId, fileId, req, res);
  if (fileId && method === 'DELETE') return handleDelete(ctx, clientId, fileId, res);
  if (method === 'POST' && p === '/dossiers') return handleSubmit(ctx, clientId, req, res);
  const portalCode = /^\/dossiers\/([^/]+)$/.exec(p)?.[1];
  if (method === 'GET' && portalCode)
    return handleGetDossier(ctx, clientId, decodeURIComponent(portalCode), res);
  if (method === 'GET' && p === '/changes') return handleChanges(ctx, clientId, url, res);
  if (method === 'GET' && p === '/catalog') return handleCatalog(ctx, req, res);
  sendError(res, 404, 'not_found', 'Không có đường dẫn này trên cổng.');
}

/** Maintenance, rate limit and random 5xx, in that order; true when the request was answered here. */
function injectFault(ctx: SimContext, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const now = ctx.now();
  const maintenanceMs = ctx.faults.maintenanceRemainingMs(now);
  if (maintenanceMs > 0) {
    bumpCounter(ctx.db, 'maintenanceRefusals');
    const retryAfter = String(Math.ceil(maintenanceMs / 1000));
    if (url.pathname === '/health') {
      sendJson(
        res,
        503,
        { status: 'maintenance', time: isoTime(now), version: SIM_VERSION },
        { 'Retry-After': retryAfter },
      );
    } else {
      sendError(res, 503, 'maintenance', 'Cổng dịch vụ công đang bảo trì.', {
        headers: { 'Retry-After': retryAfter },
      });
    }
    return true;
  }
  if (url.pathname === '/health') return false;
  const retryAfterS = ctx.faults.rateLimitRetryAfterS(req.socket.remoteAddress ?? 'unknown', now);
  if (retryAfterS > 0) {
    bumpCounter(ctx.db, 'rateLimited');
    sendError(res, 429, 'rate_limited', 'Gửi quá nhiều yêu cầu, hãy thử lại sau.', {
      headers: { 'Retry-After': String(retryAfterS) },
    });
    return true;
  }
  const status = ctx.faults.randomServerError();
  if (status > 0) {
    bumpCounter(ctx.db, 'injectedErrors');
    sendError(res, status, 'injected_error', 'Lỗi máy chủ cổng (giả lập).');
    return true;
  }
  return false;
}

async function handleRequest(
  ctx: SimContext,
  adminToken: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://portal.invalid');
  try {
    if (url.pathname.startsWith('/admin/')) {
      continueIfExpected(req, res);
      return await handleAdmin(ctx, adminToken, req, res, url);
    }
    if (req.method === 'POST' && url.pathname === '/dossiers') bumpCounter(ctx.db, 'postAttempts');
    await sleep(ctx.faults.faults.latencyMs);
    if (injectFault(ctx, req, res, url)) return;
    await route(ctx, req, res, url);
  } catch (error) {
    if (error instanceof BodyTooLarge) sendError(res, 413, 'body_too_large', 'Nội dung gửi lên quá lớn.');
    else if (error instanceof SyntaxError)
      sendError(res, 400, 'invalid_json', 'Nội dung gửi lên không phải JSON hợp lệ.');
    else if (!res.headersSent && !res.destroyed) sendError(res, 500, 'internal', String(error));
  }
}

function contextFor(opts: PortalSimOptions, now: () => number): SimContext {
  const uploadsDir = path.join(opts.dataDir, 'uploads');
  mkdirSync(uploadsDir, { recursive: true });
  const seed = opts.seed ?? 1;
  return {
    db: openSimDb(opts.dataDir),
    faults: new FaultState(opts, seed, now()),
    catalog: loadSimCatalog(opts.catalogFile, isoTime(now())),
    clients: opts.clients && opts.clients.length > 0 ? opts.clients : defaultClients,
    tokenTtlS: opts.tokenTtlS ?? 3600,
    seed,
    uploadsDir,
    now,
    uploadLocks: new Map(),
    pendingRefusals: [],
    pendingLostAnswers: 0,
  };
}

export async function startPortalSim(opts: PortalSimOptions): Promise<PortalSimHandle> {
  const now = opts.now ?? (() => Date.now());
  const ctx = contextFor(opts, now);
  const adminToken = opts.adminToken ?? randomBytes(18).toString('base64url');
  if (opts.revokeTokensOnStart) revokeAllTokens(ctx);
  const inFlight = new Set<Promise<void>>();
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const work = handleRequest(ctx, adminToken, req, res);
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  const server = createServer(onRequest);
  // Expect: 100-continue goes through the same pipeline: faults, auth and offset checks answer before the body is sent
  server.on('checkContinue', onRequest);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const ticker = setInterval(() => advanceDue(ctx), 200);
  ticker.unref();
  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      clearInterval(ticker);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await Promise.allSettled([...inFlight]);
      ctx.db.close();
    })();
    return stopped;
  };
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    adminToken,
    dataDir: opts.dataDir,
    stop,
    setFaults: (partial) => ctx.faults.set(partial),
    faults: () => ({ ...ctx.faults.faults }),
    stats: () => computeStats(ctx),
    requestSupplement: (portalCode, documents, note) => requestSupplement(ctx, portalCode, documents, note),
    refuseNext: (errors) => {
      ctx.pendingRefusals.push(errors);
    },
    loseNextAnswer: () => {
      ctx.pendingLostAnswers += 1;
    },
    advance: () => advanceAll(ctx),
    revokeAllTokens: () => revokeAllTokens(ctx),
    startMaintenance: (forS) => ctx.faults.startMaintenance(forS, now()),
    listDossiers: () => listDossiers(ctx),
    listFiles: (o) => listFiles(ctx, o?.rehash === true),
  };
}
