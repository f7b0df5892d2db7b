// ID numbers in the logs are keyed digests: rows an older version wrote (plain SHA-256) are upgraded in place at start,
// still found by every lookup by ID number, and still found after a backup is restored on another PC.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupListItem, BackupStatus } from '../../electron/common/backup-contract';
import type { DossierDetail, Page } from '../../electron/common/contract';
import type { ReusableDocuments } from '../../electron/common/digitize-contract';
import type { AccessItem, CitizenSummary } from '../../electron/common/privacy-contract';
import { chainHash, GENESIS_HASH } from '../../electron/core/audit/hash-chain';
import { ID_DIGEST_KEY_SETTING, ID_DIGEST_UPGRADE_ACTION, idNumberDigest, legacyIdNumberDigest, upgradeIdDigests } from '../../electron/core/privacy/id-digest';
import { giveConsent } from '../support/consent';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { applicantFor, BIRTH, relogin, tinyJpeg, type Tokens } from '../support/review-fixtures';

const work = mkdtempSync(join(tmpdir(), 'dvc-id-digest-'));
const folder = join(work, 'usb');
const PASS = 'song-da-cau-may-2026';
const citizen = applicantFor(733);
const id = citizen.idNumber;
let h: Harness;
let t: Tokens;
let newer: DossierDetail;
let accessBefore = 0;

type Sqlite = Harness['core']['db']['$client'];
type Access = { items: AccessItem[]; total: number };
const plainSha = (n: string) => createHash('sha256').update(n).digest('hex');

/**
 * Turns the keyed digests of `idNumber` back into what versions before the keyed digest stored, re-links both chains
 * as those versions did, and removes the office secret: the database an older release leaves behind.
 */
function makeLegacy(sqlite: Sqlite, keyedDigest: string, legacy: string): void {
  const triggers = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('audit_log', 'access_log')").all() as { name: string; sql: string }[];
  for (const tr of triggers) sqlite.exec(`DROP TRIGGER ${tr.name}`);
  const swap = (v: string | null) => (v === keyedDigest ? legacy : v);
  let prev = GENESIS_HASH;
  const audit = sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as { id: number; at: number; actor_id: string | null; action: string; entity: string; entity_id: string | null; details: string }[];
  for (const r of audit) {
    const details = JSON.parse(r.details) as Record<string, unknown>;
    if (typeof details.idNumber === 'string') details.idNumber = swap(details.idNumber);
    const entityId = swap(r.entity_id);
    const hash = chainHash(prev, [r.at, r.actor_id, r.action, r.entity, entityId, details]);
    sqlite.prepare('UPDATE audit_log SET entity_id = ?, details = ?, prev_hash = ?, hash = ? WHERE id = ?').run(entityId, JSON.stringify(details), prev, hash, r.id);
    prev = hash;
  }
  prev = GENESIS_HASH;
  const access = sqlite.prepare('SELECT * FROM access_log ORDER BY id').all() as { id: number; at: number; actor_id: string | null; action: string; dossier_id: string | null; target: string | null; id_digest: string | null; reason: string | null }[];
  for (const r of access) {
    const digest = swap(r.id_digest);
    const hash = chainHash(prev, [r.at, r.actor_id, r.action, r.dossier_id, r.target, digest, r.reason]);
    sqlite.prepare('UPDATE access_log SET id_digest = ?, prev_hash = ?, hash = ? WHERE id = ?').run(digest, prev, hash, r.id);
    prev = hash;
  }
  sqlite.prepare('DELETE FROM settings WHERE key = ?').run(ID_DIGEST_KEY_SETTING);
  for (const tr of triggers) sqlite.exec(tr.sql);
}

/** Every digest stored for one citizen, in both logs. */
function storedDigests(sqlite: Sqlite): string[] {
  return [
    ...(sqlite.prepare("SELECT entity_id AS d FROM audit_log WHERE entity = 'citizen' ORDER BY id").all() as { d: string }[]).map((r) => r.d),
    ...(sqlite.prepare("SELECT json_extract(details, '$.idNumber') AS d FROM audit_log WHERE action = 'reuse.approve' ORDER BY id").all() as { d: string }[]).map((r) => r.d),
    ...(sqlite.prepare('SELECT id_digest AS d FROM access_log WHERE id_digest IS NOT NULL ORDER BY id').all() as { d: string }[]).map((r) => r.d),
  ];
}

async function lookups(x: Harness, tokens: Tokens) {
  const access = await x.call<Access>('accessLog.list', tokens.supervisor, { idNumber: id });
  const found = await x.call<CitizenSummary>('citizen.find', tokens.supervisor, { idNumber: id });
  const reusable = await x.call<ReusableDocuments>('documents.reusable', tokens.agent2, { dossierId: newer.id });
  return { access: access.total, citizenAccess: found.accessEntries, allowedBy: reusable.allowedBy, groups: reusable.groups.length };
}

beforeAll(async () => {
  mkdirSync(folder);
  h = await startHarness({ dataDir: join(work, 'a'), ocr: false });
  await setupOffice(h);
  t = await relogin(h);
  // the citizen came once and agreed to re-use; the second time a supervisor approved re-use of the first papers
  const earlier = await h.call<DossierDetail>('dossiers.create', t.agent, { procedureCode: BIRTH });
  await h.call('dossiers.saveDraft', t.agent, { id: earlier.id, applicant: citizen });
  await giveConsent(h, t.agent, earlier.id, { reuse: true });
  await h.call<{ pages: Page[] }>('pages.add', t.agent, { dossierId: earlier.id, componentId: earlier.components[0]?.id, fileName: 'giay-to.jpg', bytes: await tinyJpeg(733) });
  newer = await h.call<DossierDetail>('dossiers.create', t.agent2, { procedureCode: BIRTH });
  await h.call('dossiers.saveDraft', t.agent2, { id: newer.id, applicant: citizen });
  await giveConsent(h, t.agent2, newer.id);
  await h.call('reuse.approve', t.supervisor, { dossierId: newer.id, reason: 'Đã đối chiếu thẻ căn cước bản gốc' });
  await h.call('dossiers.list', t.agent, { text: id });
  await h.call('citizen.export', t.supervisor, { idNumber: id });
  const sqlite = h.core.db.$client;
  makeLegacy(sqlite, idNumberDigest(h.core.db, id), legacyIdNumberDigest(id));
  // the fixture is what an older release leaves: plain digests, chains whole, no office secret
  expect(storedDigests(sqlite).length).toBeGreaterThanOrEqual(4);
  expect(new Set(storedDigests(sqlite))).toEqual(new Set([legacyIdNumberDigest(id)]));
  expect(await h.call('audit.verify', t.supervisor)).toMatchObject({ ok: true });
  expect(sqlite.prepare('SELECT 1 FROM settings WHERE key = ?').get(ID_DIGEST_KEY_SETTING)).toBeUndefined();
  // all or nothing: the upgrade failing at its very last step (its audit row) leaves the old digests and no secret
  sqlite.exec("CREATE TEMP TRIGGER fail_upgrade BEFORE INSERT ON audit_log WHEN new.action = 'privacy.id_digest_upgrade' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END");
  expect(() => upgradeIdDigests(h.core.db, h.clock.now())).toThrow(/simulated crash/);
  sqlite.exec('DROP TRIGGER fail_upgrade');
  expect(new Set(storedDigests(sqlite))).toEqual(new Set([legacyIdNumberDigest(id)]));
  expect(sqlite.prepare('SELECT 1 FROM settings WHERE key = ?').get(ID_DIGEST_KEY_SETTING)).toBeUndefined();
  expect((sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_no_%'").get() as { n: number }).n).toBe(4);
  accessBefore = (sqlite.prepare('SELECT count(*) AS n FROM access_log WHERE id_digest = ?').get(legacyIdNumberDigest(id)) as { n: number }).n;
  expect(accessBefore).toBeGreaterThanOrEqual(2); // the search by ID number and the export
  await h.close();
  h = await startHarness({ dataDir: join(work, 'a'), ocr: false });
  t = await relogin(h);
}, 120_000);

afterAll(async () => {
  await h.close();
  rmSync(work, { recursive: true, force: true });
});

describe('keyed ID digests', () => {
  it('upgrades the old plain digests at start: none is left, none is the SHA-256 of the number, chains still whole', async () => {
    const sqlite = h.core.db.$client;
    const digests = storedDigests(sqlite);
    expect(digests.length).toBeGreaterThanOrEqual(4);
    for (const d of digests) {
      expect(d).not.toBe(legacyIdNumberDigest(id));
      expect(d).not.toBe(plainSha(id));
      expect(d).toBe(idNumberDigest(h.core.db, id));
    }
    expect(await h.call('audit.verify', t.supervisor)).toMatchObject({ ok: true });
    expect(await h.call('accessLog.verify', t.supervisor)).toMatchObject({ ok: true });
    const upgrade = sqlite.prepare('SELECT details FROM audit_log WHERE action = ?').all(ID_DIGEST_UPGRADE_ACTION) as { details: string }[];
    expect(upgrade).toHaveLength(1);
    expect(JSON.parse(upgrade[0]?.details ?? '{}')).toMatchObject({ accessRows: accessBefore, auditChainIntact: true, accessChainIntact: true });
    // the append-only triggers were set aside only inside the upgrade's transaction
    expect((sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_no_%'").get() as { n: number }).n).toBe(4);
  });

  it('still finds the old rows by ID number: access log search, the citizen summary, and the re-use approval', async () => {
    const found = await lookups(h, t);
    expect(found.access).toBe(accessBefore);
    expect(found.citizenAccess).toBeGreaterThanOrEqual(accessBefore);
    expect(found.allowedBy).toBe('supervisor');
    expect(found.groups).toBeGreaterThan(0);
  });

  it('runs once: a second start changes no digest and adds no upgrade row', async () => {
    const before = storedDigests(h.core.db.$client);
    await h.close();
    h = await startHarness({ dataDir: join(work, 'a'), ocr: false });
    t = await relogin(h);
    const sqlite = h.core.db.$client;
    expect(storedDigests(sqlite).slice(0, before.length)).toEqual(before);
    expect(sqlite.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(ID_DIGEST_UPGRADE_ACTION)).toEqual({ n: 1 });
  });

  it('a backup restored on a new PC brings the office secret: the same rows are found there', async () => {
    await h.call('backup.configure', t.admin, { folder, daily: false, dailyAt: '17:30', afterDayClose: false, keepLast: 2 });
    await h.call('backup.setPassphrase', t.admin, { passphrase: PASS, confirm: PASS });
    h.clock.advance(60_000);
    await h.call('backup.run', t.admin, {});
    await expect.poll(async () => (await h.call<BackupStatus>('backup.status', t.admin, {})).running, { timeout: 60_000, interval: 100 }).toBeNull();
    const original = await lookups(h, t);
    const b = await startHarness({ dataDir: join(work, 'b'), ocr: false });
    try {
      const file = (await b.call<BackupListItem[]>('backup.list', null, { folder }))[0]?.file ?? '';
      await b.call('restore.apply', null, { file, passphrase: PASS });
      await expect.poll(async () => (await b.call<{ setupRequired: boolean }>('app.info', null, {})).setupRequired, { timeout: 30_000 }).toBe(false);
      const restored = await lookups(b, await relogin(b));
      expect(restored.access).toBe(original.access);
      expect(restored.allowedBy).toBe('supervisor');
      expect(storedDigests(b.core.db.$client)).toContain(idNumberDigest(h.core.db, id));
    } finally {
      await b.close();
    }
  }, 120_000);
});
