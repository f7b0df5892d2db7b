// Upload streams shared by the dossiers in flight: first come first served, and a signal when one sits idle.

/**
 * Without a shared pool each dossier had its own 3 streams: its 5 files went 3 + 2 (one stream idle), and none while
 * it opened its uploads or waited for its POST; bench:sync measured the 18 streams busy ~50% of the time against ~75%
 * for a plain upload (docs/BENCHMARKS.md).
 */
export type StreamPool = {
  acquire(signal: AbortSignal): Promise<() => void>;
  /**
   * Resolves once a stream is free with nobody waiting for it (at once if one is now): the engine starts one more
   * dossier then, so a portal that answers slowly gets more requests in flight while a busy line gets no more.
   * Each idle moment wakes one caller. Rejects when `signal` aborts.
   */
  whenIdle(signal: AbortSignal): Promise<void>;
  /** a file let its stream go: `bytes` moved forward in `ms` (the pool grows only while streams move bytes fast) */
  report(bytes: number, ms: number): void;
  /** streams open to uploads now */
  size(): number;
};

/**
 * 256 KiB/s a stream: a 1 MiB chunk then takes 4 s, and 8 s with the pool doubled, far from the 120 s chunk timeout.
 * Below it the line is what limits (e.g. 2 Mbit/s shared by 18 streams is 14 KiB/s each): more streams would only
 * push chunks towards their timeout, so the pool stays at its base.
 */
const FAST_STREAM_BYTES_PER_S = 256 * 1024;
// weight of the newest file in the average speed of the streams
const SPEED_WEIGHT = 0.2;

/**
 * `size` streams, growing to `max` while the files that went recently moved fast (latency, not the line, was what they
 * waited on): at 120 ms a request and 35% 5xx, the faulty bench's 100 dossiers drained in 23.4-30.7 s against
 * 28.2-34.9 s with 18 streams at most, fault-free 11.9 s against 12.8 s (docs/BENCHMARKS.md).
 */
export function createStreamPool(size: number, max = size): StreamPool {
  const base = Math.max(1, size);
  const most = Math.max(base, max);
  let speed: number | null = null;
  let inUse = 0;
  const limit = (): number => (speed !== null && speed >= FAST_STREAM_BYTES_PER_S ? most : base);
  const waiting: (() => void)[] = [];
  const idleWaiting: (() => void)[] = [];
  const release = (): void => {
    inUse -= 1;
    while (waiting.length > 0 && inUse < limit()) {
      inUse += 1;
      waiting.shift()?.();
    }
    if (waiting.length === 0 && inUse < limit()) idleWaiting.shift()?.();
  };
  /** queues `grant` in `queue` until it is called, or rejects when the signal aborts first */
  const wait = <T>(queue: (() => void)[], signal: AbortSignal, value: () => T): Promise<T> =>
    new Promise((resolve, reject) => {
      const grant = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve(value());
      };
      const onAbort = (): void => {
        const i = queue.indexOf(grant);
        if (i >= 0) queue.splice(i, 1);
        reject(signal.reason as Error);
      };
      queue.push(grant);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  return {
    acquire(signal) {
      if (signal.aborted) return Promise.reject(signal.reason as Error);
      if (inUse < limit() && waiting.length === 0) {
        inUse += 1;
        return Promise.resolve(once(release));
      }
      return wait(waiting, signal, () => once(release));
    },
    whenIdle(signal) {
      if (signal.aborted) return Promise.reject(signal.reason as Error);
      if (inUse < limit() && waiting.length === 0) return Promise.resolve();
      return wait(idleWaiting, signal, () => undefined);
    },
    report(bytes, ms) {
      const rate = (Math.max(0, bytes) * 1000) / Math.max(1, ms);
      speed = speed === null ? rate : speed + SPEED_WEIGHT * (rate - speed);
    },
    size: limit,
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
