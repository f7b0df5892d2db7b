// Append-only audit log: each row carries the hash of the previous one, so tampering breaks the chain.
import type { Db } from '../../../db/client';
import { chainHash, GENESIS_HASH, verifyChain, type ChainCheck } from './hash-chain';

export type AuditEntry = {
  at: number;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  details?: Record<string, unknown>;
};

export type { ChainCheck } from './hash-chain';

function rowHash(prevHash: string, e: Required<AuditEntry>): string {
  return chainHash(prevHash, [e.at, e.actorId, e.action, e.entity, e.entityId, e.details]);
}

/** Call inside the transaction that makes the change being audited. */
export function appendAudit(db: Db, entry: AuditEntry): void {
  const sqlite = db.$client;
  const last = sqlite.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const full: Required<AuditEntry> = { ...entry, details: entry.details ?? {} };
  const hash = rowHash(prevHash, full);
  sqlite
    .prepare(
      'INSERT INTO audit_log (at, actor_id, action, entity, entity_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(full.at, full.actorId, full.action, full.entity, full.entityId, JSON.stringify(full.details), prevHash, hash);
}

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
  return verifyChain(rows, (r) => [r.at, r.actor_id, r.action, r.entity, r.entity_id, JSON.parse(r.details) as unknown]);
}
