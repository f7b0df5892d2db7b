// HTTP transport for the portal client: cached OAuth2 token with refresh, short in-pass retries, failure classification.
import type { Clock } from '../ports';
import type { RandomSource } from './backoff';
import type { BodyRequester } from './portal-body-request';
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
  /** the system error code behind a network failure (ENOTFOUND, ECONNREFUSED, CERT_HAS_EXPIRED...), for diagnosis */
  cause?: string;
};
/** The portal refused the content: the agent must fix the dossier (field paths + Vietnamese messages). */
export type PortalFix = { kind: 'fix'; status: number; errors: PortalFieldError[] };
/** The idempotency key was already used with a different body. */
export type PortalConflict = { kind: 'conflict'; message: string };
/** The agent code / secret are refused: nothing will succeed until the settings are fixed. */
export type PortalAuthFailure = {
  kind: 'auth';
  status: number;
  message: string;
  /** the OAuth2 error code when the portal gave one (invalid_client, invalid_grant...) */
  error?: string;
};
export type PortalFailure = PortalRetry | PortalFix | PortalConflict | PortalAuthFailure;
export type PortalResult<T> = { kind: 'ok'; value: T } | PortalFailure;

export type TransportOptions = {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  clock: Clock;
  fetch: typeof fetch;
  /** upload bodies with Expect: 100-continue; absent: bodies go through `fetch` */
  bodyRequest?: BodyRequester;
  /** jitter of the in-pass retry delays (default Math.random) */
  random?: RandomSource;
  /** waits between in-pass retries (tests make it instant) */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** delays before each in-pass retry of a transient failure, ms, each jittered x0.5..1.5 (default 150, 400, 1000) */
  retryDelaysMs?: readonly number[];
  /**
   * when upload bodies ask first (Expect: 100-continue): 'after-trouble' (default) only within a minute of a refusal,
   * reset or timeout, when a refusal is likely; 'always' on every chunk
   */
  expectContinue?: 'after-trouble' | 'always';
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
  /** retry transient failures within this call (default true); a tus PATCH resyncs its offset instead */
  retry?: boolean;
  /** a large body: ask the portal first (Expect: 100-continue) so a refusal costs no body bytes */
  expectContinue?: boolean;
  /** body bytes handed to the network */
  onSent?(bytes: number): void;
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
  extra: { status?: number; retryAfterMs?: number; cause?: string } = {},
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
  /** Sends the request; on 401 drops the token, gets a new one and sends once more; retries transient failures. */
  send(req: PortalRequest): Promise<{ kind: 'ok'; value: Response } | PortalFailure>;
  resolve(url: string): string;
  revokeToken(): Promise<void>;
  now(): number;
  /** a short jittered pause between in-pass retries (the n-th, 0-based); false when this call has no retry left */
  pause(n: number, signal?: AbortSignal): Promise<boolean>;
  /**
   * a valid access token in hand (cached, or fetched now): proves the agent code and secret are accepted. `renew`
   * drops the cached one first, so the portal is asked now (a token given before it changed the secret proves nothing)
   */
  authorize(renew?: boolean): Promise<PortalResult<null>>;
};

/** The system error code behind a failed request: undici hides it in `cause`, node:http puts it on the error. */
export function networkCause(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

// Asking first costs one more round trip per chunk (120 ms a MiB chunk at the bench's latency; on localhost under load
// it did not show in bench:sync's noise). It pays only while the portal refuses: at 35% 5xx, tus-js-client (which never
// asks) put 1.95x the payload on the wire, we 1.06x (docs/BENCHMARKS.md). So: ask for a minute after any trouble.
const EXPECT_AFTER_TROUBLE_MS = 60_000;

// In-pass retries: a 5xx, a reset or a timeout is usually gone a second later. Waiting out a Retry-After longer than
// this is the dossier backoff's job, not the request's.
const MAX_INPASS_RETRY_AFTER_MS = 2_000;
const DEFAULT_RETRY_DELAYS_MS = [150, 400, 1_000];

function retriesFor(failure: PortalRetry, budget: number): number {
  if (failure.retryAfterMs !== undefined && failure.retryAfterMs > MAX_INPASS_RETRY_AFTER_MS) return 0;
  if (failure.reason === 'maintenance' && failure.retryAfterMs === undefined) return 0;
  // a request that already waited its whole timeout is tried once more at most
  return failure.reason === 'timeout' ? Math.min(1, budget) : budget;
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('aborted');
}

const abortableSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export function createTransport(opts: TransportOptions): PortalTransport {
  let token: CachedToken | null = null;
  let pending: Promise<PortalResult<CachedToken>> | null = null;
  const random = opts.random ?? Math.random;
  const sleep = opts.sleep ?? abortableSleep;
  const delays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const resolve = (url: string) =>
    new URL(url, opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`).toString();
  /** when the portal last refused, cut or timed out a request */
  let troubleAt = Number.NEGATIVE_INFINITY;
  const askFirst = (): boolean =>
    opts.expectContinue === 'always' || opts.clock.now() - troubleAt < EXPECT_AFTER_TROUBLE_MS;

  async function pause(n: number, signal?: AbortSignal): Promise<boolean> {
    const base = delays[n];
    if (base === undefined) return false;
    await sleep(Math.round(base * (0.5 + random())), signal);
    return true;
  }

  async function rawFetch(req: PortalRequest, bearer: string | null): Promise<PortalResult<Response>> {
    const timeout = AbortSignal.timeout(req.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const headers = { ...req.headers, ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) };
    try {
      if (opts.bodyRequest && req.expectContinue && req.body instanceof Uint8Array) {
        const res = await opts.bodyRequest({
          url: resolve(req.url),
          method: req.method,
          headers,
          body: req.body,
          timeoutMs: req.timeoutMs,
          signal: req.signal ?? new AbortController().signal,
          expectContinue: askFirst(),
          onSent: (n) => req.onSent?.(n),
        });
        return { kind: 'ok', value: res };
      }
      if (req.body instanceof Uint8Array) req.onSent?.(req.body.length);
      const res = await opts.fetch(resolve(req.url), { method: req.method, headers, body: req.body, signal });
      return { kind: 'ok', value: res };
    } catch (error) {
      if (req.signal?.aborted) throw req.signal.reason;
      const cause = networkCause(error);
      const timedOut = timeout.aborted || cause === 'ETIMEDOUT';
      return retry(timedOut ? 'timeout' : 'network', cause ? { cause } : {});
    }
  }

  /** One request; a 5xx answer is turned into its failure here, so the retry loop sees it. */
  async function attempt(req: PortalRequest, bearer: string | null): Promise<PortalResult<Response>> {
    const sent = await rawFetch(req, bearer);
    if (sent.kind !== 'ok') {
      troubleAt = opts.clock.now();
      return sent;
    }
    const status = sent.value.status;
    if (status >= 500 || status === 408 || status === 429 || status === 401) troubleAt = opts.clock.now();
    if (status >= 500 || status === 408 || status === 429) return classifyResponse(sent.value, opts.clock.now());
    return sent;
  }

  /** Retries what is worth retrying at once; `fn` is one try. */
  async function withRetries<T>(
    req: PortalRequest,
    fn: () => Promise<PortalResult<T>>,
  ): Promise<PortalResult<T>> {
    for (let n = 0; ; n++) {
      const got = await fn();
      if (got.kind !== 'retry' || req.retry === false || n >= retriesFor(got, delays.length)) return got;
      if (got.retryAfterMs !== undefined) await sleep(got.retryAfterMs, req.signal);
      else if (!(await pause(n, req.signal))) return got;
    }
  }

  async function fetchToken(): Promise<PortalResult<CachedToken>> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: opts.clientId,
      client_secret: opts.clientSecret,
    });
    const req: PortalRequest = {
      method: 'POST',
      url: 'oauth/token',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      timeoutMs: 15_000,
    };
    const sent = await withRetries(req, () => attempt(req, null));
    if (sent.kind !== 'ok') return sent;
    const res = sent.value;
    if (res.status === 400 || res.status === 401) {
      const body = errorBodySchema.safeParse(await res.json().catch(() => null)).data;
      return { kind: 'auth', status: res.status, message: AUTH_MESSAGE, ...(body?.error ? { error: body.error } : {}) };
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

  /** One authenticated try: a 401 (expired or revoked before we thought) gets one fresh token and one more send. */
  async function authenticated(req: PortalRequest): Promise<PortalResult<Response>> {
    for (let n = 0; ; n++) {
      const t = await currentToken();
      if (t.kind !== 'ok') return t;
      const sent = await attempt(req, t.value.value);
      if (sent.kind !== 'ok' || sent.value.status !== 401) return sent;
      await sent.value.body?.cancel();
      if (token === t.value) token = null;
      // The token endpoint accepted our credentials, so a second 401 is token churn, not a settings problem.
      if (n > 0) return retry('token', { status: 401 });
    }
  }

  async function send(req: PortalRequest): Promise<PortalResult<Response>> {
    if (req.auth === false) return withRetries(req, () => attempt(req, null));
    // The token is for the portal only: never hand it to another origin (a stale or foreign upload URL).
    if (new URL(resolve(req.url)).origin !== new URL(resolve('')).origin) {
      return {
        kind: 'fix',
        status: 0,
        errors: [{ path: 'uploadUrl', message: 'Địa chỉ tải lên không thuộc cổng đã cấu hình.' }],
      };
    }
    return withRetries(req, () => authenticated(req));
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

  async function authorize(renew = false): Promise<PortalResult<null>> {
    if (renew && !pending) token = null;
    const t = await currentToken();
    return t.kind === 'ok' ? { kind: 'ok', value: null } : t;
  }

  return { send, resolve, revokeToken, now: () => opts.clock.now(), pause, authorize };
}
