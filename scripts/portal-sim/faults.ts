// Fault injection state: a seeded random source, maintenance windows, a per-address rate limit and bandwidth pacing.
import { defaultFaults, pickFaults, type SimFaults } from './options';

/** mulberry32: small, fast, good enough to make fault sequences repeatable from a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable number in [0,1) for (seed, text): decisions about one dossier do not depend on request order. */
export function hashedRandom(seed: number, text: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return seededRandom(h)();
}

const transientStatuses = [500, 502, 503, 504];

export class FaultState {
  faults: SimFaults;
  readonly random: () => number;
  private maintenanceUntil = 0;
  private readonly startedAt: number;
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(initial: Record<string, unknown>, seed: number, now: number) {
    this.faults = { ...defaultFaults, ...pickFaults(initial) };
    this.random = seededRandom(seed);
    this.startedAt = now;
  }

  set(partial: Partial<SimFaults>): void {
    this.faults = { ...this.faults, ...partial };
  }

  startMaintenance(forS: number, now: number): void {
    this.maintenanceUntil = now + forS * 1000;
  }

  /** ms until the current maintenance window ends; 0 when the portal is up. */
  maintenanceRemainingMs(now: number): number {
    let remaining = Math.max(0, this.maintenanceUntil - now);
    const { maintenanceEveryS: every, maintenanceForS: span } = this.faults;
    if (every > 0 && span > 0) {
      // Each period ends with its window, so a fresh start is up for the first (every - for) seconds.
      const into = (now - this.startedAt) % (every * 1000);
      const opensAt = Math.max(0, every - span) * 1000;
      if (into >= opensAt) remaining = Math.max(remaining, every * 1000 - into);
    }
    return remaining;
  }

  /** Seconds the caller must wait, or 0 when under the limit. Fixed one-second windows per address. */
  rateLimitRetryAfterS(address: string, now: number): number {
    const limit = this.faults.rateLimit;
    if (limit <= 0) return 0;
    const window = this.windows.get(address);
    if (!window || now - window.start >= 1000) {
      this.windows.set(address, { start: now, count: 1 });
      return 0;
    }
    window.count += 1;
    if (window.count <= limit) return 0;
    return Math.max(1, Math.ceil((window.start + 1000 - now) / 1000));
  }

  /** A 5xx status to answer with instead of handling the request, or 0. */
  randomServerError(): number {
    if (this.faults.errorRate <= 0 || this.random() >= this.faults.errorRate) return 0;
    return transientStatuses[Math.floor(this.random() * transientStatuses.length)] ?? 500;
  }

  chance(rate: number): boolean {
    return rate > 0 && this.random() < rate;
  }

  /** Milliseconds that `bytes` take at the configured bandwidth (0 = unlimited). */
  transferMs(bytes: number): number {
    const kbps = this.faults.bandwidthKbps;
    return kbps > 0 ? (bytes * 8) / kbps : 0;
  }
}
