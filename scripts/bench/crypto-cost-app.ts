// Two copies of the same app for bench:crypto, one with encrypted storage and one plaintext, driven through the router.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DossierDetail, Page } from '../../electron/common/contract';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { createDevKeyVault } from '../../electron/core/crypto/dev-key-vault';
import { silentLogger } from '../../electron/core/logger';
import { plaintextStorageForBenchmarks } from '../../electron/core/storage/encryption-upgrade';
import { fakeCitizen, makeRng } from '../../tests/support/fake-citizen';

export const repoRoot = resolve(import.meta.dirname, '../..');
/** Land data request: online, two documents to submit, accepted by the portal simulator as it is */
export const PROCEDURE = '1.012789';

export type BenchApp = {
  label: 'plain' | 'encrypted';
  core: AppCore;
  dataDir: string;
  agent: string;
  call<T>(name: string, input?: unknown): Promise<T>;
  close(): Promise<void>;
};

export async function startBenchApp(label: BenchApp['label'], ocrWorkers: number): Promise<{ app: BenchApp; startMs: number; startCpuMs: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), `dvc-bench-crypto-${label}-`));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const core = await createAppCore({
    dataDir,
    resourcesDir: join(repoRoot, 'resources'),
    logger: silentLogger,
    vault: label === 'encrypted' ? createDevKeyVault(dataDir) : plaintextStorageForBenchmarks,
    ocrWorkers,
  });
  const startMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const startCpuMs = (c.user + c.system) / 1000;
  const raw = async <T>(name: string, session: string | null, input: unknown = {}): Promise<T> => {
    const r = await core.router.dispatch(name, session, input);
    if (!r.ok) throw new Error(`${label} ${name}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const admin = (
    await raw<{ token: string }>('setup.complete', null, {
      office: { code: 'DL001', name: 'Điểm đo chi phí mã hoá', address: 'Hà Nội' },
      admin: { username: 'admin', fullName: 'Quản Trị', password: 'quantri2026x' },
    })
  ).token;
  await raw('users.create', admin, { username: 'nv.do', fullName: 'Lê Thị Lan', role: 'agent', password: 'tiepnhan01x' });
  const agent = (await raw<{ token: string }>('auth.login', null, { username: 'nv.do', password: 'tiepnhan01x' })).token;
  const app: BenchApp = {
    label,
    core,
    dataDir,
    agent,
    call: (name, input) => raw(name, agent, input),
    async close() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return { app, startMs, startCpuMs };
}

let seq = 0;

/** The intake write the agent's form makes: create the dossier (and its case), then save the applicant. */
export async function intakeWrite(app: BenchApp): Promise<DossierDetail> {
  const c = fakeCitizen(makeRng(7000 + seq++));
  let d = await app.call<DossierDetail>('dossiers.create', { procedureCode: PROCEDURE, mode: 'online' });
  const caseKey = d.cases[0]?.key;
  if (caseKey) d = (await app.call<{ detail: DossierDetail }>('dossiers.setCase', { id: d.id, caseKey, version: d.version })).detail;
  await app.call('dossiers.saveDraft', {
    id: d.id,
    applicant: { fullName: c.fullName, idNumber: c.idNumber, dateOfBirth: c.dateOfBirth, sex: c.sex, address: c.address, phone: '0912345678', relationship: 'bản thân' },
  });
  return d;
}

export async function addPage(app: BenchApp, d: DossierDetail, bytes: Uint8Array, n: number): Promise<Page> {
  const comp = d.components.find((c) => c.kind === 'submit') ?? d.components[0];
  const [page] = (await app.call<{ pages: Page[] }>('pages.add', { dossierId: d.id, componentId: comp?.id, fileName: `trang-${String(n)}.jpg`, bytes })).pages;
  if (!page) throw new Error('no page');
  return page;
}

export async function waitOcr(app: BenchApp, dossierId: string, pageId: string): Promise<void> {
  for (const end = Date.now() + 300_000; Date.now() < end; ) {
    const d = await app.call<DossierDetail>('dossiers.get', { id: dossierId });
    const p = d.components.flatMap((c) => c.pages).find((x) => x.id === pageId);
    if (p?.ocrStatus === 'done' || p?.ocrStatus === 'failed') return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('OCR did not finish');
}
