// What the status bar shows: online, waiting, the file uploading now, last success, the last failure in plain Vietnamese.
import type { Db } from '../../../db/client';
import type { EventPayload } from '../../common/contract';
import type { Emit } from '../events';
import type { Clock, Logger } from '../ports';
import { getSyncState, LAST_SUCCESS_KEY, setSyncState } from './feed';
import { pendingCount } from './outbox';
import type { PortalFailure } from './portal-client';
import { fixMessage } from './sync-messages';

export type SyncStatus = EventPayload<'sync.status'>;

const PROGRESS_EMIT_MS = 250;
const RETRY_NOTE = / Sẽ tự thử lại sau .*$/;

function duration(ms: number): string {
  return ms < 90_000 ? `${Math.max(1, Math.round(ms / 1000))} giây` : `${Math.round(ms / 60_000)} phút`;
}

export type StatusTracker = ReturnType<typeof createStatusTracker>;

export function createStatusTracker(o: { db: Db; clock: Clock; emit: Emit; logger: Logger }) {
  const { db, clock } = o;
  const raw = getSyncState(db, LAST_SUCCESS_KEY);
  let lastSuccessAt: number | null = raw ? Number(raw) : null;
  let online = false;
  let authRefused = false;
  let detail: string | null = null;
  let nextAttemptAt: number | null = null;
  let lastProgressEmit = 0;
  const current = new Map<string, NonNullable<SyncStatus['current']>>();

  function snapshot(): SyncStatus {
    const needsFix = db.$client
      .prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'needs_fix'")
      .get() as {
      n: number;
    };
    return {
      online,
      waiting: pendingCount(db),
      lastSuccessAt,
      detail,
      current: [...current.values()].at(-1) ?? null,
      nextAttemptAt,
      needsFix: needsFix.n,
      authRefused,
    };
  }

  function emit(): void {
    try {
      o.emit('sync.status', snapshot());
    } catch (error) {
      o.logger.error('sync: status emit failed', { error });
    }
  }

  return {
    snapshot,
    emit,
    get online() {
      return online;
    },
    setOnline(value: boolean): void {
      online = value;
    },
    get authRefused() {
      return authRefused;
    },
    /** the portal refused the agent code / secret (the status bar says so instead of "online") */
    setAuthRefused(value: boolean): void {
      authRefused = value;
    },
    /** bytes of a dossier confirmed by the portal; emitted at most every 250 ms */
    progress(dossierId: string, localCode: string, bytesSent: number, bytesTotal: number): void {
      const percent = bytesTotal > 0 ? Math.floor((bytesSent / bytesTotal) * 100) : 100;
      current.delete(dossierId);
      current.set(dossierId, { dossierId, localCode, bytesSent, bytesTotal, percent });
      const now = clock.now();
      if (now - lastProgressEmit >= PROGRESS_EMIT_MS) {
        lastProgressEmit = now;
        emit();
      }
    },
    finished(dossierId: string | null): void {
      if (dossierId) current.delete(dossierId);
      else current.clear();
    },
    failure(failure: PortalFailure, what: string): void {
      detail = `${what}: ${failure.kind === 'fix' ? fixMessage(failure.errors) : failure.message}`;
    },
    /** a failure already put in words (a dossier's page that did not go) */
    note(what: string, message: string): void {
      detail = `${what}: ${message}`;
    },
    internalFailure(message: string): void {
      detail = message;
    },
    succeeded(clean: boolean): void {
      lastSuccessAt = clock.now();
      setSyncState(db, LAST_SUCCESS_KEY, String(lastSuccessAt), lastSuccessAt);
      if (clean) detail = null;
    },
    /** a new pass starts: the "will retry in ..." note of the previous one no longer holds */
    passStarting(): void {
      detail = detail?.replace(RETRY_NOTE, '') ?? null;
    },
    /** the next automatic pass is in `ms`: say so while something waits, so nothing spins without a reason */
    scheduled(ms: number): void {
      nextAttemptAt = clock.now() + ms;
      if (detail && !RETRY_NOTE.test(detail) && pendingCount(db) > 0)
        detail = `${detail} Sẽ tự thử lại sau ${duration(ms)}.`;
    },
  };
}
