// Retry delays: capped exponential backoff with full jitter, Retry-After honoured, kept short while the portal answers.

export type RandomSource = () => number;

export type BackoffPolicy = {
  /** first window, ms */
  baseMs: number;
  /** the exponential window never grows past this, ms */
  capMs: number;
  /** a Retry-After longer than this is treated as this (a broken header must not park a dossier for days) */
  maxRetryAfterMs: number;
  /** while the portal answers other requests, a dossier's window never grows past this, ms */
  healthyCapMs: number;
  /**
   * ...for this many failures in a row; past them the failure looks like this dossier's own (a body the portal chokes
   * on), and the window grows again from its first step so one dossier cannot keep the portal busy.
   */
  healthyAttempts: number;
};

export const defaultBackoffPolicy: BackoffPolicy = {
  baseMs: 1_000,
  capMs: 5 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
  // 5 s: a dossier that was unlucky while others go through comes back within seconds, not minutes (issue 12: one
  // dossier waited 216 s at 35% errors while the portal answered everyone else)
  healthyCapMs: 5_000,
  // at 35% random 5xx a dossier attempt (in-pass retries included) fails ~15% of the time: 8 in a row is ~3e-7
  healthyAttempts: 8,
};

/** Width of the jitter window after `attempt` consecutive failures (1-based): min(cap, base * 2^(attempt-1)). */
export function backoffWindow(attempt: number, policy: BackoffPolicy = defaultBackoffPolicy): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2^40 ms is far past any cap; stop doubling there so the number stays finite.
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(n - 1, 40));
}

/**
 * Delay before the next try, ms.
 * - No Retry-After: full jitter, uniform in [0, window) (AWS "Exponential Backoff And Jitter"): clients that failed
 *   together spread over the whole window instead of coming back in step.
 * - Retry-After R: never earlier than R (the portal said so), plus a jitter uniform in [0, spread) with
 *   spread = min(cap, max(window, R / 2)). Taking max(R, jittered) instead would send every client whose own
 *   jitter is shorter than R back at exactly R, all at once, the moment a maintenance window ends; spreading
 *   over half of R keeps that herd flat while still honouring the header.
 */
export function backoffDelay(
  attempt: number,
  random: RandomSource,
  retryAfterMs?: number,
  policy: BackoffPolicy = defaultBackoffPolicy,
): number {
  const window = backoffWindow(attempt, policy);
  const r = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs) || retryAfterMs <= 0) {
    return Math.floor(r * window);
  }
  const after = Math.min(retryAfterMs, policy.maxRetryAfterMs);
  const spread = Math.min(policy.capMs, Math.max(window, after / 2));
  return Math.ceil(after + r * spread);
}

/**
 * The delay before a dossier's next attempt after `attempt` failures in a row (1-based). It follows the portal's
 * health: while the portal answers other requests (`portalAnswering`), the window is capped at healthyCapMs for the
 * first healthyAttempts failures; when the portal answers nobody, it is the plain exponential backoff. A Retry-After is
 * always honoured.
 */
export function dossierRetryDelay(
  attempt: number,
  random: RandomSource,
  o: { retryAfterMs?: number; portalAnswering: boolean },
  policy: BackoffPolicy = defaultBackoffPolicy,
): number {
  const n = Math.max(1, Math.floor(attempt));
  if (!o.portalAnswering) return backoffDelay(n, random, o.retryAfterMs, policy);
  if (n > policy.healthyAttempts) return backoffDelay(n - policy.healthyAttempts, random, o.retryAfterMs, policy);
  const healthy = { ...policy, capMs: Math.min(policy.capMs, policy.healthyCapMs) };
  return backoffDelay(n, random, o.retryAfterMs, healthy);
}

/** mulberry32: a small seeded generator, so tests and simulations repeat exactly. */
export function seededRandom(seed: number): RandomSource {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
