// The ID digest upgrade re-links both hash chains without laundering them: whole stays whole, broken stays broken where it was.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client';
import { appendAudit, verifyAuditChain } from '../../electron/core/audit/audit-log';
import { chainHash, GENESIS_HASH } from '../../electron/core/audit/hash-chain';
import { createAccessLog } from '../../electron/core/privacy/access-log';
import { idNumberDigest, legacyIdNumberDigest, upgradeIdDigests } from '../../electron/core/privacy/id-digest';
import { tamperable } from '../support/log-tamper';

const ID = '001203004567';
let dir: string;
let db: Db;

/** What an older release wrote: plain digests in both logs, chained as it chained them. */
function writeLegacyRows(): void {
  const legacy = legacyIdNumberDigest(ID);
  for (let i = 0; i < 6; i++) {
    appendAudit(db, { at: 1000 + i, actorId: null, action: i % 2 ? 'reuse.approve' : 'dossier.create', entity: 'dossier', entityId: `d${String(i)}`, details: i % 2 ? { idNumber: legacy, reason: 'đối chiếu' } : { source: 'local' } });
  }
  let prev = GENESIS_HASH;
  for (let i = 0; i < 6; i++) {
    const fields = [2000 + i, null, 'search.id_number', null, null, legacy, null];
    const hash = chainHash(prev, fields);
    db.$client
      .prepare('INSERT INTO access_log (at, actor_id, action, dossier_id, target, id_digest, reason, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(...fields, prev, hash);
    prev = hash;
  }
}

const accessCheck = () => createAccessLog({ db, clock: { now: () => 0 } }).verify();
const accessDigests = () => (db.$client.prepare('SELECT id_digest AS d FROM access_log ORDER BY id').all() as { d: string }[]).map((r) => r.d);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dvc-id-digest-'));
  db = openDatabase(join(dir, 'test.sqlite'));
  writeLegacyRows();
});
afterEach(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

describe('ID digest upgrade', () => {
  it('rewrites every plain digest, keeps both chains whole, and runs once', () => {
    expect(upgradeIdDigests(db, 5000)).toEqual({ auditRows: 3, accessRows: 6, auditChainIntact: true, accessChainIntact: true });
    expect(verifyAuditChain(db).ok).toBe(true);
    expect(accessCheck().ok).toBe(true);
    expect(new Set(accessDigests())).toEqual(new Set([idNumberDigest(db, ID)]));
    expect(idNumberDigest(db, ID)).not.toBe(legacyIdNumberDigest(ID));
    expect(upgradeIdDigests(db, 6000)).toBeNull();
    expect(new Set(accessDigests())).toEqual(new Set([idNumberDigest(db, ID)]));
  });

  it('a chain broken before the upgrade is broken after it at the same row, with no plain digest left', () => {
    const sqlite = tamperable(db.$client);
    const edited = (sqlite.prepare('SELECT id FROM access_log ORDER BY id LIMIT 1 OFFSET 2').get() as { id: number }).id;
    sqlite.prepare("UPDATE access_log SET reason = 'sửa lén' WHERE id = ?").run(edited);
    const removed = (sqlite.prepare('SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 3').get() as { id: number }).id;
    sqlite.prepare('DELETE FROM audit_log WHERE id = ?').run(removed);
    expect(accessCheck()).toMatchObject({ ok: false, brokenAtId: edited });
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAtId: removed + 1 });

    expect(upgradeIdDigests(db, 5000)).toMatchObject({ accessRows: 6, auditChainIntact: false, accessChainIntact: false });
    expect(accessCheck()).toMatchObject({ ok: false, brokenAtId: edited });
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAtId: removed + 1 });
    expect(accessDigests()).not.toContain(legacyIdNumberDigest(ID));
  });
});
