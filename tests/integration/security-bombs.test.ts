// Small files that claim huge work (many large TIFF frames, huge PDF pages, a content stream that inflates 1000-fold)
// and a file just over the size limit: refused in seconds with a message that says what to do, the dossier untouched.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail, Page } from '../../electron/common/contract';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { createDevKeyVault } from '../../electron/core/crypto/dev-key-vault';
import { silentLogger } from '../../electron/core/logger';
import { makeBombFiles } from '../support/make-bad-files';
import { adminLogin, office, repoRoot, testClock } from '../support/core-harness';
import { multiPageTiff, twoPagePdf } from '../support/make-page-files';
import { BIRTH } from '../support/review-fixtures';

let core: AppCore;
let dataDir = '';
let admin = '';
let dossier: DossierDetail;

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

async function add(name: string, bytes: Uint8Array, limitMs: number): Promise<Answer | 'no answer'> {
  const call = core.router.dispatch('pages.add', admin, { dossierId: dossier.id, componentId: dossier.components[0]?.id, fileName: name, bytes }) as Promise<Answer>;
  return Promise.race([call, new Promise<'no answer'>((r) => setTimeout(() => r('no answer'), limitMs).unref())]);
}

/** peak resident memory of this process (the inspect thread is a thread of it), MB */
const peakMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dvc-bombs-'));
  core = await createAppCore({
    dataDir,
    resourcesDir: join(repoRoot, 'resources'),
    logger: silentLogger,
    clock: testClock(),
    ocr: false,
    vault: createDevKeyVault(dataDir),
    inspectWorker: {
      entry: new URL('../../electron/workers/inspect-worker.ts', import.meta.url),
      loader: import.meta.resolve('tsx/esm/api'),
    },
  });
  const r = (await core.router.dispatch('setup.complete', null, { office, admin: adminLogin })) as { ok: true; value: { token: string } };
  admin = r.value.token;
  dossier = ((await core.router.dispatch('dossiers.create', admin, { procedureCode: BIRTH })) as { ok: true; value: DossierDetail }).value;
});
afterAll(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('files that would stall the app', () => {
  for (const bomb of makeBombFiles()) {
    it(`refuses ${bomb.why} (${String(Math.round(bomb.bytes.length / 1024))} KB) within 15 s`, async () => {
      const before = peakMb();
      const started = Date.now();
      const answer = await add(bomb.name, bomb.bytes, 15_000);
      const took = Date.now() - started;
      process.stdout.write(`${bomb.why}: ${answer === 'no answer' ? 'no answer' : answer.ok ? 'accepted' : answer.error.code} in ${String(took)} ms, peak memory +${(peakMb() - before).toFixed(0)} MB\n`);
      expect(answer).not.toBe('no answer');
      if (answer === 'no answer' || answer.ok) throw new Error(`${bomb.why} was accepted`);
      expect(['FILE_TOO_HEAVY', 'IMAGE_TOO_LARGE', 'PDF_TOO_MANY_PAGES']).toContain(answer.error.code);
      expect(answer.error.message).toContain(bomb.name);
      expect(answer.error.message).toMatch(/Hãy /);
      const pages = core.db.$client.prepare('SELECT count(*) AS n FROM pages WHERE dossier_id = ?').get(dossier.id) as { n: number };
      expect(pages.n).toBe(0);
    });
  }

  it('still takes real multi-page files through the same path', async () => {
    for (const file of [await multiPageTiff(), await twoPagePdf()]) {
      const answer = await add(file.name, file.bytes, 60_000);
      if (answer === 'no answer' || !answer.ok) throw new Error(`${file.name}: ${JSON.stringify(answer)}`);
      expect((answer.value as { pages: Page[] }).pages.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('refuses a file of 50 MB + 10 B from its size, before decoding anything', async () => {
    const big = new Uint8Array(50 * 1024 * 1024 + 10);
    big.set([0x49, 0x49, 0x2a, 0x00]); // a TIFF header: decoding it would be the expensive way to learn it is too big
    const started = Date.now();
    const answer = await add('qua-lon.tif', big, 15_000);
    if (answer === 'no answer' || answer.ok) throw new Error('not refused');
    expect(answer.error.code).toBe('FILE_TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
