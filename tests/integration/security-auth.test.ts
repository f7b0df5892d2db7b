// Probes of login and passwords: parallel guessing against the lockout, spraying many accounts, telling real usernames
// from made-up ones by the answer or its time, and weak passwords at set-up, user creation and reset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../electron/common/contract';
import { office, startHarness, type Harness } from '../support/core-harness';

let h: Harness;
let admin = '';
const adminPassword = 'bau-troi-xanh-2026';
const login = (username: string, password: string) => h.core.router.dispatch('auth.login', null, { username, password });

/** the failure bucket refills one token per 30 s: a jump of 10 minutes fills it, so each test starts with a full one */
async function refillBucket(): Promise<void> {
  h.clock.advance(10 * 60_000);
  admin = (await h.call<{ token: string }>('auth.login', null, { username: 'admin', password: adminPassword })).token;
}

beforeAll(async () => {
  h = await startHarness({ ocr: false });
  admin = (await h.call<{ token: string }>('setup.complete', null, { office, admin: { username: 'admin', fullName: 'Trần Quản Trị', password: adminPassword } })).token;
});
afterAll(async () => h.close());

describe('passwords', () => {
  it('refuses a weak administrator password at set-up, saying what to do', async () => {
    const fresh = await startHarness({ ocr: false });
    const setup = (username: string, password: string) =>
      fresh.fail('setup.complete', null, { office, admin: { username, fullName: 'Trần Quản Trị', password } });
    for (const [username, password] of [
      ['admin', 'password1'],
      ['admin', 'matkhau123'],
      ['admin', '123456789a'],
      ['admin', 'Matkhau@2026'],
      ['admin', 'abcde1234'], // 9 characters
      ['quantri', 'quantri2026'],
      ['nv.lan', 'NV.Lan-2026-xyz'],
      ['admin', '0912345678'],
      ['admin', 'x'.repeat(129)],
    ] as const) {
      const err = await setup(username, password);
      expect(err.code, `${username} / ${password}`).toBe('WEAK_PASSWORD');
      expect(err.fields?.password, password).toMatch(/^Mật khẩu .*Hãy /);
    }
    expect((await setup('admin', 'short')).fields?.password).toMatch(/ít nhất 10 ký tự/);
    expect((await setup('quantri', 'Quản-Trị-2026')).fields?.password).toMatch(/tên đăng nhập/);
    expect((await setup('admin', 'iloveyou2026')).fields?.password).toMatch(/phổ biến/);
    await fresh.call('setup.complete', null, { office, admin: { username: 'admin', fullName: 'Trần Quản Trị', password: adminPassword } });
    await fresh.close();
  });

  it('refuses weak passwords for new users and for a reset, and accepts a long one', async () => {
    const create = (username: string, password: string) =>
      h.fail('users.create', admin, { username, fullName: 'Lê Thị Lan', role: 'agent', password });
    expect((await create('nv.lan', 'password1')).code).toBe('WEAK_PASSWORD');
    expect((await create('nv.lan', 'nvlan-tiep-nhan')).code).toBe('WEAK_PASSWORD');
    expect((await create('nv.lan', 'anhyeuem123')).code).toBe('WEAK_PASSWORD');
    const lan = await h.call<User>('users.create', admin, { username: 'nv.lan', fullName: 'Lê Thị Lan', role: 'agent', password: 'tiepnhan01' });
    const reset = await h.fail('users.update', admin, { id: lan.id, password: 'Nv.Lan12345' });
    expect(reset.code).toBe('WEAK_PASSWORD');
    expect(reset.message).toMatch(/tên đăng nhập/);
    expect((await h.fail('users.update', admin, { id: lan.id, password: 'qwerty123456' })).code).toBe('WEAK_PASSWORD');
    await h.call('users.update', admin, { id: lan.id, password: 'hoa sen nở giữa hè 5' });
    expect((await login('nv.lan', 'hoa sen nở giữa hè 5')).ok).toBe(true);
  });
});

describe('login guessing', () => {
  it('keeps the lockout under 40 parallel wrong passwords: the right one afterwards is refused', async () => {
    await refillBucket();
    await h.call('users.create', admin, { username: 'nv.hung', fullName: 'Phạm Văn Hùng', role: 'agent', password: 'tiepnhan02' });
    const pending = Array.from({ length: 40 }, (_, i) => login('nv.hung', `doan-sai-${String(i)}-x`));
    // nothing is written before a password is checked: an app killed mid-check leaves no failure on record
    const onRecord = h.core.db.$client.prepare("SELECT failed_attempts AS n FROM users WHERE username = 'nv.hung'").get() as { n: number };
    expect(onRecord.n).toBe(0);
    const answers = await Promise.all(pending);
    const codes = answers.map((a) => (a.ok ? 'OK' : a.error.code));
    // at most 5 guesses were really checked; every other one was refused without being tried
    expect(codes.filter((c) => c === 'BAD_CREDENTIALS').length).toBeLessThanOrEqual(4);
    expect(codes.every((c) => c === 'BAD_CREDENTIALS' || c === 'ACCOUNT_LOCKED' || c === 'TOO_MANY_LOGINS')).toBe(true);
    const right = await login('nv.hung', 'tiepnhan02');
    expect(right.ok ? 'OK' : right.error.code).toBe('ACCOUNT_LOCKED');
    const failed = h.core.db.$client
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action IN ('auth.failed', 'auth.locked') AND entity_id = (SELECT id FROM users WHERE username = 'nv.hung')")
      .get() as { n: number };
    expect(failed.n).toBeLessThanOrEqual(5);
  });

  it('limits failed logins across all accounts (password spraying), then lets them through again', async () => {
    await refillBucket();
    const codes: string[] = [];
    // one guess at each of 15 usernames, real or not: no single account reaches its lockout
    for (let i = 0; i < 15; i += 1) {
      const r = await login(i % 3 === 0 ? 'nv.lan' : `nguoi.la${String(i)}`, `doan-thu-${String(i)}-abc`);
      codes.push(r.ok ? 'OK' : r.error.code);
    }
    expect(codes.slice(0, 10).every((c) => c === 'BAD_CREDENTIALS' || c === 'ACCOUNT_LOCKED')).toBe(true);
    expect(codes.slice(10).every((c) => c === 'TOO_MANY_LOGINS')).toBe(true);
    const blocked = await login('nv.lan', 'hoa sen nở giữa hè 5');
    expect(blocked.ok ? 'OK' : blocked.error.message).toMatch(/Hãy đợi \d+ giây/);
    h.clock.advance(31_000);
    expect((await login('nv.lan', 'hoa sen nở giữa hè 5')).ok).toBe(true);
  });

  it('answers an unknown username as it answers a real one: same codes, lock after 5, same time', async () => {
    await refillBucket();
    await h.call('users.create', admin, { username: 'ts.mai', fullName: 'Đỗ Thị Mai', role: 'supervisor', password: 'kiemsoat01' });
    const known: string[] = [];
    const unknown: string[] = [];
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      let t0 = performance.now();
      const a = await login('ts.mai', `sai-mat-khau-${String(i)}`);
      knownMs.push(performance.now() - t0);
      t0 = performance.now();
      const b = await login('ts.khong.co', `sai-mat-khau-${String(i)}`);
      unknownMs.push(performance.now() - t0);
      known.push(a.ok ? 'OK' : `${a.error.code}: ${a.error.message}`);
      unknown.push(b.ok ? 'OK' : `${b.error.code}: ${b.error.message}`);
    }
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toMatch(/^ACCOUNT_LOCKED/);
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
    process.stdout.write(`login answer, median of 5: known user ${median(knownMs).toFixed(0)} ms, unknown user ${median(unknownMs).toFixed(0)} ms\n`);
    // both pay for one scrypt hash (~50-100 ms); an answer without it would take ~1 ms
    expect(median(unknownMs)).toBeGreaterThan(median(knownMs) * 0.5);
    expect(median(unknownMs)).toBeLessThan(median(knownMs) * 2);
  });
});
