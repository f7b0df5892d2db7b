// HTTP transport for the portal client: cached OAuth2 token with refresh, per-request timeouts, failure classification.
import type { Clock } from '../ports';
import type { PortalFieldError } from './portal-protocol';
import { errorBodySchema, tokenResponseSchema } from './portal-protocol';

export type RetryReason =
  'network' | 'timeout' | 'rate_limited' | 'maintenance' | 'server_error' | 'token' | 'protocol';

/** Transient: try again later (after retryAfterMs when the portal said so). */
export type PortalRetry = {
  kind: 'retry';
  reason: RetryReason;
  status?: number;
  retryAfterMs?: number;
  message: string;
};
/** The portal refused the content: the agent must fix the dossier (field paths + Vietnamese messages). */
export type PortalFix = { kind: 'fix'; status: number; errors: PortalFieldError[] };
/** The idempotency key was already used with a different body. */
export type PortalConflict = { kind: 'conflict'; message: string };
/** The agent code / secret are refused: nothing will succeed until the settings are fixed. */
export type PortalAuthFailure = { kind: 'auth'; status: number; message: string };
export type PortalFailure = PortalRetry | PortalFix | PortalConflict | PortalAuthFailure;
export type PortalResult<T> = { kind: 'ok'; value: T } | PortalFailure;

export type TransportOptions = {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  clock: Clock;
  fetch: typeof fetch;
};

export type PortalRequest = {
  method: string;
  /** absolute URL, or a path resolved against baseUrl */
  url: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** send a bearer token (default true) */
  auth?: boolean;
};

const retryMessages: Record<RetryReason, string> = {
  network: 'Không kết nối được cổng dịch vụ công.',
  timeout: 'Cổng dịch vụ công không phản hồi kịp.',
  rate_limited: 'Cổng đang giới hạn số yêu cầu; sẽ tự gửi lại sau.',
  maintenance: 'Cổng dịch vụ công đang bảo trì; sẽ tự gửi lại sau.',
  server_error: 'Cổng dịch vụ công đang gặp lỗi; sẽ tự gửi lại sau.',
  token: 'Phiên truy cập cổng vừa hết hiệu lực; sẽ tự gửi lại sau.',
  protocol: 'Cổng trả lời không đúng định dạng; sẽ tự gửi lại sau.',
};
const AUTH_MESSAGE = 'Cổng từ chối mã đại lý hoặc khoá bí mật. Hãy kiểm tra phần Cài đặt kết nối cổng.';

export function retry(
  reason: RetryReason,
  extra: { status?: number; retryAfterMs?: number } = {},
): PortalRetry {
  return { kind: 'retry', reason, message: retryMessages[reason], ...extra };
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in ms from now. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Turns a non-2xx answer into the failure the sync engine acts on; reads (and so releases) the body. */
export async function classifyResponse(res: Response, nowMs: number): Promise<PortalFailure> {
  const text = await res.text().catch(() => '');
  let body: ReturnType<typeof errorBodySchema.safeParse>['data'];
  try {
    body = errorBodySchema.safeParse(JSON.parse(text)).data;
  } catch {
    body = undefined;
  }
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), nowMs);
  const status = res.status;
  if (status === 429) return retry('rate_limited', { status, retryAfterMs });
  if (status === 503 && (body?.error === 'maintenance' || retryAfterMs !== undefined)) {
    return retry('maintenance', { status, retryAfterMs });
  }
  if (status === 408) return retry('timeout', { status, retryAfterMs });
  if (status >= 500) return retry('server_error', { status, retryAfterMs });
  if (status === 409)
    return { kind: 'conflict', message: body?.message ?? 'Khoá gửi hồ sơ đã dùng cho nội dung khác.' };
  if (status === 401 || status === 403)
    return { kind: 'auth', status, message: body?.message ?? AUTH_MESSAGE };
  if (status >= 400) {
    const errors = body?.errors?.length
      ? body.errors
      : [{ path: '', message: body?.message ?? `Cổng từ chối yêu cầu (mã ${status}).` }];
    return { kind: 'fix', status, errors };
  }
  return retry('protocol', { status });
}

type CachedToken = { value: string; expiresAt: number; refreshAt: number };

export type PortalTransport = {
  /** Sends the request; on 401 drops the token, gets a new one and sends once more. */
  send(req: PortalRequest): Promise<{ kind: 'ok'; value: Response } | PortalFailure>;
  resolve(url: string): string;
  revokeToken(): Promise<void>;
  now(): number;
};

export function createTransport(opts: TransportOptions): PortalTransport {
  let token: CachedToken | null = null;
  let pending: Promise<PortalResult<CachedToken>> | null = null;
  const resolve = (url: string) =>
    new URL(url, opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`).toString();

  async function rawFetch(req: PortalRequest, bearer: string | null): Promise<PortalResult<Response>> {
    const timeout = AbortSignal.timeout(req.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    try {
      const headers = { ...req.headers, ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) };
      const res = await opts.fetch(resolve(req.url), { method: req.method, headers, body: req.body, signal });
      return { kind: 'ok', value: res };
    } catch {
      if (req.signal?.aborted) throw req.signal.reason;
      return retry(timeout.aborted ? 'timeout' : 'network');
    }
  }

  async function fetchToken(): Promise<PortalResult<CachedToken>> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: opts.clientId,
      client_secret: opts.clientSecret,
    });
    const sent = await rawFetch(
      {
        method: 'POST',
        url: 'oauth/token',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        timeoutMs: 15_000,
      },
      null,
    );
    if (sent.kind !== 'ok') return sent;
    const res = sent.value;
    if (res.status === 400 || res.status === 401) {
      await res.body?.cancel();
      return { kind: 'auth', status: res.status, message: AUTH_MESSAGE };
    }
    if (!res.ok) return classifyResponse(res, opts.clock.now());
    const parsed = tokenResponseSchema.safeParse(await res.json().catch(() => null));
    if (!parsed.success) return retry('protocol', { status: res.status });
    const now = opts.clock.now();
    const lifetimeMs = parsed.data.expires_in * 1000;
    // Refresh a little early so a token does not expire in flight: 10% of its life, at most 30 s.
    const skew = Math.min(30_000, lifetimeMs * 0.1);
    return {
      kind: 'ok',
      value: {
        value: parsed.data.access_token,
        expiresAt: now + lifetimeMs,
        refreshAt: now + lifetimeMs - skew,
      },
    };
  }

  async function currentToken(): Promise<PortalResult<CachedToken>> {
    if (token && opts.clock.now() < token.refreshAt) return { kind: 'ok', value: token };
    pending ??= fetchToken().finally(() => (pending = null));
    const got = await pending;
    if (got.kind === 'ok') token = got.value;
    return got;
  }

  async function send(req: PortalRequest): Promise<PortalResult<Response>> {
    if (req.auth === false) return rawFetch(req, null);
    // The token is for the portal only: never hand it to another origin (a stale or foreign upload URL).
    if (new URL(resolve(req.url)).origin !== new URL(resolve('')).origin) {
      return {
        kind: 'fix',
        status: 0,
        errors: [{ path: 'uploadUrl', message: 'Địa chỉ tải lên không thuộc cổng đã cấu hình.' }],
      };
    }
    for (let attempt = 0; ; attempt++) {
      const t = await currentToken();
      if (t.kind !== 'ok') return t;
      const sent = await rawFetch(req, t.value.value);
      if (sent.kind !== 'ok' || sent.value.status !== 401) return sent;
      // Expired or revoked before we thought: forget it and try once with a fresh one.
      await sent.value.body?.cancel();
      if (token === t.value) token = null;
      // The token endpoint accepted our credentials, so a second 401 is token churn, not a settings problem.
      if (attempt > 0) return retry('token', { status: 401 });
    }
  }

  async function revokeToken(): Promise<void> {
    const current = token;
    token = null;
    if (!current) return;
    const form = new URLSearchParams({
      token: current.value,
      client_id: opts.clientId,
      client_secret: opts.clientSecret,
    });
    const sent = await rawFetch(
      {
        method: 'POST',
        url: 'oauth/revoke',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        timeoutMs: 5_000,
      },
      null,
    );
    if (sent.kind === 'ok') await sent.value.body?.cancel();
  }

  return { send, resolve, revokeToken, now: () => opts.clock.now() };
}
