// Decides when a file in the scan folder is completely written: the same size and time over a quiet period.
import type { FolderFile } from './scan-folder';

type Seen = { size: number; mtimeMs: number; since: number };

export type StabilityTracker = {
  /** Records what the folder looks like now; returns the names whose size and time have not moved for stableMs. */
  observe(files: readonly FolderFile[], now: number): Set<string>;
  /** Forget a file (imported, or changed under us while reading). */
  forget(name: string): void;
};

/**
 * A scanner writes a page in bursts; a network copy can pause. A file counts as complete only once two looks at
 * least `stableMs` apart saw the same size and modification time (and it is not empty).
 */
export function createStabilityTracker(stableMs: number): StabilityTracker {
  const seen = new Map<string, Seen>();
  return {
    observe(files, now) {
      const ready = new Set<string>();
      const present = new Set<string>();
      for (const f of files) {
        present.add(f.name);
        const before = seen.get(f.name);
        if (!before || before.size !== f.size || before.mtimeMs !== f.mtimeMs) {
          seen.set(f.name, { size: f.size, mtimeMs: f.mtimeMs, since: now });
          continue;
        }
        if (f.size > 0 && now - before.since >= stableMs) ready.add(f.name);
      }
      for (const name of seen.keys()) if (!present.has(name)) seen.delete(name);
      return ready;
    },
    forget(name) {
      seen.delete(name);
    },
  };
}
