// Setting up the portal connection: a secret that cannot be stored changes nothing (not even the address).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { silentLogger } from '../../electron/core/logger';
import type { Secrets } from '../../electron/core/sync/secrets';
import { fakeOcr, office, adminLogin, repoRoot, testClock } from '../support/core-harness';
import { createDevKeyVault } from '../support/encrypted-data';

const dir = mkdtempSync(join(tmpdir(), 'dvc-sync-configure-'));
const stored = new Map<string, string>();
let refuse = false;
/** like safeStorage: refuses when encryption is not available (a Linux desktop without a keyring) */
const secrets: Secrets = {
  get: (name) => Promise.resolve(stored.get(name) ?? null),
  set: (name, value) => {
    if (refuse) return Promise.reject(new Error('Máy này không mã hoá được mật khẩu (không có kho khoá của hệ điều hành).'));
    if (value === null) stored.delete(name);
    else stored.set(name, value);
    return Promise.resolve();
  },
};
let core: AppCore;
let admin = '';

async function call<T>(name: string, input: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } }> {
  return (await core.router.dispatch(name, admin, input)) as never;
}

beforeAll(async () => {
  core = await createAppCore({ dataDir: dir, resourcesDir: join(repoRoot, 'resources'), logger: silentLogger, clock: testClock(), ocr: fakeOcr, secrets, vault: createDevKeyVault(dir) });
  const r = await core.router.dispatch('setup.complete', null, { office, admin: adminLogin });
  if (!r.ok) throw new Error(r.error.message);
  admin = (r.value as { token: string }).token;
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sync.configure', () => {
  it('stores the address and the credentials together', async () => {
    const r = await call<{ portalUrl: string; agentCode: string }>('sync.configure', { portalUrl: 'http://127.0.0.1:4999', agentCode: 'DL-001', secret: 'bi-mat-1' });
    expect(r.ok).toBe(true);
    expect(stored.get('portal.clientId')).toBe('DL-001');
    const settings = await call<{ portalUrl: string }>('settings.get', {});
    expect(settings.ok && settings.value.portalUrl).toBe('http://127.0.0.1:4999');
  });

  it('a secret the machine cannot store leaves the old address and credentials in place, with the reason', async () => {
    refuse = true;
    const r = await call('sync.configure', { portalUrl: 'https://dichvucong.example.vn', agentCode: 'DL-002', secret: 'bi-mat-2' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.fields?.secret).toMatch(/không mã hoá được/);
    }
    const settings = await call<{ portalUrl: string }>('settings.get', {});
    expect(settings.ok && settings.value.portalUrl).toBe('http://127.0.0.1:4999');
    expect(stored.get('portal.clientId')).toBe('DL-001');
    const audit = core.db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'sync.configure'").get() as { n: number };
    expect(audit.n).toBe(1);
  });
});
