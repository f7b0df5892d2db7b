// The canary intake, start to finish through the router: real OCR, component PDF, receipt (printed from memory), re-use, sync.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DossierDetail, Page } from '../../electron/common/contract';
import type { ReusableDocuments } from '../../electron/common/digitize-contract';
import { toVietnamIsoDate } from '../../electron/common/format';
import { createAppCore } from '../../electron/core/app-core';
import { createDevKeyVault } from '../../electron/core/crypto/dev-key-vault';
import { createLogger } from '../../electron/core/logger';
import { pdfToPrintHtml } from '../../electron/core/pdf/print-html';
import { createDevSecrets } from '../../electron/core/sync/dev-secrets';
import { startPortalSim } from '../../scripts/portal-sim/server';
import type { Canary } from './canary';
import { office, adminLogin, repoRoot } from './core-harness';
import { makeTextPage } from './make-text-page';
import { LAND_DATA, tinyJpeg } from './review-fixtures';

export type CanaryDirs = { dataDir: string; tmpDir: string; logDir: string; portalDir: string };

/** What the flow produced in memory, to be looked for on disk afterwards. */
export type CanaryOutcome = {
  pageImage: Uint8Array;
  ocrText: string;
  componentPdf: Uint8Array;
  receiptPdf: Uint8Array;
  printHtml: string;
  thumbnail: Uint8Array;
  portalCode: string;
  reusedPages: number;
  upgraded: boolean;
  /** the earlier page asked for (`earlierPageId`), as the supervisor saw it */
  earlierImage: Uint8Array | null;
  /** wall ms of each step, in order (printed by the test: where a slow run spends its time) */
  steps: [string, number][];
};

export function canaryPage(c: Canary, note?: string): Promise<Uint8Array> {
  const lines = [c.pageWord, c.fullName, c.idNumber, ...(note ? [note] : [])];
  return makeTextPage({ lines, width: 1400, height: 700, format: 'jpeg', fontSize: 14 });
}

async function poll<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Runs one office day for canary citizen `c` on `dirs.dataDir` (new or left by an older version) and closes the app.
 * The OS temp folder is `dirs.tmpDir` for the whole run; logs go to `dirs.logDir/app.log` as in Electron.
 */
export async function runCanaryFlow(c: Canary, dirs: CanaryDirs, opts: { earlierPageId?: string } = {}): Promise<CanaryOutcome> {
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = dirs.tmpDir;
  mkdirSync(dirs.logDir, { recursive: true });
  let upgraded = false;
  const steps: [string, number][] = [];
  let last = performance.now();
  const mark = (step: string) => {
    const now = performance.now();
    steps.push([step, Math.round(now - last)]);
    last = now;
  };
  const core = await createAppCore({
    dataDir: dirs.dataDir,
    resourcesDir: join(repoRoot, 'resources'),
    logger: createLogger((line) => appendFileSync(join(dirs.logDir, 'app.log'), `${line}\n`)),
    vault: createDevKeyVault(dirs.dataDir),
    secrets: createDevSecrets(dirs.dataDir),
    ocrWorkers: 1,
    syncTiming: { offlineProbeMs: 300, onlineIntervalMs: 500 },
    onUpgrade: (e) => {
      if (e.phase === 'database') upgraded = true;
    },
  });
  let sim: Awaited<ReturnType<typeof startPortalSim>> | null = null;
  try {
    const call = async <T>(name: string, session: string | null, input: unknown = {}): Promise<T> => {
      const r = await core.router.dispatch(name, session, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    };
    const admin = (await call<{ token: string }>('setup.complete', null, { office: { ...office, code: 'DL-DEV-001' }, admin: adminLogin })).token;
    await call('users.create', admin, { username: 'nv.canary', fullName: 'Lê Thị Lan', role: 'agent', password: 'tiepnhan01' });
    await call('users.create', admin, { username: 'ts.canary', fullName: 'Đỗ Thị Mai', role: 'supervisor', password: 'kiemsoat01' });
    const agent = (await call<{ token: string }>('auth.login', null, { username: 'nv.canary', password: 'tiepnhan01' })).token;
    const supervisor = (await call<{ token: string }>('auth.login', null, { username: 'ts.canary', password: 'kiemsoat01' })).token;
    // the portal (another system, with its own storage outside the app's folders) checks against the catalog the app
    // ships, which is the one the app imported at its first start
    sim = await startPortalSim({ dataDir: join(dirs.portalDir, 'state'), speed: 0, seed: 3 });
    await call('sync.configure', admin, { portalUrl: sim.url, agentCode: 'DL-DEV-001', secret: 'dev-secret' });

    mark(upgraded ? 'start (upgrade, catalog)' : 'start (catalog import)');
    const outcome = await intake(call, { agent, supervisor }, c, mark);
    // a page the earlier version stored (sealed by the upgrade), opened by the supervisor like any other
    let earlierImage: Uint8Array | null = null;
    if (opts.earlierPageId) {
      await call('pages.image', supervisor, { pageId: opts.earlierPageId, variant: 'thumb' });
      earlierImage = (await call<{ bytes: Uint8Array }>('pages.image', supervisor, { pageId: opts.earlierPageId, variant: 'full' })).bytes;
    }
    mark('earlier page viewed');
    return { ...outcome, upgraded, earlierImage, steps };
  } finally {
    await core.close();
    mark('closed');
    await sim?.stop();
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
}

type Call = <T>(name: string, session: string | null, input?: unknown) => Promise<T>;

async function intake(
  call: Call,
  who: { agent: string; supervisor: string },
  c: Canary,
  mark: (step: string) => void,
): Promise<Omit<CanaryOutcome, 'upgraded' | 'earlierImage' | 'steps'>> {
  const { agent, supervisor } = who;
  const applicant = {
    fullName: c.fullName,
    idNumber: c.idNumber,
    dateOfBirth: c.dateOfBirth,
    sex: c.sex,
    address: c.address,
    phone: c.phone,
    email: c.email,
    relationship: 'bản thân',
  };
  const newDossier = async (): Promise<DossierDetail> => {
    let x = await call<DossierDetail>('dossiers.create', agent, { procedureCode: LAND_DATA, mode: 'online' });
    // a procedure with cases (trường hợp) needs one chosen: the first, as review-fixtures' takeDossier does
    const caseKey = x.cases[0]?.key;
    if (caseKey) x = (await call<{ detail: DossierDetail }>('dossiers.setCase', agent, { id: x.id, caseKey, version: x.version })).detail;
    await call('dossiers.saveDraft', agent, { id: x.id, applicant });
    // the citizen agrees to this procedure and to keeping the papers for next time (read aloud by the agent)
    const consent = await call<{ notice: { version: string } }>('consent.get', agent, { dossierId: x.id });
    await call('consent.record', agent, { dossierId: x.id, procedure: true, reuse: true, method: 'read_aloud', noticeVersion: consent.notice.version });
    return x;
  };
  const d = await newDossier();
  const pageImage = await canaryPage(c);
  // a page in every document to submit, so the portal finds whatever its rules require in this mode
  const slots = d.components.filter((x) => x.kind === 'submit');
  const first = slots[0];
  if (!first) throw new Error('the procedure has no required document');
  const [canaryPageRow] = (await call<{ pages: Page[] }>('pages.add', agent, { dossierId: d.id, componentId: first.id, fileName: c.fileName, bytes: pageImage })).pages;
  if (!canaryPageRow) throw new Error('page not added');
  for (const s of slots.slice(1)) {
    await call('pages.add', agent, { dossierId: d.id, componentId: s.id, fileName: `trang-${String(s.id)}.jpg`, bytes: await tinyJpeg(s.id) });
  }
  // real OCR (tesseract, Vietnamese) of the canary page
  mark('intake, pages added');
  const ocrText = await poll(
    'OCR of the canary page',
    async () => (await call<DossierDetail>('dossiers.get', agent, { id: d.id })).components.flatMap((x) => x.pages).find((p) => p.id === canaryPageRow.id),
    (p) => p?.ocrStatus === 'done' || p?.ocrStatus === 'failed',
    120_000,
  ).then((p) => p?.ocrText ?? '');
  // the agent looks at the page, its thumbnail, the component PDF
  await call('pages.image', agent, { pageId: canaryPageRow.id, variant: 'full' });
  const thumb = await call<{ bytes: Uint8Array }>('pages.image', agent, { pageId: canaryPageRow.id, variant: 'thumb' });
  mark('OCR');
  const componentPdf = (await call<{ bytes: Uint8Array }>('documents.componentPdf', agent, { dossierId: d.id, componentId: first.id })).bytes;
  // ready and queued (consent was recorded above); the receipt is printed the way Electron does it (pages rendered
  // into a data: page in memory)
  const ready = await call<DossierDetail>('dossiers.markReady', agent, { id: d.id, dueDate: toVietnamIsoDate(Date.now() + 14 * 86_400_000) });
  if (ready.status !== 'queued') throw new Error(`dossier ${ready.status}, not queued`);
  const receiptPdf = (await call<{ bytes: Uint8Array }>('documents.receipt', agent, { dossierId: d.id })).bytes;
  const printHtml = (await pdfToPrintHtml(receiptPdf)).html;

  // the citizen comes back: a second dossier re-uses the earlier pages (the scan of this visit, and of an earlier one)
  mark('views, PDF, ready, receipt');
  const again = await newDossier();
  // the citizen forgot the card this time: the supervisor lets the agent re-use the earlier papers
  await call('reuse.approve', supervisor, { dossierId: again.id, reason: 'Công dân quên mang thẻ, đã đối chiếu giấy tờ khác' });
  const reusable = await call<ReusableDocuments>('documents.reusable', agent, { dossierId: again.id });
  const pageIds = reusable.groups.flatMap((g) => g.pages.map((p) => p.pageId));
  for (const pageId of pageIds) await call('documents.reusableThumb', agent, { dossierId: again.id, pageId });
  const slot = again.components.find((x) => x.name === first.name) ?? again.components[0];
  const reused = await call<{ pages: Page[] }>('pages.reuse', agent, { dossierId: again.id, componentId: slot?.id, pageIds });
  for (const p of reused.pages) await call('pages.image', agent, { pageId: p.id, variant: 'full' });

  // sync: the engine uploads the (decrypted) pages and submits; the portal answers with its code
  mark('re-use');
  const synced = await poll(
    'the portal code',
    () => call<DossierDetail>('dossiers.get', agent, { id: d.id }),
    (x) => Boolean(x.portalCode) || x.status === 'needs_fix',
    90_000,
  );
  if (!synced.portalCode) throw new Error(`sync did not finish: ${synced.status} ${JSON.stringify(synced.history.at(-1) ?? null)}`);
  mark('sync');
  return { pageImage, ocrText, componentPdf, receiptPdf, printHtml, thumbnail: thumb.bytes, portalCode: synced.portalCode, reusedPages: reused.pages.length };
}
