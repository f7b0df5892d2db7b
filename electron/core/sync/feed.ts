// Applies the portal's status feed to local dossiers: forward-only transitions, duplicates ignored, nothing deleted.
import type { Db } from '../../../db/client';
import type { DossierStatus } from '../../common/contract';
import { recordTransition, statusLabels, transitions } from '../dossiers/lifecycle';
import { addAttempt, outboxByKey } from './outbox';
import { recordAccepted } from './outbox-record';
import type { PortalClient, PortalFailure } from './portal-client';
import type { StatusChange } from './portal-protocol';

export const FEED_CURSOR_KEY = 'feed_cursor';
export const LAST_SUCCESS_KEY = 'last_success_at';

export type ApplyOutcome = 'applied' | 'duplicate' | 'unknown' | 'ignored';
export type ApplyResult = { outcome: ApplyOutcome; dossierId: string | null };

/** Order of portal progress; a change never moves a dossier to a lower rank (processing <-> supplement are equal). */
const RANK: Partial<Record<DossierStatus, number>> = {
  submitted: 0,
  received: 1,
  processing: 2,
  supplement_requested: 2,
  result_ready: 3,
  completed: 4,
  rejected: 4,
};

export function getSyncState(db: Db, key: string): string | null {
  const row = db.$client.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value ?? null;
}

export function setSyncState(db: Db, key: string, value: string, at: number): void {
  db.$client
    .prepare(
      'INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    )
    .run(key, value, at);
}

/** True when the feed may move a dossier from `from` to `to`. */
export function portalMoveAllowed(from: DossierStatus, to: DossierStatus): boolean {
  const a = RANK[from];
  const b = RANK[to];
  if (a === undefined || b === undefined || b < a) return false;
  if (from === to) return to === 'supplement_requested';
  return transitions[from].includes(to);
}

function findDossier(
  db: Db,
  change: StatusChange,
): { id: string; status: DossierStatus; portalCode: string | null } | undefined {
  const byKey = outboxByKey(db, change.idempotencyKey);
  const id = byKey?.dossierId;
  const sql = id
    ? 'SELECT id, status, portal_code AS portalCode FROM dossiers WHERE id = ?'
    : 'SELECT id, status, portal_code AS portalCode FROM dossiers WHERE portal_code = ?';
  return db.$client.prepare(sql).get(id ?? change.portalCode) as
    { id: string; status: DossierStatus; portalCode: string | null } | undefined;
}

/**
 * Records one feed entry (call inside the transaction that also stores the page's next cursor). An entry for a
 * dossier the portal holds but we never saw acknowledged (the answer to our POST was lost) acknowledges it first.
 */
export function applyChange(db: Db, change: StatusChange, at: number): ApplyResult {
  return db.transaction((): ApplyResult => {
    const dossier = findDossier(db, change);
    if (!dossier) return { outcome: 'unknown', dossierId: null };
    const done = (outcome: ApplyOutcome): ApplyResult => ({ outcome, dossierId: dossier.id });
    const box = outboxByKey(db, change.idempotencyKey);
    if (box && box.lastFeedSeq >= change.seq) return done('duplicate');
    if (box?.state === 'pending')
      recordAccepted(db, { dossierId: dossier.id, portalCode: change.portalCode, at, via: 'feed' });
    db.$client
      .prepare('UPDATE outbox SET last_feed_seq = MAX(last_feed_seq, ?) WHERE dossier_id = ?')
      .run(change.seq, dossier.id);
    const from = (
      db.$client.prepare('SELECT status FROM dossiers WHERE id = ?').get(dossier.id) as {
        status: DossierStatus;
      }
    ).status;
    const to: DossierStatus = change.status;
    if (change.supplementRequest && to === 'supplement_requested') {
      db.$client
        .prepare(
          `INSERT INTO portal_requests (dossier_id, portal_code, feed_seq, documents, note, at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(dossier_id, feed_seq) DO NOTHING`,
        )
        .run(
          dossier.id,
          change.portalCode,
          change.seq,
          JSON.stringify(change.supplementRequest.documents),
          change.supplementRequest.note,
          Date.parse(change.at) || at,
        );
    }
    if (!portalMoveAllowed(from, to)) {
      if (from !== to) {
        addAttempt(db, {
          dossierId: dossier.id,
          at,
          kind: 'status',
          outcome: 'info',
          message: `Cổng báo "${statusLabels[to]}" nhưng hồ sơ trên máy đang "${statusLabels[from]}"; giữ nguyên trạng thái trên máy.`,
        });
      }
      return done('ignored');
    }
    recordTransition(db, {
      dossierId: dossier.id,
      from,
      to,
      actorId: null,
      source: 'portal',
      at: Date.parse(change.at) || at,
      message: change.message,
      ...(dossier.portalCode ? {} : { set: { portal_code: change.portalCode } }),
    });
    return done('applied');
  });
}

export type FeedPage = { changes: StatusChange[]; nextCursor: string };

/** One page of the feed and the cursor after it, in one transaction: a crash either applies both or neither. */
export function applyFeedPage(db: Db, page: FeedPage, at: number): ApplyResult[] {
  return db.transaction(() => {
    const results = page.changes.map((change) => applyChange(db, change, at));
    setSyncState(db, FEED_CURSOR_KEY, page.nextCursor, at);
    return results;
  });
}

export type PullOptions = {
  now(): number;
  signal: AbortSignal;
  pageSize: number;
  onApplied(dossierId: string): void;
};

/** Reads the feed from the stored cursor to its end, page by page; each page is applied with its cursor atomically. */
export async function pullFeed(
  db: Db,
  portal: Pick<PortalClient, 'getChanges'>,
  o: PullOptions,
): Promise<{ changes: number; failure: PortalFailure | null }> {
  let changes = 0;
  for (let page = 0; page < 1000 && !o.signal.aborted; page++) {
    const got = await portal.getChanges(getSyncState(db, FEED_CURSOR_KEY), {
      signal: o.signal,
      limit: o.pageSize,
    });
    if (got.kind !== 'ok') return { changes, failure: got };
    for (const r of applyFeedPage(db, got.value, o.now()))
      if (r.outcome === 'applied' && r.dossierId) o.onApplied(r.dossierId);
    changes += got.value.changes.length;
    if (got.value.changes.length < o.pageSize) break;
  }
  return { changes, failure: null };
}
