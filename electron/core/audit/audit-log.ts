// Append-only audit log: each row carries the hash of the previous one, so tampering breaks the chain.
import { createHash } from 'node:crypto';
import type { Db } from '../../../db/client';

export type AuditEntry = {
  at: number;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  details?: Record<string, unknown>;
};

const GENESIS = '0'.repeat(64);

function rowHash(prevHash: string, e: Required<AuditEntry>): string {
  const canonical = JSON.stringify([prevHash, e.at, e.actorId, e.action, e.entity, e.entityId, e.details]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Call inside the transaction that makes the change being audited. */
export function appendAudit(db: Db, entry: AuditEntry): void {
  const sqlite = db.$client;
  const last = sqlite.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const prevHash = last?.hash ?? GENESIS;
  const full: Required<AuditEntry> = { ...entry, details: entry.details ?? {} };
  const hash = rowHash(prevHash, full);
  sqlite
    .prepare(
      'INSERT INTO audit_log (at, actor_id, action, entity, entity_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(full.at, full.actorId, full.action, full.entity, full.entityId, JSON.stringify(full.details), prevHash, hash);
}

export type ChainCheck = { ok: true; rows: number } | { ok: false; rows: number; brokenAtId: number };

export function verifyAuditChain(db: Db): ChainCheck {
  const rows = db.$client
    .prepare('SELECT id, at, actor_id, action, entity, entity_id, details, prev_hash, hash FROM audit_log ORDER BY id')
    .all() as {
    id: number;
    at: number;
    actor_id: string | null;
    action: string;
    entity: string;
    entity_id: string | null;
    details: string;
    prev_hash: string;
    hash: string;
  }[];
  let prev = GENESIS;
  for (const r of rows) {
    const details = JSON.parse(r.details) as Record<string, unknown>;
    const expected = rowHash(prev, {
      at: r.at,
      actorId: r.actor_id,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      details,
    });
    if (r.prev_hash !== prev || r.hash !== expected) return { ok: false, rows: rows.length, brokenAtId: r.id };
    prev = r.hash;
  }
  return { ok: true, rows: rows.length };
}
