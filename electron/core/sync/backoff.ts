// Retry delays: capped exponential backoff with full jitter, Retry-After honoured, from an injected random source.

export type RandomSource = () => number;

export type BackoffPolicy = {
  /** first window, ms */
  baseMs: number;
  /** the exponential window never grows past this, ms */
  capMs: number;
  /** a Retry-After longer than this is treated as this (a broken header must not park a dossier for days) */
  maxRetryAfterMs: number;
};

export const defaultBackoffPolicy: BackoffPolicy = {
  baseMs: 1_000,
  capMs: 5 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
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
