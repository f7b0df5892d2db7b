// Admin side of the simulator: stats, fault switches, forced status moves and reconciliation lists (/admin/*).
import { createHash, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { revokeAllTokens } from './auth';
import type { SimContext } from './context';
import { readBody, sendError, sendJson } from './http-util';
import { advanceAll, requestSupplement } from './lifecycle';
import { pickFaults, type SimStats } from './options';
import { readCounters } from './store';

export type SimDossierSummary = {
  portalCode: string;
  clientId: string;
  idempotencyKey: string;
  localCode: string | null;
  status: string;
  fileSha256: string[];
  /** the declaration form as submitted ({ formId, version, data }), absent when the dossier carried none */
  formData?: { formId: string; version: number; data: Record<string, unknown> };
};

export type SimFileSummary = { sha256: string; size: number; clientId: string; storedSha256?: string };

export function computeStats(ctx: SimContext): SimStats {
  const c = readCounters(ctx.db);
  const n = (name: string) => c[name] ?? 0;
  const one = (sql: string) => (ctx.db.prepare(sql).get() as { n: number }).n;
  const statusRows = ctx.db.prepare('SELECT status, COUNT(*) AS n FROM dossiers GROUP BY status').all() as {
    status: string;
    n: number;
  }[];
  return {
    dossiersAccepted: one('SELECT COUNT(*) AS n FROM dossiers'),
    postAttempts: n('postAttempts'),
    duplicateReplays: n('duplicateReplays'),
    idempotencyConflicts: n('idempotencyConflicts'),
    validationRefusals: n('validationRefusals'),
    filesWithSha256: one("SELECT COUNT(*) AS n FROM uploads WHERE state = 'complete'"),
    distinctFileSha256: one("SELECT COUNT(DISTINCT sha256) AS n FROM uploads WHERE state = 'complete'"),
    checksumFailures: n('checksumFailures'),
    uploadsCreated: n('uploadsCreated'),
    uploadBytesReceived: n('uploadBytesReceived'),
    tokensIssued: n('tokensIssued'),
    catalog: { downloads: n('catalogDownloads'), notModified: n('catalogNotModified'), bytesSent: n('catalogBytesSent') },
    faults: {
      errors: n('injectedErrors'),
      resetsMidUpload: n('resetsMidUpload'),
      resetsBeforeCommit: n('resetsBeforeCommit'),
      resetsAfterCommit: n('resetsAfterCommit'),
      rateLimited: n('rateLimited'),
      maintenance: n('maintenanceRefusals'),
      revokedTokens: n('revokedTokens'),
    },
    statusCounts: Object.fromEntries(statusRows.map((r) => [r.status, r.n])),
  };
}

export function listDossiers(ctx: SimContext): SimDossierSummary[] {
  const rows = ctx.db
    .prepare(
      'SELECT portal_code, client_id, idempotency_key, local_code, status, body_json FROM dossiers ORDER BY received_at',
    )
    .all() as {
    portal_code: string;
    client_id: string;
    idempotency_key: string;
    local_code: string | null;
    status: string;
    body_json: string;
  }[];
  return rows.map((r) => {
    const body = JSON.parse(r.body_json) as { components?: { files?: { sha256: string }[] }[]; formData?: SimDossierSummary['formData'] };
    return {
      portalCode: r.portal_code,
      clientId: r.client_id,
      idempotencyKey: r.idempotency_key,
      localCode: r.local_code,
      status: r.status,
      fileSha256: (body.components ?? []).flatMap((comp) => (comp.files ?? []).map((f) => f.sha256)),
      ...(body.formData ? { formData: body.formData } : {}),
    };
  });
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Completed uploads; with rehash, each stored file is hashed again from disk. */
export async function listFiles(ctx: SimContext, rehash: boolean): Promise<SimFileSummary[]> {
  const rows = ctx.db
    .prepare(
      "SELECT id, sha256, length, client_id FROM uploads WHERE state = 'complete' ORDER BY completed_at",
    )
    .all() as { id: string; sha256: string; length: number; client_id: string }[];
  const out: SimFileSummary[] = [];
  for (const r of rows) {
    const file: SimFileSummary = { sha256: r.sha256, size: r.length, clientId: r.client_id };
    if (rehash) file.storedSha256 = await hashFile(path.join(ctx.uploadsDir, r.id));
    out.push(file);
  }
  return out;
}

function authorized(req: IncomingMessage, adminToken: string): boolean {
  const given = String(
    req.headers['x-admin-token'] ?? /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '',
  );
  const a = Buffer.from(given);
  const b = Buffer.from(adminToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = (await readBody(req, 64 * 1024)).toString('utf8');
  const value: unknown = raw ? JSON.parse(raw) : {};
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export async function handleAdmin(
  ctx: SimContext,
  adminToken: string,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  if (!authorized(req, adminToken)) {
    sendError(res, 401, 'admin_token_required', 'Cần X-Admin-Token đúng.');
    return;
  }
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  if (route === 'GET /admin/stats') return sendJson(res, 200, computeStats(ctx));
  if (route === 'GET /admin/faults') return sendJson(res, 200, ctx.faults.faults);
  if (route === 'GET /admin/dossiers') return sendJson(res, 200, listDossiers(ctx));
  if (route === 'GET /admin/files')
    return sendJson(res, 200, await listFiles(ctx, url.searchParams.get('rehash') === '1'));
  if (route === 'POST /admin/advance') return sendJson(res, 200, { moved: advanceAll(ctx) });
  if (route === 'POST /admin/faults') {
    const body = await readObject(req);
    ctx.faults.set(pickFaults(body));
    if (body.revokeAllTokens === true) revokeAllTokens(ctx);
    if (typeof body.maintenanceForS === 'number')
      ctx.faults.startMaintenance(body.maintenanceForS, ctx.now());
    return sendJson(res, 200, ctx.faults.faults);
  }
  if (route === 'POST /admin/supplement') {
    const body = await readObject(req);
    const documents = Array.isArray(body.documents)
      ? body.documents.filter((d): d is string => typeof d === 'string')
      : [];
    const ok =
      typeof body.portalCode === 'string' &&
      requestSupplement(ctx, body.portalCode, documents, typeof body.note === 'string' ? body.note : '');
    return ok
      ? sendJson(res, 200, { ok: true })
      : sendError(res, 404, 'not_found', 'Không có hồ sơ đang xử lý với mã này.');
  }
  if (route === 'POST /admin/refuse-next') {
    // body: { errors: [{ path, code?, message, component? }] }: the next submission is refused with them (422)
    const body = await readObject(req);
    const errors = Array.isArray(body.errors)
      ? body.errors.flatMap((e: unknown) => {
          const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
          return typeof o.path === 'string' && typeof o.message === 'string'
            ? [{ path: o.path, message: o.message, ...(typeof o.code === 'string' ? { code: o.code } : {}) }]
            : [];
        })
      : [];
    if (errors.length === 0) return sendError(res, 400, 'bad_request', 'Cần ít nhất một lỗi { path, message }.');
    ctx.pendingRefusals.push(errors);
    return sendJson(res, 200, { queued: ctx.pendingRefusals.length });
  }
  sendError(res, 404, 'not_found', 'Không có đường dẫn quản trị này.');
}
