// The hash chain shared by the append-only logs (audit_log, access_log): each row hashes the previous row's hash and its own fields.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** sha256 of the canonical JSON [prevHash, ...fields]; the field order is part of the format, never reorder. */
export function chainHash(prevHash: string, fields: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify([prevHash, ...fields])).digest('hex');
}

export type ChainCheck = { ok: true; rows: number } | { ok: false; rows: number; brokenAtId: number };

/**
 * Walks rows in id order: each must name the previous row's hash and hash to its own. `fieldsOf` gives the row's
 * hashed fields in the order they were hashed (it may throw on a row rewritten into something unreadable).
 */
export function verifyChain<R extends { id: number; prev_hash: string; hash: string }>(
  rows: readonly R[],
  fieldsOf: (row: R) => readonly unknown[],
): ChainCheck {
  let prev = GENESIS_HASH;
  for (const r of rows) {
    if (r.prev_hash !== prev || r.hash !== chainHash(prev, fieldsOf(r))) {
      return { ok: false, rows: rows.length, brokenAtId: r.id };
    }
    prev = r.hash;
  }
  return { ok: true, rows: rows.length };
}
