// Tests a portal connection before it is saved: the address, the certificate, the secret and the PC's clock, named in Vietnamese.
import { formatDateTime } from '../../common/format';
import type { Clock } from '../ports';
import { createHttpPortalClient, type PortalFailure } from './portal-client';

/**
 * unreachable: nothing answered (DNS, refused, timeout, 5xx, maintenance): the only kind that may be saved anyway.
 * The others are answers that say the settings, the certificate or the PC are wrong: they are fixed first.
 */
export type PortalCheckProblem = 'insecure_url' | 'unreachable' | 'not_portal' | 'certificate' | 'secret' | 'clock';

export type PortalCheckResult =
  | { ok: true; skewMs: number }
  /** field: where the admin should look (null: the PC itself, e.g. its clock) */
  | {
      ok: false;
      problem: PortalCheckProblem;
      field: 'portalUrl' | 'secret' | null;
      message: string;
      /** the portal's protocol code (invalid_client...) or the system's (ECONNREFUSED...): for the log, never shown */
      code?: string;
    };

export type PortalCheckInput = {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  clock: Clock;
  fetch?: typeof fetch;
  /** per request (default 10 s: the admin waits in front of the form) */
  timeoutMs?: number;
};

// 5 minutes: the tolerance Kerberos and most OAuth servers give clocks; past it tokens and receipts go wrong
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** A portal address the app will talk to: https, or plain http only to this machine (development, the simulator). */
export function portalUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Địa chỉ cổng không hợp lệ. Hãy nhập đầy đủ, ví dụ https://dichvucong.gov.vn/api.';
  }
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && LOCAL_HOSTS.has(parsed.hostname)) return null;
  if (parsed.protocol === 'http:') {
    return 'Địa chỉ cổng phải bắt đầu bằng https:// để mật khẩu và hồ sơ công dân được mã hoá trên đường truyền (http:// chỉ dùng cho máy thử nghiệm 127.0.0.1 hoặc localhost).';
  }
  return 'Địa chỉ cổng phải bắt đầu bằng https://.';
}

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const REFUSED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE']);
const CERT_DATE = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

function isCertificate(code: string): boolean {
  return (
    CERT_DATE.has(code) ||
    code.includes('CERT') ||
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    code === 'EPROTO'
  );
}

type Fail = Extract<PortalCheckResult, { ok: false }>;

// OAuth2 (RFC 6749 §5.2): the client is known but not allowed this grant, i.e. the point's account is not enabled
const NOT_ENABLED = new Set(['unauthorized_client', 'access_denied']);

/** A refused agent code / secret, as a cause and what to do; the OAuth2 code itself goes to the log only. */
function secretRefused(f: Extract<PortalFailure, { kind: 'auth' }>): Fail {
  const message =
    f.status === 403 || (f.error !== undefined && NOT_ENABLED.has(f.error))
      ? 'Cổng từ chối mã đại lý hoặc mật khẩu kết nối: mã đại lý này chưa được cổng cho phép gửi hồ sơ (chưa kích hoạt hoặc đã bị tạm khoá). Hãy liên hệ đơn vị quản lý cổng để kích hoạt lại cho điểm.'
      : 'Cổng từ chối mã đại lý hoặc mật khẩu kết nối: mã đại lý không đúng, hoặc mật khẩu sai hay đã được cổng đổi. Hãy nhập lại đúng mã đại lý và mật khẩu mới nhất do cổng cấp cho điểm (chú ý chữ hoa, chữ thường); nếu vẫn bị từ chối, hãy liên hệ đơn vị quản lý cổng để cấp lại mật khẩu.';
  return { ok: false, problem: 'secret', field: 'secret', message };
}

/** The failure in words; the raw code behind it (invalid_client, SELF_SIGNED_CERT_IN_CHAIN...) kept apart for the log. */
function describeFailure(f: PortalFailure, url: URL, now: number): Fail {
  const described = describe(f, url, now);
  const code = f.kind === 'auth' ? f.error : f.kind === 'retry' ? f.cause : undefined;
  return code ? { ...described, code } : described;
}

function describe(f: PortalFailure, url: URL, now: number): Fail {
  const host = url.host;
  const fail = (problem: PortalCheckProblem, message: string, field: Fail['field'] = 'portalUrl'): Fail => ({
    ok: false,
    problem,
    field,
    message,
  });
  if (f.kind === 'auth') return secretRefused(f);
  if (f.kind === 'fix' || f.kind === 'conflict') {
    return fail('not_portal', `Địa chỉ ${host} trả lời nhưng không theo giao thức của cổng dịch vụ công. Hãy kiểm tra lại địa chỉ (đủ cả đường dẫn, ví dụ /api).`);
  }
  const code = f.cause ?? '';
  if (CERT_DATE.has(code)) {
    return fail(
      'certificate',
      `Chứng chỉ bảo mật của ${host} ${code === 'CERT_NOT_YET_VALID' ? 'chưa có hiệu lực' : 'đã hết hạn'} theo đồng hồ của máy này (máy đang ghi ${formatDateTime(now)}). Nếu ngày giờ của máy sai, hãy chỉnh lại đồng hồ máy tính; nếu đúng, hãy báo đơn vị quản lý cổng.`,
    );
  }
  if (code && isCertificate(code)) {
    return fail(
      'certificate',
      `Chứng chỉ bảo mật (TLS) của ${host} không được tin cậy, nên không gửi mật khẩu tới đó. Hãy kiểm tra địa chỉ cổng; nếu mạng của điểm dùng thiết bị chặn/kiểm tra HTTPS, hãy báo kỹ thuật.`,
    );
  }
  if (DNS.has(code)) {
    return fail('unreachable', `Không tìm thấy máy chủ "${url.hostname}". Hãy kiểm tra địa chỉ cổng (có gõ sai?) và kết nối Internet của máy.`);
  }
  if (REFUSED.has(code) || (f.reason === 'network' && code === '')) {
    return fail('unreachable', `Máy chủ ${host} không nhận kết nối. Hãy kiểm tra địa chỉ và cổng (port), hoặc thử lại khi cổng hoạt động.`);
  }
  if (f.reason === 'timeout') {
    return fail('unreachable', `Cổng ${host} không trả lời kịp. Hãy kiểm tra kết nối Internet của máy rồi thử lại.`);
  }
  if (f.reason === 'maintenance' || f.reason === 'server_error' || f.reason === 'rate_limited') {
    return fail('unreachable', `Cổng ${host} đang bảo trì hoặc gặp lỗi (mã ${f.status ?? '?'}). Hãy thử lại sau.`);
  }
  if (f.reason === 'token') {
    // a fresh token refused at once: the portal and this PC disagree about what time it is
    return fail('clock', 'Cổng cấp phiên truy cập nhưng từ chối ngay. Hãy kiểm tra ngày giờ của máy tính rồi thử lại.', null);
  }
  return fail('not_portal', `Địa chỉ ${host} trả lời không đúng giao thức của cổng dịch vụ công. Hãy kiểm tra lại địa chỉ.`);
}

function skewMessage(skewMs: number, now: number, portalTime: number): string {
  const minutes = Math.round(Math.abs(skewMs) / 60_000);
  const way = skewMs > 0 ? 'nhanh' : 'chậm';
  return `Đồng hồ của máy tính đang ${way} ${minutes} phút so với cổng (máy: ${formatDateTime(now)}, cổng: ${formatDateTime(portalTime)}). Hãy chỉnh ngày giờ của máy (bật "Đặt giờ tự động") rồi lưu lại.`;
}

/**
 * Saves nothing: fetches a token and makes one cheap call (GET /changes?limit=1) with the settings as typed, and
 * compares the portal's clock with ours. The first problem found is named, on the field the admin should look at.
 */
export async function checkPortalConnection(input: PortalCheckInput): Promise<PortalCheckResult> {
  const insecure = portalUrlProblem(input.baseUrl);
  if (insecure) return { ok: false, problem: 'insecure_url', field: 'portalUrl', message: insecure };
  const url = new URL(input.baseUrl);
  const timeoutMs = input.timeoutMs ?? 10_000;
  const client = createHttpPortalClient({
    baseUrl: input.baseUrl,
    clientId: input.clientId,
    clientSecret: input.clientSecret,
    clock: input.clock,
    ...(input.fetch ? { fetch: input.fetch } : {}),
    requestTimeoutMs: timeoutMs,
    // one quick second try: a single 5xx should not fail the test, a dead address should fail it at once
    retryDelaysMs: [300],
  });
  try {
    const health = await client.health();
    const now = input.clock.now();
    if (health.kind !== 'ok') return describeFailure(health, url, now);
    if (health.value.status !== 'ok') {
      return { ok: false, problem: 'unreachable', field: 'portalUrl', message: `Cổng ${url.host} đang bảo trì. Hãy thử lại sau.` };
    }
    const portalTime = Date.parse(health.value.time);
    const skewMs = Number.isFinite(portalTime) ? now - portalTime : 0;
    const changes = await client.getChanges(null, { limit: 1 });
    if (changes.kind !== 'ok') return describeFailure(changes, url, input.clock.now());
    if (Math.abs(skewMs) > MAX_CLOCK_SKEW_MS) {
      return { ok: false, problem: 'clock', field: null, message: skewMessage(skewMs, now, portalTime) };
    }
    return { ok: true, skewMs };
  } finally {
    // the test's token is not kept: the engine gets its own once the settings are saved
    await client.close().catch(() => undefined);
  }
}
