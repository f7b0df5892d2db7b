// Backoff: full-jitter delays stay in bounds, Retry-After is honoured, and 1,000 clients do not come back in step.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  backoffDelay,
  backoffWindow,
  defaultBackoffPolicy,
  dossierRetryDelay,
  seededRandom,
} from '../../electron/core/sync/backoff';
import { createPortalHealth } from '../../electron/core/sync/portal-health';

const policy = defaultBackoffPolicy;

describe('backoff delays', () => {
  it('stay within [0, min(cap, base * 2^(n-1))) and use the whole window', () => {
    const random = seededRandom(1);
    for (let attempt = 1; attempt <= 30; attempt++) {
      const window = backoffWindow(attempt, policy);
      expect(window).toBe(Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1)));
      const samples = Array.from({ length: 2_000 }, () => backoffDelay(attempt, random));
      expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...samples)).toBeLessThan(window);
      // full jitter: the delays cover the window (not bunched at its end), mean about half of it
      expect(Math.max(...samples)).toBeGreaterThan(window * 0.97);
      const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
      expect(Math.abs(mean / window - 0.5)).toBeLessThan(0.04);
    }
    expect(backoffWindow(1_000, policy)).toBe(policy.capMs);
    expect(Number.isFinite(backoffDelay(1e9, random))).toBe(true);
  });

  it('never come earlier than Retry-After, and spread after it', () => {
    const random = seededRandom(2);
    for (const [attempt, retryAfter] of [
      [1, 1_000],
      [1, 30_000],
      [6, 5_000],
      [12, 120_000],
    ] as const) {
      const spread = Math.min(policy.capMs, Math.max(backoffWindow(attempt, policy), retryAfter / 2));
      const samples = Array.from({ length: 2_000 }, () => backoffDelay(attempt, random, retryAfter));
      expect(Math.min(...samples)).toBeGreaterThanOrEqual(retryAfter);
      expect(Math.max(...samples)).toBeLessThanOrEqual(retryAfter + spread);
      expect(Math.max(...samples) - Math.min(...samples)).toBeGreaterThan(spread * 0.9);
    }
    // a broken header (a year) is clamped to the policy's maximum, not obeyed blindly
    const year = 365 * 24 * 3600_000;
    const d = backoffDelay(1, random, year);
    expect(d).toBeGreaterThanOrEqual(policy.maxRetryAfterMs);
    expect(d).toBeLessThanOrEqual(policy.maxRetryAfterMs + policy.capMs);
    // no / invalid Retry-After: plain full jitter
    expect(backoffDelay(1, () => 0.5, undefined)).toBe(500);
    expect(backoffDelay(1, () => 0.5, Number.NaN)).toBe(500);
  });

  it('repeats exactly from the same seed', () => {
    const a = seededRandom(99);
    const b = seededRandom(99);
    const xs = Array.from({ length: 50 }, (_, i) => backoffDelay(i + 1, a));
    const ys = Array.from({ length: 50 }, (_, i) => backoffDelay(i + 1, b));
    expect(xs).toEqual(ys);
  });
});

describe("a dossier's backoff follows the portal's health", () => {
  it('while the portal answers others, an unlucky dossier waits seconds, never minutes', () => {
    const random = seededRandom(5);
    // issue 12: one dossier failed 13 passes in a row and its waits grew to 216 s while the portal answered everyone else
    let waited = 0;
    for (let attempt = 1; attempt <= 13; attempt++) {
      const d = dossierRetryDelay(attempt, random, { portalAnswering: true });
      if (attempt <= policy.healthyAttempts) expect(d).toBeLessThan(policy.healthyCapMs);
      waited += d;
    }
    expect(Math.max(...Array.from({ length: 500 }, () => dossierRetryDelay(13, random, { portalAnswering: true })))).toBeLessThan(
      backoffWindow(13 - policy.healthyAttempts, policy),
    );
    expect(waited).toBeLessThan(60_000);
  });

  it('when the portal answers nobody, the same failures back off exponentially to minutes', () => {
    const random = seededRandom(6);
    const samples = Array.from({ length: 500 }, () => dossierRetryDelay(10, random, { portalAnswering: false }));
    expect(Math.max(...samples)).toBeGreaterThan(4 * 60_000);
    // and a dossier the portal keeps failing on its own (past healthyAttempts) grows again, from the first window
    const own = Array.from({ length: 500 }, () => dossierRetryDelay(policy.healthyAttempts + 6, random, { portalAnswering: true }));
    expect(Math.max(...own)).toBeGreaterThan(policy.healthyCapMs * 4);
  });

  it('honours Retry-After even while the portal answers', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 200; i++) {
      expect(dossierRetryDelay(1, random, { portalAnswering: true, retryAfterMs: 30_000 })).toBeGreaterThanOrEqual(30_000);
    }
  });

  it('"answering" means an answer within the last 15 s', () => {
    let now = 1_000_000;
    const health = createPortalHealth({ now: () => now });
    expect(health.answering()).toBe(false);
    health.answered();
    now += 14_000;
    expect(health.answering()).toBe(true);
    now += 2_000;
    expect(health.answering()).toBe(false);
  });
});

/** Clients that all fail at t=0 and retry until the portal is back; returns when each one got through (ms). */
async function comeback(
  clients: number,
  outageMs: number,
  retryAfterMs?: number,
  jitter = true,
): Promise<number[]> {
  const start = Date.now();
  const arrivals: number[] = [];
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  const client = async (i: number) => {
    const random = jitter ? seededRandom(1_000 + i) : () => 0.999_999;
    for (let attempt = 1; ; attempt++) {
      const now = Date.now() - start;
      if (now >= outageMs) {
        arrivals.push(now - outageMs);
        return;
      }
      await sleep(backoffDelay(attempt, random, retryAfterMs));
    }
  };
  const all = Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  // after the outage every client is back within one capped window (plus Retry-After and its spread)
  await vi.advanceTimersByTimeAsync(
    outageMs + (retryAfterMs ?? 0) * 1.5 + defaultBackoffPolicy.capMs + 1_000,
  );
  await all;
  return arrivals;
}

function busiestSecond(arrivals: number[]): number {
  const buckets = new Map<number, number>();
  for (const a of arrivals) buckets.set(Math.floor(a / 1000), (buckets.get(Math.floor(a / 1000)) ?? 0) + 1);
  return Math.max(...buckets.values());
}

describe('1,000 clients coming back from an outage', () => {
  afterEach(() => vi.useRealTimers());

  it('do not retry in step (full jitter)', { timeout: 180_000 }, async () => {
    vi.useFakeTimers();
    const arrivals = await comeback(1_000, 90_000);
    expect(arrivals).toHaveLength(1_000);
    const busiest = busiestSecond(arrivals);
    const spreadS = (Math.max(...arrivals) - Math.min(...arrivals)) / 1000;
    console.log(
      `[backoff] full jitter: busiest second ${busiest} of 1000 clients, arrivals spread over ${spreadS.toFixed(0)} s`,
    );
    expect(busiest).toBeLessThan(60);
    expect(spreadS).toBeGreaterThan(30);
    // the same clients without jitter all arrive in the same second: the herd the jitter prevents
    vi.useRealTimers();
    vi.useFakeTimers();
    const inStep = await comeback(1_000, 90_000, undefined, false);
    expect(busiestSecond(inStep)).toBe(1_000);
  });

  it(
    'spread after a common Retry-After instead of all arriving when it ends',
    // simulated time, but 1,000 clients of real work: a loaded CI box needs more than the default
    { timeout: 180_000 },
    async () => {
      vi.useFakeTimers();
      const arrivals = await comeback(1_000, 60_000, 60_000);
      expect(Math.min(...arrivals)).toBeGreaterThanOrEqual(0);
      const busiest = busiestSecond(arrivals);
      console.log(`[backoff] Retry-After 60 s: busiest second ${busiest} of 1000 clients`);
      expect(busiest).toBeLessThan(70);
      // nobody waited longer than Retry-After plus its spread
      expect(Math.max(...arrivals)).toBeLessThanOrEqual(30_000);
    },
  );
});
