// Registry of screens with unsaved edits, so navigation, locking and sign-out can save them first.
type Flusher = () => Promise<void>;

const flushers = new Set<Flusher>();

export function registerPendingSave(flush: Flusher): () => void {
  flushers.add(flush);
  return () => flushers.delete(flush);
}

/** Runs every registered flush; a failing save stays visible on its own screen, so errors are not rethrown here. */
export async function flushPendingSaves(): Promise<void> {
  await Promise.allSettled([...flushers].map((flush) => flush()));
}
