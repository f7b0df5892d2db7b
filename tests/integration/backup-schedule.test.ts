// Automatic backups in the running app: after the day close, at the daily time, a failure the supervisor sees, keep N.
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupStatus } from '../../electron/common/backup-contract';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { createDevKeyVault } from '../../electron/core/crypto/dev-key-vault';
import { silentLogger } from '../../electron/core/logger';
import { fakeOcr, repoRoot, setupOffice, testClock, type Harness } from '../support/core-harness';

const work = mkdtempSync(join(tmpdir(), 'dvc-backup-schedule-'));
const usb = join(work, 'usb');
const PASS = 'lich-sao-luu-moi-ngay-2026';
const HOUR = 3_600_000;
// 09:00 in Vietnam on Friday 20/11/2026
const clock = testClock(Date.parse('2026-11-20T02:00:00Z'));
let core: AppCore;
let h: Pick<Harness, 'call' | 'fail'>;
let tokens: Awaited<ReturnType<typeof setupOffice>>;

const status = () => h.call<BackupStatus>('backup.status', tokens.supervisor, {});
const snapshots = () => readdirSync(join(usb, 'DaiLyDVC-DL001-01', 'snapshots')).filter((n) => n.endsWith('.dvcbak'));
const reasons = () =>
  (core.db.$client.prepare("SELECT details FROM audit_log WHERE action = 'backup.run' ORDER BY id").all() as { details: string }[]).map(
    (r) => JSON.parse(r.details) as { reason: string; ok: boolean },
  );

/** moves the test clock; the sessions of the admin and the supervisor end after a long idle, so they sign in again */
async function later(ms: number): Promise<void> {
  clock.advance(ms);
  const login = async (username: string, password: string) => (await h.call<{ token: string }>('auth.login', null, { username, password })).token;
  tokens = { ...tokens, admin: await login('admin', 'quantri2026'), supervisor: await login('ts.mai', 'kiemsoat01') };
}

/** waits until the backup that should start has run (the schedule is looked at every 200 ms of real time) */
async function settled(count: number): Promise<BackupStatus> {
  await expect.poll(() => reasons().length, { timeout: 60_000, interval: 100 }).toBe(count);
  await expect.poll(async () => (await status()).running, { timeout: 30_000, interval: 100 }).toBeNull();
  return status();
}

beforeAll(async () => {
  mkdirSync(usb);
  core = await createAppCore({
    dataDir: join(work, 'data'),
    resourcesDir: join(repoRoot, 'resources'),
    logger: silentLogger,
    clock,
    ocr: fakeOcr,
    vault: createDevKeyVault(join(work, 'data')),
    backupScrypt: { N: 2 ** 12, r: 8, p: 1 },
    backupTickMs: 200,
  });
  const call = async <T>(name: string, session: string | null, input: unknown = {}): Promise<T> => {
    const r = await core.router.dispatch(name, session, input);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const fail: Harness['fail'] = async (name, session, input = {}) => {
    const r = await core.router.dispatch(name, session, input);
    if (r.ok) throw new Error(`${name} unexpectedly succeeded`);
    return r.error;
  };
  h = { call, fail };
  tokens = await setupOffice({ ...h, core, clock, dataDir: join(work, 'data'), close: () => core.close() });
});

afterAll(async () => {
  await core.close();
  rmSync(work, { recursive: true, force: true });
});

describe('automatic backups', () => {
  it('before set-up the supervisor is warned that nothing is backed up', async () => {
    const s = await status();
    expect(s.configured).toBe(false);
    expect(s.warning).toMatch(/^Chưa cài đặt sao lưu dữ liệu/);
    expect((await h.fail('backup.configure', tokens.supervisor, { folder: usb, daily: false, dailyAt: '17:30', afterDayClose: true, keepLast: 2 })).code).toBe('FORBIDDEN');
  });

  it('runs right after the day close when the admin asked for it', async () => {
    await h.call('backup.configure', tokens.admin, { folder: usb, daily: false, dailyAt: '17:30', afterDayClose: true, keepLast: 2 });
    await h.call('backup.setPassphrase', tokens.admin, { passphrase: PASS, confirm: PASS });
    await new Promise((r) => setTimeout(r, 1000)); // a few schedule ticks: daily is off, nothing starts
    expect(reasons()).toEqual([]);
    expect((await status()).nextDueAt).toBeNull();
    await later(8 * HOUR); // 17:00
    await h.call('reports.closeDay', tokens.supervisor, { date: '2026-11-20' });
    const s = await settled(1);
    expect(reasons()).toEqual([expect.objectContaining({ reason: 'day-close', ok: true })]);
    expect(s.lastSuccess?.at).toBe(clock.now());
    expect(s.warning).toBeNull();
  });

  it('runs every day at the chosen time (Vietnam time), and not before', async () => {
    await h.call('backup.configure', tokens.admin, { folder: usb, daily: true, dailyAt: '17:30', afterDayClose: true, keepLast: 2 });
    // the day close's backup at 17:00 came before today's 17:30 slot: the slot still runs
    expect((await status()).nextDueAt).toBe(Date.parse('2026-11-20T10:30:00Z'));
    await later(20 * 60_000); // 17:20
    await new Promise((r) => setTimeout(r, 1000));
    expect(reasons()).toHaveLength(1);
    await later(11 * 60_000); // 17:31
    const s = await settled(2);
    expect(reasons()[1]).toMatchObject({ reason: 'schedule', ok: true });
    expect(s.nextDueAt).toBe(Date.parse('2026-11-21T10:30:00Z'));
  });

  it('a failed backup (the USB drive unplugged) is a warning on the supervisor’s screen until one succeeds', async () => {
    renameSync(usb, `${usb}-rut-ra`);
    await later(24 * HOUR); // the next day, 17:31
    const failed = await settled(3);
    expect(reasons()[2]).toMatchObject({ reason: 'schedule', ok: false });
    expect(failed.lastFailure?.at).toBe(clock.now());
    expect(failed.warning).toMatch(/^Sao lưu lúc 17:31 21\/11\/2026 không thành công: /);
    // tried again an hour later, not at every tick
    expect(failed.nextDueAt).toBe(clock.now() + HOUR);
    await new Promise((r) => setTimeout(r, 1000));
    expect(reasons()).toHaveLength(3);
    renameSync(`${usb}-rut-ra`, usb);
    await later(HOUR + 60_000);
    const ok = await settled(4);
    expect(ok.warning).toBeNull();
    expect(ok.lastSuccess?.at).toBe(clock.now());
  });

  it('keeps the last N backups in the folder', () => {
    expect(reasons().filter((r) => r.ok)).toHaveLength(3);
    expect(snapshots()).toHaveLength(2);
  });
});
