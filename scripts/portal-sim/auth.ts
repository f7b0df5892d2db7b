// OAuth2 client credentials for the simulator: token issue, revocation (RFC 7009) and bearer checks with the revoke fault.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from './context';
import { readBody, sendError, sendJson } from './http-util';
import { bumpCounter } from './store';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Reads client credentials from HTTP Basic or from the form/JSON body, as RFC 6749 §2.3.1 allows. */
async function readClientRequest(req: IncomingMessage): Promise<Record<string, string>> {
  const raw = (await readBody(req, 64 * 1024)).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  const fields: Record<string, string> = {};
  if (type.includes('application/json')) {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (parsed && typeof parsed === 'object') {
      for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') fields[k] = v;
    }
  } else {
    for (const [k, v] of new URLSearchParams(raw)) fields[k] = v;
  }
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      fields.client_id = decodeURIComponent(decoded.slice(0, colon));
      fields.client_secret = decodeURIComponent(decoded.slice(colon + 1));
    }
  }
  return fields;
}

function knownClient(ctx: SimContext, id: string | undefined, secret: string | undefined): boolean {
  if (!id || !secret) return false;
  return ctx.clients.some((c) => c.clientId === id && safeEqual(c.clientSecret, secret));
}

export async function handleToken(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const fields = await readClientRequest(req);
  if (fields.grant_type !== 'client_credentials') {
    sendError(res, 400, 'unsupported_grant_type', 'Chỉ hỗ trợ grant_type=client_credentials.');
    return;
  }
  if (!knownClient(ctx, fields.client_id, fields.client_secret)) {
    sendError(res, 401, 'invalid_client', 'Mã đại lý hoặc khoá bí mật không đúng.', {
      headers: { 'WWW-Authenticate': 'Basic realm="portal"' },
    });
    return;
  }
  const token = randomBytes(32).toString('base64url');
  const now = ctx.now();
  ctx.db
    .prepare('INSERT INTO tokens (token_hash, client_id, issued_at, expires_at) VALUES (?, ?, ?, ?)')
    .run(hashToken(token), fields.client_id, now, now + ctx.tokenTtlS * 1000);
  bumpCounter(ctx.db, 'tokensIssued');
  sendJson(res, 200, { access_token: token, token_type: 'Bearer', expires_in: ctx.tokenTtlS });
}

export async function handleRevoke(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const fields = await readClientRequest(req);
  if (!knownClient(ctx, fields.client_id, fields.client_secret)) {
    sendError(res, 401, 'invalid_client', 'Mã đại lý hoặc khoá bí mật không đúng.');
    return;
  }
  if (fields.token) {
    ctx.db
      .prepare(
        'UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND client_id = ? AND revoked_at IS NULL',
      )
      .run(ctx.now(), hashToken(fields.token), fields.client_id);
  }
  // RFC 7009 §2.2: 200 whether or not the token was known.
  sendJson(res, 200, {});
}

export function revokeAllTokens(ctx: SimContext): number {
  const result = ctx.db.prepare('UPDATE tokens SET revoked_at = ? WHERE revoked_at IS NULL').run(ctx.now());
  bumpCounter(ctx.db, 'revokedTokens', result.changes);
  return result.changes;
}

function refuse(res: ServerResponse, message: string): null {
  sendError(res, 401, 'invalid_token', message, {
    headers: { 'WWW-Authenticate': 'Bearer realm="portal", error="invalid_token"' },
  });
  return null;
}

/** The client id behind a valid bearer token, or null after answering 401. */
export function authenticate(ctx: SimContext, req: IncomingMessage, res: ServerResponse): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) return refuse(res, 'Thiếu mã truy cập (access token).');
  const tokenHash = hashToken(match[1]);
  const row = ctx.db
    .prepare('SELECT client_id, expires_at, revoked_at FROM tokens WHERE token_hash = ?')
    .get(tokenHash) as { client_id: string; expires_at: number; revoked_at: number | null } | undefined;
  if (!row) return refuse(res, 'Mã truy cập không hợp lệ.');
  if (row.revoked_at !== null) return refuse(res, 'Mã truy cập đã bị thu hồi.');
  if (row.expires_at <= ctx.now()) return refuse(res, 'Mã truy cập đã hết hạn.');
  if (ctx.faults.chance(ctx.faults.faults.revokeRate)) {
    ctx.db.prepare('UPDATE tokens SET revoked_at = ? WHERE token_hash = ?').run(ctx.now(), tokenHash);
    bumpCounter(ctx.db, 'revokedTokens');
    return refuse(res, 'Mã truy cập đã bị thu hồi.');
  }
  return row.client_id;
}
