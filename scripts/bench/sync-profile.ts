// bench:sync --profile / --fsyncs: where a drain's time goes (portal calls in flight, upload streams busy, event loop, fsyncs).
import type { EventLoopUtilization } from 'node:perf_hooks';
import type { PortalClient } from '../../electron/core/sync/portal-client';

export type Profile = { elu: number; cpuMs: number; calls: Record<string, { n: number; ms: number }>; uploadStreamMs: number };

export function newProfile(): Profile {
  return { elu: 0, cpuMs: 0, calls: {}, uploadStreamMs: 0 };
}

/** Wraps every portal call to add up how long it was in flight (uploads: stream-time, to compare with wall x streams). */
export function profiled(portal: PortalClient, p: Profile): PortalClient {
  const wrap = <A extends unknown[], R>(name: string, fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const t0 = performance.now();
      try {
        return await fn(...a);
      } finally {
        const c = (p.calls[name] ??= { n: 0, ms: 0 });
        c.n += 1;
        c.ms += performance.now() - t0;
      }
    };
  const out: PortalClient = { ...portal };
  for (const [k, v] of Object.entries(portal)) {
    if (typeof v === 'function' && k !== 'close')
      (out as Record<string, unknown>)[k] = wrap(k, (v as (...a: unknown[]) => Promise<unknown>).bind(portal));
  }
  return out;
}

export function finishProfile(p: Profile, elu: EventLoopUtilization, cpu: NodeJS.CpuUsage): Profile {
  const e = performance.eventLoopUtilization(elu);
  const c = process.cpuUsage(cpu);
  return { ...p, elu: e.utilization, cpuMs: (c.user + c.system) / 1000, uploadStreamMs: p.calls.uploadFile?.ms ?? p.uploadStreamMs };
}

/** `strace -c`: fsync + fdatasync calls, and seconds spent in them (the event loop waits that long: SQLite is synchronous) */
export function countFsyncs(straceSummary: string): { n: number; s: number } {
  const got = { n: 0, s: 0 };
  for (const line of straceSummary.split('\n')) {
    const cols = line.trim().split(/\s+/);
    const name = cols.at(-1);
    if (name === 'fsync' || name === 'fdatasync') {
      got.n += Number(cols[3]);
      got.s += Number(cols[1]);
    }
  }
  return got;
}

export function profileText(
  r: { ms: number; profile?: Profile; fsyncs?: { n: number; s: number } },
  streams: number,
): string {
  const p = r.profile;
  if (!p) return '';
  const calls = Object.entries(p.calls)
    .map(([k, c]) => `${k} ${c.n}x ${(c.ms / c.n).toFixed(0)} ms`)
    .join(', ');
  return (
    `event loop busy ${(p.elu * 100).toFixed(0)}%, CPU ${(p.cpuMs / 1000).toFixed(1)} s of ${(r.ms / 1000).toFixed(1)} s, ` +
    // the engine's pool may grow to twice its base while streams are fast (stream-pool.ts): then this passes 100%
    `upload streams busy ${((p.uploadStreamMs / (r.ms * streams)) * 100).toFixed(0)}% of ${streams} (base)` +
    (r.fsyncs !== undefined ? `, ${r.fsyncs.n} fsyncs taking ${r.fsyncs.s.toFixed(2)} s` : '') +
    (calls ? `; ${calls}` : '')
  );
}

