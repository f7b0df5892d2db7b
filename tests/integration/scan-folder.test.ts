// The watched scan folder: pages arrive complete, in order, exactly once, even when the app is killed mid-import.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '../../db/client';
import type { Page } from '../../electron/common/contract';
import { bundleChild, type ChildBundle } from '../support/child-bundle';
import { makeRng, type Rng } from '../support/fake-citizen';
import { createDevKeyVault, openDataDirDatabase } from '../support/encrypted-data';

const repo = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'dvc-scan-crash-'));
const dataDir = join(work, 'data');
const scanDir = join(work, 'may-quet');
const ROUNDS = 8;
const FILES = 24;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// the app is bundled once and started with plain node: each of the 9 starts under tsx cost seconds of CPU
let appBundle: ChildBundle;

beforeAll(async () => {
  appBundle = await bundleChild(join(repo, 'tests/support/scan-folder-child.ts'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  appBundle.remove();
});

/** A distinct page scan of ~40-120 KB: noise makes every file different and big enough to take many chunks. */
async function pageScan(n: number, rng: Rng): Promise<Uint8Array> {
  const w = 300;
  const h = 420;
  const raw = Buffer.alloc(w * h * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = 200 + Math.floor(rng() * 56) - (i % 97 === n % 97 ? 150 : 0);
  const img = sharp(raw, { raw: { width: w, height: h, channels: 3 } });
  return new Uint8Array(n % 3 === 0 ? await img.png().toBuffer() : await img.jpeg({ quality: 92 }).toBuffer());
}

/**
 * Writes like a network scanner: chunks of 8 KB with pauses of up to 60 ms; every third file is written under a
 * temporary name and renamed when done (as many scanner drivers do).
 */
async function writeSlowly(name: string, bytes: Uint8Array, rng: Rng): Promise<void> {
  const viaTemp = rng() < 0.33;
  const path = join(scanDir, viaTemp ? `~${name}.tmp` : name);
  const handle = await open(path, 'w');
  try {
    for (let at = 0; at < bytes.length; at += 8192) {
      await handle.write(bytes.subarray(at, Math.min(bytes.length, at + 8192)));
      await sleep(5 + Math.floor(rng() * 55));
    }
  } finally {
    await handle.close();
  }
  if (viaTemp) await rename(path, join(scanDir, name));
}

type Child = { ready: Promise<void>; kill(): Promise<void>; lastStatus(): { waiting: number; importing: string | null } | null };

function startApp(): Child {
  const child = spawn(process.execPath, [appBundle.file, dataDir, join(repo, 'resources'), scanDir], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffer = '';
  let stderr = '';
  let status: { waiting: number; importing: string | null } | null = null;
  let markReady: () => void = () => undefined;
  let fail: (e: Error) => void = () => undefined;
  const ready = new Promise<void>((res, rej) => {
    markReady = res;
    fail = rej;
  });
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.on('data', (c: Buffer) => {
    buffer += c.toString('utf8');
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line.startsWith('READY')) markReady();
      if (line.startsWith('STATUS ')) status = JSON.parse(line.slice(7)) as typeof status;
    }
  });
  const exited = new Promise<void>((res) => child.on('exit', () => res()));
  child.on('exit', (code, signal) => {
    if (signal !== 'SIGKILL') fail(new Error(`app exited ${String(code)}: ${stderr}`));
  });
  return {
    ready,
    lastStatus: () => status,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

function journalSize(): { rows: number; committedNotMoved: number } {
  if (!existsSync(join(dataDir, 'dai-ly-dvc.sqlite'))) return { rows: 0, committedNotMoved: 0 };
  const db = openDataDirDatabase(dataDir);
  try {
    const n = (sql: string) => (db.$client.prepare(sql).get() as { n: number }).n;
    return { rows: n('SELECT count(*) AS n FROM scan_imports'), committedNotMoved: n("SELECT count(*) AS n FROM scan_imports WHERE state = 'committed'") };
  } finally {
    closeDatabase(db);
  }
}

function pageFilesLeft(): string[] {
  return readdirSync(scanDir).filter((n) => /\.(jpg|png)$/.test(n));
}

describe('scan folder survives SIGKILL', () => {
  it(`imports every page once and complete over ${ROUNDS} kills`, async () => {
    mkdirSync(scanDir, { recursive: true });
    const rng = makeRng(77);
    const written = new Map<string, string>(); // file name -> sha256
    const files: { name: string; bytes: Uint8Array }[] = [];
    for (let i = 1; i <= FILES; i++) {
      const bytes = await pageScan(i, rng);
      files.push({ name: `scan_${String(i).padStart(4, '0')}.${i % 3 === 0 ? 'png' : 'jpg'}`, bytes });
    }
    // the scanner keeps delivering while the app is killed and restarted
    const scanner = (async () => {
      for (const f of files) {
        await writeSlowly(f.name, f.bytes, rng);
        written.set(f.name, sha(f.bytes));
        // a person turning pages: the scanner keeps delivering across several app restarts
        await sleep(300 + Math.floor(rng() * 900));
      }
    })();

    const rounds: string[] = [];
    let importsInKilledRuns = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const before = journalSize();
      const app = startApp();
      await app.ready;
      await sleep(200 + Math.floor(rng() * 1300));
      await app.kill();
      const after = journalSize();
      importsInKilledRuns += after.rows - before.rows;
      rounds.push(`+${String(after.rows - before.rows)} imported, ${String(after.committedNotMoved)} committed but not moved, ${String(pageFilesLeft().length)} waiting`);
    }
    await scanner;
    console.log(`scan-folder kills:\n  ${rounds.join('\n  ')}`);
    // the kills must have hit a running import pipeline, not an idle app
    expect(importsInKilledRuns).toBeGreaterThan(0);

    // a last run without a kill: everything waiting comes in
    const app = startApp();
    await app.ready;
    for (let waited = 0; pageFilesLeft().length > 0 || (app.lastStatus()?.importing ?? null) !== null; waited += 100) {
      if (waited > 60_000) throw new Error(`files still waiting: ${pageFilesLeft().join(', ')}`);
      await sleep(100);
    }
    await sleep(300);
    await app.kill();

    const db = openDataDirDatabase(dataDir);
    try {
      const pages = db.$client
        .prepare('SELECT source_name AS name, blob_sha256 AS sha, ord FROM pages ORDER BY ord')
        .all() as { name: string; sha: string; ord: number }[];
      // none lost, none twice, none half-written (the stored bytes are the scanner's complete file)
      expect(pages.map((p) => p.name).sort()).toEqual([...written.keys()].sort());
      for (const p of pages) expect(p.sha, p.name).toBe(written.get(p.name));
      // in the scanner's order
      expect(pages.map((p) => p.name)).toEqual([...written.keys()].sort());
      const journal = db.$client.prepare('SELECT file_name AS name, state FROM scan_imports').all() as { name: string; state: string }[];
      expect(journal.map((j) => j.name).sort()).toEqual([...written.keys()].sort());
    } finally {
      closeDatabase(db);
    }
    // every scan left the scanner's folder once its sealed page was committed: no plaintext copy stays behind
    expect(pageFilesLeft()).toEqual([]);
    expect(existsSync(join(scanDir, '.imported'))).toBe(false);
  });
});

describe('scan folder at the counter', () => {
  it('waits without a dossier, then brings pages in order, sets bad files aside and offers blank backs for removal', async () => {
    const { createAppCore } = await import('../../electron/core/app-core');
    const { silentLogger } = await import('../../electron/core/logger');
    const { makeTextPage } = await import('../support/make-text-page');
    const dir = join(work, 'quay-2');
    const folder = join(work, 'quet-2');
    mkdirSync(folder, { recursive: true });
    const core = await createAppCore({ dataDir: dir, resourcesDir: join(repo, 'resources'), logger: silentLogger, ocr: false, scanner: { stableMs: 150, pollMs: 50 }, vault: createDevKeyVault(dir) });
    type Status = { waiting: number; target: unknown; rejected: { fileName: string; message: string }[]; blankPages: { pageId: string }[]; problem: string | null };
    let status = null as Status | null;
    core.events.subscribe((name, payload) => {
      if (name === 'scanner.status') status = payload as Status;
    });
    const call = async <T>(name: string, session: string | null, input: unknown): Promise<T> => {
      const r = await core.router.dispatch(name, session, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value as T;
    };
    const until = async (what: string, test: () => boolean) => {
      for (let waited = 0; !test(); waited += 50) {
        if (waited > 15_000) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(status)}`);
        await sleep(50);
      }
    };
    try {
      const token = (await call<{ token: string }>('setup.complete', null, {
        office: { code: 'DL002', name: 'Điểm thử 2', address: 'Số 2, Hà Nội' },
        admin: { username: 'admin', fullName: 'Quản trị viên', password: 'den-long-pho-co-2026' },
      })).token;
      await call('settings.update', token, { scanFolder: join(work, 'khong-co') });
      await until('the missing-folder problem', () => status?.problem?.includes('thư mục không tồn tại') ?? false);
      await call('settings.update', token, { scanFolder: folder });

      const text = await makeTextPage({ lines: ['TỜ KHAI ĐĂNG KÝ KHAI SINH', 'Họ và tên người yêu cầu: Lê Văn Thử'], format: 'jpeg', width: 1240, height: 1754 });
      const blank = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#f6f5f0' } }).jpeg().toBuffer();
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(folder, 'scan10.jpg'), text);
      writeFileSync(join(folder, 'scan2.jpg'), blank);
      writeFileSync(join(folder, 'scan1.jpg'), text.subarray(0, 2000)); // a broken file, complete on disk
      writeFileSync(join(folder, '~scan3.jpg.tmp'), text);
      writeFileSync(join(folder, 'ghi-chu.txt'), 'không phải trang quét');
      // no dossier open yet: everything waits
      await until('3 waiting pages', () => status?.waiting === 3);
      expect(readdirSync(folder).filter((n) => n.endsWith('.jpg'))).toHaveLength(3);

      const d = await call<{ id: string; components: { id: number; name: string }[] }>('dossiers.create', token, { procedureCode: '1.001193' });
      const slot = d.components.find((c) => c.name.startsWith('Tờ khai')) ?? d.components[0];
      const s = await call<{ target: { componentName: string } | null }>('scanner.setTarget', token, { target: { dossierId: d.id, componentId: slot?.id } });
      expect(s.target?.componentName).toBe(slot?.name);
      await until('imports', () => status?.waiting === 0 && (status.rejected.length ?? 0) === 1);
      expect(status?.rejected[0]).toEqual({ fileName: 'scan1.jpg', message: 'Tệp "scan1.jpg" bị hỏng hoặc chưa ghi xong, không đọc được. Hãy quét hoặc sao chép lại.' });
      const detail = await call<{ components: { id: number; pages: { id: string; sourceName: string }[] }[] }>('dossiers.get', token, { id: d.id });
      const pages = detail.components.find((c) => c.id === slot?.id)?.pages ?? [];
      expect(pages.map((p) => p.sourceName)).toEqual(['scan2.jpg', 'scan10.jpg']);
      expect(status?.blankPages.map((b) => b.pageId)).toEqual([pages[0]?.id]);
      // imported scans are gone from the folder (wiped, not kept in plaintext); the rest is left alone
      expect(readdirSync(folder).sort()).toEqual(['ghi-chu.txt', 'scan1.jpg', '~scan3.jpg.tmp']);

      // the agent keeps the blank page after all: no longer offered, and its "nearly blank" warning is answered
      await call('scanner.keepPages', token, { pageIds: [pages[0]?.id] });
      await until('no blank offers', () => status?.blankPages.length === 0);
      const kept = await call<{ components: { id: number; pages: Page[] }[] }>('dossiers.get', token, { id: d.id });
      const keptPage = kept.components.find((c) => c.id === slot?.id)?.pages[0];
      expect(keptPage?.qualityWarnings?.map((w) => w.code)).toContain('nearly_blank');
      expect(keptPage?.qualityAccepted?.byName).toBeTruthy();

      // an imported file that reappears (its unlink lost in a power cut) is the same scan: removed again, not imported again
      writeFileSync(join(folder, 'scan10.jpg'), text);
      await until('scan10.jpg removed again', () => !existsSync(join(folder, 'scan10.jpg')));
      const again = await call<{ components: { id: number; pages: unknown[] }[] }>('dossiers.get', token, { id: d.id });
      expect(again.components.find((c) => c.id === slot?.id)?.pages).toHaveLength(2);
      expect(existsSync(join(folder, '.imported'))).toBe(false);

      // the broken file fixed by the scanner (rewritten complete) comes in
      writeFileSync(join(folder, 'scan1.jpg'), text);
      await until('scan1.jpg imported', () => !existsSync(join(folder, 'scan1.jpg')));
      expect(status?.rejected).toEqual([]);
    } finally {
      await core.close();
    }
  });
});
