// Online-guessing limits for login: a per-account failure count that also counts the guesses being checked (the hash is
// async), a token bucket for all failed logins of this process, and the same answers for usernames that do not exist.
import type { Clock } from '../ports';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

/**
 * All failed logins of this app, whatever the username: 10 at once, then one more every 30 s (120 an hour). The
 * per-account lockout alone lets a guesser spray 4 guesses at every account every 15 minutes; this caps the total.
 * A counter with its staff at the desk fails a handful of logins a day.
 */
export const FAILURE_BUCKET = { capacity: 10, refillMs: 30_000 } as const;

export type FailureBucket = {
  /** takes one failure token; false when none is left */
  take(): boolean;
  /** gives back a token taken for an attempt that turned out right */
  refund(): void;
  /** whole seconds until the next token */
  waitSeconds(): number;
};

export function createFailureBucket(clock: Clock, spec: { capacity: number; refillMs: number } = FAILURE_BUCKET): FailureBucket {
  let tokens: number = spec.capacity;
  let last = clock.now();
  const refill = () => {
    const now = clock.now();
    tokens = Math.min(spec.capacity, tokens + Math.max(0, now - last) / spec.refillMs);
    last = now;
  };
  return {
    take() {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    refund() {
      tokens = Math.min(spec.capacity, tokens + 1);
    },
    waitSeconds() {
      refill();
      return tokens >= 1 ? 0 : Math.max(1, Math.ceil(((1 - tokens) * spec.refillMs) / 1000));
    },
  };
}

/** The lockout state of one account, wherever it is kept (users row, or memory for unknown names). */
export type AttemptState = { failedAttempts: number; lockedUntil: number | null };

export type Verdict = { kind: 'locked'; minutes: number } | { kind: 'admitted' };

/**
 * May one more attempt have its password checked? Counts the failures on record plus the attempts being checked right
 * now (`inFlight`, kept in memory and raised in the same synchronous step as this check): parallel guesses cannot all
 * read "no failures yet". In memory, a crash mid-check leaves no count behind. A lock that has run out starts afresh.
 */
export function admitAttempt(state: AttemptState, inFlight: number, now: number): Verdict {
  if (state.lockedUntil !== null && state.lockedUntil > now) {
    return { kind: 'locked', minutes: Math.ceil((state.lockedUntil - now) / 60_000) };
  }
  const failed = state.lockedUntil !== null ? 0 : state.failedAttempts;
  if (failed + inFlight >= MAX_FAILED_LOGINS) return { kind: 'locked', minutes: Math.ceil(LOCKOUT_MS / 60_000) };
  return { kind: 'admitted' };
}

/** After a wrong password: the state to store (one more failure, locked at the fifth), and whether it is locked. */
export function afterFailure(state: AttemptState, now: number): { next: AttemptState; locked: boolean } {
  if (state.lockedUntil !== null && state.lockedUntil > now) return { next: state, locked: true };
  const failed = (state.lockedUntil !== null ? 0 : state.failedAttempts) + 1;
  if (failed >= MAX_FAILED_LOGINS) return { next: { failedAttempts: failed, lockedUntil: now + LOCKOUT_MS }, locked: true };
  return { next: { failedAttempts: failed, lockedUntil: null }, locked: false };
}

/**
 * Lockout counts for usernames that do not exist, kept in memory, so "no such user" answers exactly as a real account
 * would (BAD_CREDENTIALS four times, then ACCOUNT_LOCKED): the answers do not tell which usernames are real.
 */
export function createPhantomAccounts(limit = 1000) {
  const states = new Map<string, AttemptState>();
  return {
    get(username: string): AttemptState {
      return states.get(username) ?? { failedAttempts: 0, lockedUntil: null };
    },
    set(username: string, state: AttemptState): void {
      states.delete(username);
      states.set(username, state);
      // oldest first out: a flood of made-up names cannot grow this without bound
      while (states.size > limit) {
        const oldest = states.keys().next();
        if (oldest.done) break;
        states.delete(oldest.value);
      }
    },
  };
}
