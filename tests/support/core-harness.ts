// Test harness: a real core (temp SQLite + blobs, shipped resources) with a controllable clock and a fake OCR engine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { silentLogger } from '../../electron/core/logger';
import type { OcrEngine } from '../../electron/core/ocr/ocr-engine';
import { createDevKeyVault } from '../../electron/core/crypto/dev-key-vault';

export const repoRoot = resolve(import.meta.dirname, '../..');

export type TestClock = { now(): number; advance(ms: number): void };

export function testClock(start = Date.parse('2026-11-20T02:00:00Z')): TestClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export const fakeOcr: OcrEngine = {
  recognize: (image: Uint8Array) =>
    Promise.resolve({
      text: `Trang giả lập ${image.length} byte`,
      confidence: 91,
      words: [{ text: 'Trang', confidence: 91, bbox: { x0: 10, y0: 10, x1: 60, y1: 30 } }],
      durationMs: 1,
    }),
  terminate: () => Promise.resolve(),
};

export type Harness = {
  core: AppCore;
  clock: TestClock;
  dataDir: string;
  call<T = unknown>(name: string, session: string | null, input?: unknown): Promise<T>;
  fail(
    name: string,
    session: string | null,
    input?: unknown,
  ): Promise<{ code: string; message: string; fields?: Record<string, string>; params?: Record<string, string | number> }>;
  close(): Promise<void>;
};

export async function startHarness(
  opts: { dataDir?: string; clock?: TestClock; ocr?: OcrEngine | false } = {},
): Promise<Harness> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'dvc-core-'));
  const clock = opts.clock ?? testClock();
  const core = await createAppCore({
    dataDir,
    resourcesDir: join(repoRoot, 'resources'),
    logger: silentLogger,
    clock,
    ocr: opts.ocr ?? fakeOcr,
    vault: createDevKeyVault(dataDir),
    // a cheap recovery-passphrase KDF for tests (production: N=2^17, ~2 s here per passphrase)
    backupScrypt: { N: 2 ** 12, r: 8, p: 1 },
  });
  return {
    core,
    clock,
    dataDir,
    async call<T>(name: string, session: string | null, input: unknown = {}) {
      const r = await core.router.dispatch(name, session, input);
      if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    },
    async fail(name, session, input = {}) {
      const r = await core.router.dispatch(name, session, input);
      if (r.ok) throw new Error(`${name} unexpectedly succeeded`);
      return r.error;
    },
    async close() {
      await core.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const office = {
  code: 'DL001',
  name: 'Bưu điện văn hoá xã Thử Nghiệm',
  address: 'Thôn Đông, xã Thử Nghiệm, Hà Nội',
};
export const adminLogin = { username: 'admin', fullName: 'Trần Quản Trị', password: 'quantri2026' };

export async function setupOffice(
  h: Harness,
): Promise<{ admin: string; agent: string; agent2: string; supervisor: string }> {
  const admin = (await h.call<{ token: string }>('setup.complete', null, { office, admin: adminLogin }))
    .token;
  const users = [
    { username: 'nv.lan', fullName: 'Lê Thị Lan', role: 'agent', password: 'tiepnhan01' },
    { username: 'nv.hung', fullName: 'Phạm Văn Hùng', role: 'agent', password: 'tiepnhan02' },
    { username: 'ts.mai', fullName: 'Đỗ Thị Mai', role: 'supervisor', password: 'kiemsoat01' },
  ];
  for (const u of users) await h.call('users.create', admin, u);
  const login = async (username: string, password: string) =>
    (await h.call<{ token: string }>('auth.login', null, { username, password })).token;
  return {
    admin,
    agent: await login('nv.lan', 'tiepnhan01'),
    agent2: await login('nv.hung', 'tiepnhan02'),
    supervisor: await login('ts.mai', 'kiemsoat01'),
  };
}
