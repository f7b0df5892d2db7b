// POST /dossiers with Idempotency-Key, GET /dossiers/{portalCode} and the GET /changes feed.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SupplementRequest } from '../../electron/core/sync/portal-protocol';
import type { SimContext } from './context';
import { canonicalJson, isoTime, readBody, sendError, sendJson } from './http-util';
import { statusMessages } from './lifecycle';
import {
  appendChange,
  bumpCounter,
  dossierHistory,
  getDossier,
  getIdempotency,
  listChanges,
  readCounters,
} from './store';
import { validateSubmission } from './validate';

function parseSupplement(json: string | null): SupplementRequest | null {
  return json ? (JSON.parse(json) as SupplementRequest) : null;
}

function nextPortalCode(ctx: SimContext): string {
  bumpCounter(ctx.db, 'portalCodeSeq');
  const seq = readCounters(ctx.db).portalCodeSeq ?? 1;
  const day = isoTime(ctx.now()).slice(2, 10).replace(/-/g, '');
  return `SIM.H01-${day}-${String(seq).padStart(6, '0')}`;
}

async function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: JSON.parse((await readBody(req, 1024 * 1024)).toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Commits the dossier, its key and its first feed entry in one transaction; returns the stored answer. */
function commitDossier(
  ctx: SimContext,
  clientId: string,
  key: string,
  bodyHash: string,
  value: unknown,
): object {
  const body = value as { procedureCode: string; localCode?: string };
  const now = ctx.now();
  return ctx.db.transaction(() => {
    const portalCode = nextPortalCode(ctx);
    const answer = { portalCode, status: 'received', receivedAt: isoTime(now) };
    ctx.db
      .prepare(
        `INSERT INTO dossiers (portal_code, client_id, idempotency_key, local_code, procedure_code, body_json, status,
           received_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'received', ?, ?)`,
      )
      .run(
        portalCode,
        clientId,
        key,
        body.localCode ?? null,
        body.procedureCode,
        JSON.stringify(value),
        now,
        now,
      );
    ctx.db
      .prepare(
        `INSERT INTO idempotency (client_id, key, body_hash, status_code, response_json, portal_code, created_at)
         VALUES (?, ?, ?, 201, ?, ?, ?)`,
      )
      .run(clientId, key, bodyHash, JSON.stringify(answer), portalCode, now);
    appendChange(ctx.db, {
      clientId,
      portalCode,
      status: 'received',
      at: now,
      message: statusMessages.received,
      supplementJson: null,
    });
    return answer;
  })();
}

export async function handleSubmit(
  ctx: SimContext,
  clientId: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const socket = req.socket;
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(key)) {
    sendError(res, 400, 'idempotency_key_required', 'Thiếu tiêu đề Idempotency-Key (1–255 ký tự ASCII).');
    return;
  }
  const parsed = await readJson(req);
  if (!parsed.ok) {
    sendError(res, 400, 'invalid_json', 'Nội dung gửi lên không phải JSON hợp lệ.');
    return;
  }
  const { faults } = ctx;
  const reset = faults.chance(faults.faults.resetRate);
  const afterCommit = reset && faults.random() < faults.faults.resetAfterCommitShare;
  if (reset && !afterCommit) {
    bumpCounter(ctx.db, 'resetsBeforeCommit');
    socket.destroy();
    return;
  }
  const bodyHash = createHash('sha256').update(canonicalJson(parsed.value)).digest('hex');
  const previous = getIdempotency(ctx.db, clientId, key);
  if (previous && previous.body_hash === bodyHash) {
    bumpCounter(ctx.db, 'duplicateReplays');
    sendJson(res, previous.status_code, JSON.parse(previous.response_json), {
      'Idempotent-Replayed': 'true',
    });
    return;
  }
  if (previous) {
    bumpCounter(ctx.db, 'idempotencyConflicts');
    sendError(
      res,
      409,
      'idempotency_key_reused',
      'Khoá Idempotency-Key này đã dùng cho một hồ sơ khác nội dung.',
    );
    return;
  }
  // A refusal binds nothing: the agent fixes the dossier and sends it again under the same key.
  const validation = validateSubmission(ctx, clientId, parsed.value);
  if (!validation.ok) {
    bumpCounter(ctx.db, 'validationRefusals');
    sendError(res, 422, 'validation_failed', 'Hồ sơ chưa hợp lệ, cần sửa trước khi nộp lại.', {
      errors: validation.errors,
    });
    return;
  }
  const answer = commitDossier(ctx, clientId, key, bodyHash, parsed.value);
  const lostOnPurpose = ctx.pendingLostAnswers > 0;
  if (lostOnPurpose) ctx.pendingLostAnswers -= 1;
  if (afterCommit || lostOnPurpose) {
    bumpCounter(ctx.db, 'resetsAfterCommit');
    socket.destroy();
    return;
  }
  sendJson(res, 201, answer);
}

export function handleGetDossier(
  ctx: SimContext,
  clientId: string,
  portalCode: string,
  res: ServerResponse,
): void {
  const row = getDossier(ctx.db, portalCode);
  if (!row || row.client_id !== clientId) {
    sendError(res, 404, 'not_found', `Không có hồ sơ mã ${portalCode}.`);
    return;
  }
  sendJson(res, 200, {
    portalCode: row.portal_code,
    idempotencyKey: row.idempotency_key,
    localCode: row.local_code,
    procedureCode: row.procedure_code,
    status: row.status,
    receivedAt: isoTime(row.received_at),
    updatedAt: isoTime(row.updated_at),
    supplementRequest: row.status === 'supplement_requested' ? parseSupplement(row.supplement_json) : null,
    history: dossierHistory(ctx.db, portalCode).map((h) => ({
      status: h.status,
      at: isoTime(h.at),
      message: h.message,
    })),
  });
}

export function handleChanges(ctx: SimContext, clientId: string, url: URL, res: ServerResponse): void {
  const cursor = url.searchParams.get('cursor') ?? '';
  if (cursor !== '' && !/^\d{1,15}$/.test(cursor)) {
    sendError(res, 400, 'invalid_cursor', 'Con trỏ (cursor) không hợp lệ.');
    return;
  }
  const limitParam = Number(url.searchParams.get('limit') ?? 100);
  const limit = Number.isInteger(limitParam) ? Math.min(500, Math.max(1, limitParam)) : 100;
  const rows = listChanges(ctx.db, clientId, cursor === '' ? 0 : Number(cursor), limit);
  const changes = rows.map((r) => {
    const supplement = parseSupplement(r.supplement_json);
    return {
      seq: r.seq,
      portalCode: r.portal_code,
      idempotencyKey: r.idempotency_key,
      status: r.status,
      at: isoTime(r.at),
      message: r.message,
      ...(supplement ? { supplementRequest: supplement } : {}),
    };
  });
  const last = rows.at(-1);
  sendJson(res, 200, { changes, nextCursor: last ? String(last.seq) : cursor === '' ? '0' : cursor });
}
