// The shared upload streams: first come first served, grow only while streams move bytes fast, and say when one is idle.
import { describe, expect, it } from 'vitest';
import { createStreamPool } from '../../electron/core/sync/stream-pool';

const signal = new AbortController().signal;
const settled = async <T>(p: Promise<T>): Promise<boolean> => {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setTimeout(r, 0));
  return done;
};

describe('upload stream pool', () => {
  it('holds to its base while nothing is known, and on a slow line', async () => {
    const pool = createStreamPool(2, 4);
    const a = await pool.acquire(signal);
    await pool.acquire(signal);
    const third = pool.acquire(signal);
    expect(await settled(third)).toBe(false);
    // 1 MiB in 60 s: 17 KiB/s a stream, the line is the limit: no more streams
    pool.report(1024 * 1024, 60_000);
    a();
    expect(await settled(third)).toBe(true);
    expect(pool.size()).toBe(2);
  });

  it('grows to its bound while streams move bytes fast (latency, not the line), never past it', async () => {
    const pool = createStreamPool(2, 4);
    const releases = [await pool.acquire(signal), await pool.acquire(signal)];
    const waiting = [pool.acquire(signal), pool.acquire(signal), pool.acquire(signal), pool.acquire(signal)];
    // 1 MiB in 0.5 s: 2 MiB/s a stream
    pool.report(1024 * 1024, 500);
    releases[0]?.();
    // one released, four waiting: the pool now holds 4, so three of them go (1 + 3), the fourth waits
    for (const w of waiting.slice(0, 3)) expect(await settled(w)).toBe(true);
    expect(await settled(waiting[3] as Promise<() => void>)).toBe(false);
    expect(pool.size()).toBe(4);
    // the line slows down: back to the base as streams are released
    for (let i = 0; i < 30; i++) pool.report(64 * 1024, 10_000);
    expect(pool.size()).toBe(2);
  });

  it('says when a stream sits idle with nobody waiting for it, one caller per idle moment', async () => {
    const pool = createStreamPool(1);
    await expect(pool.whenIdle(signal)).resolves.toBeUndefined();
    const release = await pool.acquire(signal);
    const first = pool.whenIdle(signal);
    const second = pool.whenIdle(signal);
    expect(await settled(first)).toBe(false);
    release();
    expect(await settled(first)).toBe(true);
    expect(await settled(second)).toBe(false);
    await pool.acquire(signal);
    const abort = new AbortController();
    const third = pool.whenIdle(abort.signal);
    abort.abort(new Error('stopped'));
    await expect(third).rejects.toThrow('stopped');
  });
});
