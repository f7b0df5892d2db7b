// The ID number as the logs keep it: an HMAC under the office's own secret, and the one-time upgrade of older plain digests.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../../../db/client';
import { AppError } from '../../common/errors';
import { appendAudit } from '../audit/audit-log';
import { chainHash, GENESIS_HASH } from '../audit/hash-chain';

/*
 * Why keyed: a CCCD number has 12 digits, most of them guessable (province, century and sex, birth year), so a plain
 * SHA-256 of it is reversed by trying every number in minutes. Keyed by a random 256-bit office secret, a digest that
 * leaves the database (an audit view, a support copy of a log) names nobody.
 *
 * Where the secret lives: a row of `settings`, inside the encrypted database. So it travels with every backup (the
 * backup is a copy of the database) and a restored backup, on this PC or a new one, still finds a citizen's old rows.
 * It is not derived from the PC's master key: a new PC has a new master key, and the old digests would be lost.
 */
export const ID_DIGEST_KEY_SETTING = 'privacy.id_digest_key';
export const ID_DIGEST_UPGRADE_ACTION = 'privacy.id_digest_upgrade';

type Sqlite = Db['$client'];
const HEX64 = /^[0-9a-f]{64}$/;

/** What versions before the keyed digest stored (kept to recognise and upgrade their rows). */
export function legacyIdNumberDigest(idNumber: string): string {
  return createHash('sha256').update(`dvc-id-number:${idNumber}`).digest('hex');
}

/*
 * Keyed over the legacy digest, not over the number: the upgrade can then turn each stored legacy digest into the new
 * one without knowing the number (by then many dossiers have had their ID number purged, and a search by ID number
 * names no dossier at all). HMAC-SHA-256(k, SHA-256(x)) is as hard to reverse as HMAC-SHA-256(k, x) without k.
 */
function keyed(key: Buffer, legacy: string): string {
  return createHmac('sha256', key).update(legacy).digest('hex');
}

function readKey(sqlite: Sqlite): Buffer | null {
  const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(ID_DIGEST_KEY_SETTING) as { value: string } | undefined;
  if (!row) return null;
  const hex = JSON.parse(row.value) as unknown;
  // never replaced by a new one: every stored digest would stop matching
  if (typeof hex !== 'string' || !HEX64.test(hex)) throw new AppError('INTERNAL', { reason: `settings.${ID_DIGEST_KEY_SETTING} is not a 256-bit hex key` });
  return Buffer.from(hex, 'hex');
}

/**
 * The digest the audit log and the access log store for an ID number, and the one every lookup by ID number uses.
 * Read from the database each time (one primary-key read): never a cached key that a rolled-back transaction made.
 */
export function idNumberDigest(db: Db, idNumber: string): string {
  let key = readKey(db.$client);
  if (!key) {
    // only where core's start-up upgrade did not run (tools, tests on a bare database); the wall clock dates its audit row
    upgradeIdDigests(db, Date.now());
    key = readKey(db.$client);
  }
  if (!key) throw new AppError('INTERNAL', { reason: 'ID digest key missing after its upgrade' });
  return keyed(key, legacyIdNumberDigest(idNumber));
}

const AUDIT_DIGEST_ACTIONS = new Set(['idcard.read', 'reuse.approve']);

type AuditRow = { id: number; at: number; actor_id: string | null; action: string; entity: string; entity_id: string | null; details: string; prev_hash: string; hash: string };
type AccessRow = { id: number; at: number; actor_id: string | null; action: string; dossier_id: string | null; target: string | null; id_digest: string | null; reason: string | null; prev_hash: string; hash: string };
type Chained = { id: number; prev_hash: string; hash: string };
type Rechained = { rewritten: number; intact: boolean; headBefore: string | null };

/**
 * Rewrites rows of one hash chain and re-links it. A row that verified before is re-hashed over its new fields; a row
 * that did not (edited, or its predecessor removed) stays broken in the same way, so the upgrade launders nothing.
 */
function rechain<R extends Chained>(rows: readonly R[], fieldsOf: (r: R) => readonly unknown[], rewrite: (r: R) => R | null, save: (r: R) => void): Rechained {
  let oldPrev = GENESIS_HASH;
  let newPrev = GENESIS_HASH;
  let rewritten = 0;
  let intact = true;
  for (const r of rows) {
    let sealed: boolean;
    try {
      sealed = r.hash === chainHash(r.prev_hash, fieldsOf(r));
    } catch {
      sealed = false; // details rewritten into something unreadable
    }
    const linked = r.prev_hash === oldPrev;
    intact &&= sealed && linked;
    // a broken row gets the keyed digest too (no plain digest left behind) but keeps its stored hash: still broken
    const next = rewrite(r);
    if (next) rewritten++;
    const fields = next ?? r;
    const prevHash = linked ? newPrev : r.prev_hash;
    const hash = sealed ? chainHash(prevHash, fieldsOf(fields)) : r.hash;
    if (next || prevHash !== r.prev_hash || hash !== r.hash) save({ ...fields, prev_hash: prevHash, hash });
    oldPrev = r.hash;
    newPrev = hash;
  }
  return { rewritten, intact, headBefore: rows.at(-1)?.hash ?? null };
}

function isJsonObject(text: string): boolean {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

function upgradeAudit(sqlite: Sqlite, key: Buffer): Rechained {
  const rows = sqlite.prepare('SELECT id, at, actor_id, action, entity, entity_id, details, prev_hash, hash FROM audit_log ORDER BY id').all() as AuditRow[];
  const update = sqlite.prepare('UPDATE audit_log SET entity_id = ?, details = ?, prev_hash = ?, hash = ? WHERE id = ?');
  return rechain(
    rows,
    (r) => [r.at, r.actor_id, r.action, r.entity, r.entity_id, JSON.parse(r.details) as unknown],
    (r) => {
      let next: AuditRow | null = null;
      if (r.entity === 'citizen' && r.entity_id !== null && HEX64.test(r.entity_id)) next = { ...r, entity_id: keyed(key, r.entity_id) };
      if (AUDIT_DIGEST_ACTIONS.has(r.action) && isJsonObject(r.details)) {
        const details = JSON.parse(r.details) as Record<string, unknown>;
        if (typeof details.idNumber === 'string' && HEX64.test(details.idNumber)) {
          next = { ...(next ?? r), details: JSON.stringify({ ...details, idNumber: keyed(key, details.idNumber) }) };
        }
      }
      return next;
    },
    (r) => update.run(r.entity_id, r.details, r.prev_hash, r.hash, r.id),
  );
}

function upgradeAccess(sqlite: Sqlite, key: Buffer): Rechained {
  const rows = sqlite
    .prepare('SELECT id, at, actor_id, action, dossier_id, target, id_digest, reason, prev_hash, hash FROM access_log ORDER BY id')
    .all() as AccessRow[];
  const update = sqlite.prepare('UPDATE access_log SET id_digest = ?, prev_hash = ?, hash = ? WHERE id = ?');
  return rechain(
    rows,
    (r) => [r.at, r.actor_id, r.action, r.dossier_id, r.target, r.id_digest, r.reason],
    (r) => (r.id_digest !== null && HEX64.test(r.id_digest) ? { ...r, id_digest: keyed(key, r.id_digest) } : null),
    (r) => update.run(r.id_digest, r.prev_hash, r.hash, r.id),
  );
}

/** The append-only triggers (migration 0012) set aside for `fn`, inside the caller's transaction, then put back as they were. */
function withLogTriggersSuspended<T>(sqlite: Sqlite, fn: () => T): T {
  const triggers = sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('audit_log', 'access_log')")
    .all() as { name: string; sql: string }[];
  for (const t of triggers) sqlite.exec(`DROP TRIGGER "${t.name.replace(/"/g, '""')}"`);
  const out = fn();
  for (const t of triggers) sqlite.exec(t.sql);
  return out;
}

export type IdDigestUpgrade = { auditRows: number; accessRows: number; auditChainIntact: boolean; accessChainIntact: boolean };

/**
 * Once per database (at core start, and after a restore of an older backup): makes the office secret and rewrites every
 * stored legacy digest into the keyed one, re-linking both hash chains, in one transaction: a crash leaves the old
 * database or the upgraded one, never a mix. Audited with the chain heads before the rewrite. Null when already done.
 */
export function upgradeIdDigests(db: Db, at: number): IdDigestUpgrade | null {
  const sqlite = db.$client;
  return sqlite.transaction((): IdDigestUpgrade | null => {
    if (readKey(sqlite)) return null;
    const key = randomBytes(32);
    sqlite
      .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run(ID_DIGEST_KEY_SETTING, JSON.stringify(key.toString('hex')), at);
    const [audit, access] = withLogTriggersSuspended(sqlite, () => [upgradeAudit(sqlite, key), upgradeAccess(sqlite, key)] as const);
    const outcome = { auditRows: audit.rewritten, accessRows: access.rewritten, auditChainIntact: audit.intact, accessChainIntact: access.intact };
    if (audit.rewritten + access.rewritten > 0) {
      appendAudit(db, {
        at,
        actorId: null,
        action: ID_DIGEST_UPGRADE_ACTION,
        entity: 'settings',
        entityId: ID_DIGEST_KEY_SETTING,
        details: { ...outcome, auditHeadBefore: audit.headBefore, accessHeadBefore: access.headBefore },
      });
    }
    return outcome;
  })();
}
