// Backups through the contract: encrypted, verified, incremental, kept N; restored onto a fresh folder and over newer data.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupListItem, BackupStatus, RestoreInspect } from '../../electron/common/backup-contract';
import type { DossierDetail, DossierListItem } from '../../electron/common/contract';
import { openBackup, verifyBackup } from '../../electron/core/backup/backup-reader';
import { BEFORE_RESTORE_DIR } from '../../electron/core/backup/restore-swap';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { LAND_DATA, takeDossier, tinyJpeg, type Tokens } from '../support/review-fixtures';

const work = mkdtempSync(join(tmpdir(), 'dvc-backup-'));
const folder = join(work, 'usb');
const PASS = 'song-da-cau-may-2026';
let a: Harness;
let t: Tokens;
let first: DossierDetail;

async function backupNow(h: Harness, token: string): Promise<BackupStatus> {
  h.clock.advance(60_000);
  await h.call('backup.run', token, {});
  await expect.poll(async () => (await h.call<BackupStatus>('backup.status', token, {})).running, { timeout: 60_000, interval: 100 }).toBeNull();
  return h.call<BackupStatus>('backup.status', token, {});
}

const snapshots = () => readdirSync(join(folder, 'DaiLyDVC-DL001-01', 'snapshots')).filter((n) => n.endsWith('.dvcbak')).sort();
const objects = () => readdirSync(join(folder, 'DaiLyDVC-DL001-01', 'objects'), { recursive: true }).filter((n) => /[0-9a-f]{64}$/.test(String(n)));

beforeAll(async () => {
  mkdirSync(folder);
  a = await startHarness({ dataDir: join(work, 'a') });
  t = await setupOffice(a);
  first = await takeDossier(a, t.agent, { procedureCode: LAND_DATA });
  await takeDossier(a, t.agent, { procedureCode: LAND_DATA, draft: true });
});

afterAll(async () => {
  await a.close();
  rmSync(work, { recursive: true, force: true });
});

describe('backup', () => {
  it('needs a folder and the recovery passphrase; the sheet is a PDF with the key fingerprint', async () => {
    expect((await a.fail('backup.run', t.admin)).code).toBe('BACKUP_NOT_CONFIGURED');
    expect((await a.fail('backup.configure', t.admin, { folder: join(work, 'khong-co'), daily: true, dailyAt: '17:30', afterDayClose: true, keepLast: 2 })).code).toBe(
      'BACKUP_FOLDER_UNUSABLE',
    );
    await a.call('backup.configure', t.admin, { folder, daily: true, dailyAt: '17:30', afterDayClose: true, keepLast: 2 });
    expect((await a.fail('backup.setPassphrase', t.admin, { passphrase: 'ngan-qua', confirm: 'ngan-qua' })).code).toBe('PASSPHRASE_WEAK');
    const set = await a.call<{ fingerprint: string; sheet: { bytes: Uint8Array } }>('backup.setPassphrase', t.admin, { passphrase: PASS, confirm: PASS });
    expect(set.fingerprint).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(Buffer.from(set.sheet.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const status = await a.call<BackupStatus>('backup.status', t.supervisor, {});
    expect(status).toMatchObject({ configured: true, fingerprint: set.fingerprint, lastSuccess: null });
    expect(JSON.stringify(a.core.db.$client.prepare("SELECT value FROM settings WHERE key = 'backup.config'").get())).not.toContain(PASS);
  });

  it('writes an encrypted, verifiable backup; a wrong passphrase is refused before anything is decrypted', async () => {
    const status = await backupNow(a, t.supervisor);
    expect(status.lastSuccess).toMatchObject({ dossiers: 2, missing: 0 });
    expect(status.warning).toBeNull();
    const [file] = snapshots();
    const path = join(folder, 'DaiLyDVC-DL001-01', 'snapshots', file ?? '');
    const bytes = readFileSync(path);
    // nothing personal in the clear: the applicant's name and the SQLite header are not in the file
    expect(bytes.includes(Buffer.from(first.applicant.fullName ?? 'x'))).toBe(false);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    await expect(openBackup(path, 'mot-cum-khac-hoan-toan')).rejects.toMatchObject({ code: 'BACKUP_WRONG_PASSPHRASE' });
    const report = await verifyBackup(await openBackup(path, PASS), join(work, 'verify'));
    expect(report.facts.dossiers).toBe(2);
    expect(report.blobs).toBe(objects().length);
  });

  it('is incremental: the next backup writes only the new page files; keeps the last N', async () => {
    const before = objects().length;
    const added = await takeDossier(a, t.agent, { procedureCode: LAND_DATA });
    const pagesAdded = added.components.reduce((n, c) => n + c.pages.length, 0);
    const status = await backupNow(a, t.admin);
    expect(objects().length).toBe(before + pagesAdded);
    expect(status.lastSuccess?.bytesWritten).toBeLessThan(status.lastSuccess?.bytesTotal ?? 0);
    await backupNow(a, t.admin);
    expect(snapshots()).toHaveLength(2); // keepLast 2
    const listed = await a.call<BackupListItem[]>('backup.list', t.admin, {});
    expect(listed.map((b) => b.dossiers)).toEqual([3, 3]);
  });

  it('a damaged page object or header is found by the verifier', async () => {
    const path = join(folder, 'DaiLyDVC-DL001-01', 'snapshots', snapshots().at(-1) ?? '');
    const objectFile = join(folder, 'DaiLyDVC-DL001-01', 'objects', String(objects()[0]));
    const original = readFileSync(objectFile);
    const flipped = Buffer.from(original);
    flipped[flipped.length - 20] = (flipped[flipped.length - 20] ?? 0) ^ 1;
    writeFileSync(objectFile, flipped);
    await expect(verifyBackup(await openBackup(path, PASS), join(work, 'verify'))).rejects.toMatchObject({ code: 'BACKUP_DAMAGED' });
    writeFileSync(objectFile, original);
    const header = readFileSync(path);
    const edited = Buffer.from(header.toString('latin1').replace('"dossiers":3', '"dossiers":4'), 'latin1');
    const copy = join(work, 'sua.dvcbak');
    writeFileSync(copy, edited);
    await expect(openBackup(copy, PASS)).rejects.toMatchObject({ code: 'BACKUP_DAMAGED' });
  });
});

describe('restore', () => {
  it('onto a fresh install: everything back under the new PC key, sessions of the old PC ended', async () => {
    const b = await startHarness({ dataDir: join(work, 'b') });
    try {
      const file = (await b.call<BackupListItem[]>('backup.list', null, { folder }))[0]?.file ?? '';
      expect((await b.fail('restore.inspect', null, { file, passphrase: 'sai-cum-mat-khau-roi' })).code).toBe('BACKUP_WRONG_PASSPHRASE');
      const seen = await b.call<RestoreInspect>('restore.inspect', null, { file, passphrase: PASS });
      expect(seen.needsConfirmation).toBe(false);
      const done = await b.call<{ dossiers: number; restarting: boolean }>('restore.apply', null, { file, passphrase: PASS });
      expect(done).toMatchObject({ dossiers: 3, restarting: true });
      await expect.poll(async () => (await b.call<{ setupRequired: boolean }>('app.info', null, {})).setupRequired, { timeout: 30_000 }).toBe(false);
      expect((await b.fail('dossiers.list', t.agent, {})).code).toBe('UNAUTHENTICATED');
      const agent = (await b.call<{ token: string }>('auth.login', null, { username: 'nv.lan', password: 'tiepnhan01' })).token;
      const list = await b.call<{ items: DossierListItem[] }>('dossiers.list', agent, {});
      expect(list.items.map((i) => i.localCode).sort()).toEqual(
        (await a.call<{ items: DossierListItem[] }>('dossiers.list', t.agent, {})).items.map((i) => i.localCode).sort(),
      );
      const page = first.components.flatMap((c) => c.pages)[0];
      const image = await b.call<{ bytes: Uint8Array }>('pages.image', agent, { pageId: page?.id, variant: 'full' });
      const original = await a.call<{ bytes: Uint8Array }>('pages.image', t.agent, { pageId: page?.id, variant: 'full' });
      expect(Buffer.from(image.bytes).equals(Buffer.from(original.bytes))).toBe(true);
      // a different master key: the restored files are sealed for this PC, not copied from the old one
      expect(readFileSync(join(work, 'b', 'master-key.DEV-NOT-PROTECTED.json'), 'utf8')).not.toBe(
        readFileSync(join(work, 'a', 'master-key.DEV-NOT-PROTECTED.json'), 'utf8'),
      );
      expect((await b.call<{ ok: boolean }>('audit.verify', (await b.call<{ token: string }>('auth.login', null, { username: 'admin', password: 'quantri2026' })).token, {})).ok).toBe(true);
    } finally {
      await b.close();
    }
  });

  it('an older backup over newer data says what will be lost and needs confirmation', async () => {
    const later = await takeDossier(a, t.agent, { procedureCode: LAND_DATA });
    const file = (await a.call<BackupListItem[]>('backup.list', t.admin, {}))[0]?.file ?? '';
    const seen = await a.call<RestoreInspect>('restore.inspect', t.admin, { file, passphrase: PASS });
    expect(seen.needsConfirmation).toBe(true);
    expect(seen.loss.newerCodes).toEqual([later.localCode]);
    expect(seen.lossText).toContain(later.localCode);
    expect((await a.fail('restore.inspect', t.supervisor, { file, passphrase: PASS })).code).toBe('FORBIDDEN');
    const refused = await a.fail('restore.apply', t.admin, { file, passphrase: PASS });
    expect(refused.code).toBe('RESTORE_CONFIRM_REQUIRED');
    expect(refused.message).toContain(later.localCode);
    await a.call('restore.apply', t.admin, { file, passphrase: PASS, confirmLoss: true });
    await expect.poll(async () => (await a.fail('dossiers.list', t.agent, {})).code, { timeout: 30_000 }).toBe('UNAUTHENTICATED');
    const admin = (await a.call<{ token: string }>('auth.login', null, { username: 'admin', password: 'quantri2026' })).token;
    expect((await a.call<{ total: number }>('dossiers.list', admin, {})).total).toBe(3);
    expect(existsSync(join(work, 'a', BEFORE_RESTORE_DIR, 'dai-ly-dvc.sqlite'))).toBe(true);
    t = { ...t, admin };
  });

  it('pages added after a restore still back up (the office key and object names came back with the data)', async () => {
    const agent = (await a.call<{ token: string }>('auth.login', null, { username: 'nv.lan', password: 'tiepnhan01' })).token;
    const d = await takeDossier(a, agent, { procedureCode: LAND_DATA, draft: true, skipScans: true });
    await a.call('pages.add', agent, { dossierId: d.id, componentId: d.components[0]?.id, fileName: 'moi.jpg', bytes: await tinyJpeg(4242) });
    const before = objects().length;
    const status = await backupNow(a, t.admin);
    expect(status.lastSuccess?.dossiers).toBe(4);
    expect(objects().length).toBe(before + 1);
  });
});
