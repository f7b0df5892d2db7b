// E2E: a day of work, a backup to a folder from the settings screen, a fresh install restored from it (wrong
// passphrase refused) showing the same queue, receipts and day report; the dossiers that waited are sent once.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail, DossierListItem } from '../../electron/common/contract';
import { toVietnamIsoDate } from '../../electron/common/format';
import { startPortalSim, type PortalSimHandle } from '../../scripts/portal-sim/server';
import { repoRoot } from '../support/core-harness';
import { takeByRpc } from '../support/e2e-dossier';
import { freePort, shotIfFailed, signIn } from '../support/e2e-page';
import { hostLogin, rpcTo } from '../support/host-rpc';
import { BIRTH, LAND_DATA } from '../support/review-fixtures';
import { launchChromium, startHostProcess, type HostProcess } from '../support/web-host-process';

const shots = join(repoRoot, 'docs', 'screenshots');
const work = mkdtempSync(join(tmpdir(), 'dvc-e2e-backup-'));
const usb = join(work, 'usb');
const today = toVietnamIsoDate(Date.now());
const syncArgs = ['--sync-probe-ms', '800', '--sync-interval-ms', '1500'];

let host: HostProcess;
let browser: Browser;
let page: Page;
let sim: PortalSimHandle | null = null;
let simPort = 0;
let passphrase = '';
/** the web host's own output (stderr), printed when a step fails: a crash of the host shows here, not in the browser */
let hostLog = '';

async function startHost(dataDir: string): Promise<HostProcess> {
  const started = await startHostProcess(dataDir, syncArgs);
  started.child.stderr?.on('data', (c: Buffer) => (hostLog += c.toString()));
  started.child.stdout?.on('data', (c: Buffer) => (hostLog += c.toString()));
  started.child.once('exit', (code, signal) => (hostLog += `\n[web host exited: ${String(code)} ${String(signal)}]\n`));
  return started;
}
const before: { list: DossierListItem[]; receipt: string; day: unknown; queued: DossierDetail[] } = { list: [], receipt: '', day: null, queued: [] };

// the host is replaced by a fresh install halfway through: each call goes to the one running now
const rpc = rpcTo(() => host);
const login = (username: string, password: string) => hostLogin(host, username, password);

/** birth registration in the case "Có Giấy chứng sinh" (what the portal simulator accepts, as in sync-portal.test.ts) */
const dossier = (agent: string, code: string, n: number, ready: boolean) =>
  takeByRpc(rpc, agent, { procedureCode: code, n, ready, ...(code === BIRTH ? { caseKey: 'co-giay-chung-sinh' } : { firstCase: true }) });

async function receiptText(token: string, dossierId: string): Promise<string> {
  const file = await rpc<{ bytes: Uint8Array }>('documents.receipt', token, { dossierId });
  const path = join(work, `receipt-${dossierId}.pdf`);
  writeFileSync(path, file.bytes);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).normalize('NFC');
}

/** Finds the backups in the USB folder, picks the newest, opens it with `phrase` (the restore panel on screen). */
async function openBackupInPanel(phrase: string): Promise<void> {
  const folder = page.getByLabel('Thư mục chứa bản sao lưu');
  await folder.fill(usb);
  await page.getByRole('button', { name: 'Tìm bản sao lưu' }).click();
  await expect.poll(() => page.getByRole('radio').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  await page.getByLabel('Cụm mật khẩu khôi phục', { exact: true }).last().fill(phrase);
  await page.keyboard.press('Enter'); // Enter in the passphrase checks the backup, as the button does
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  mkdirSync(usb, { recursive: true });
  simPort = await freePort();
  host = await startHost(join(work, 'old-pc'));
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  page = await context.newPage();
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') console.error(`web host output:\n${hostLog.slice(-4000)}`);
  await shotIfFailed(page, 'dvc-e2e-backup', ctx.task);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await sim?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('backup and restore onto a new PC', () => {
  it('a day of work on the old PC: dossiers in several states, pages, a day close, two dossiers waiting for the portal', async () => {
    const admin = (
      await rpc<{ token: string }>('setup.complete', null, {
        office: { code: 'DL001', name: 'Điểm Bưu điện văn hoá xã Tân Lập', address: 'Thôn Đông, xã Tân Lập, Hà Nội' },
        admin: { username: 'quantri', fullName: 'Nguyễn Văn Quản', password: 'dong-lua-vang-2026' },
      })
    ).token;
    await rpc('users.create', admin, { username: 'nv.lan', fullName: 'Lê Thị Lan', role: 'agent', password: 'tiepnhan01' });
    await rpc('users.create', admin, { username: 'ts.mai', fullName: 'Đỗ Thị Mai', role: 'supervisor', password: 'kiemsoat01' });
    await rpc('settings.update', admin, { approvalPolicy: 'per_procedure', approvalProcedures: [LAND_DATA] });
    // the portal is down all day: what is ready waits in the outbox (DL-DEV-001: the simulator's own test client)
    await rpc('sync.configure', admin, { portalUrl: `http://127.0.0.1:${simPort}`, agentCode: 'DL-DEV-001', secret: 'dev-secret', saveAnyway: true });
    writeFileSync(join(work, 'catalog.json'), (await rpc<{ bytes: Uint8Array }>('catalog.export', admin, {})).bytes);
    const agent = await login('nv.lan', 'tiepnhan01');
    const supervisor = await login('ts.mai', 'kiemsoat01');
    before.queued.push(await dossier(agent, BIRTH, 1, true), await dossier(agent, BIRTH, 2, true));
    await dossier(agent, BIRTH, 3, false);
    const review = await dossier(agent, LAND_DATA, 4, true);
    expect(review.status).toBe('awaiting_review');
    await rpc('review.return', supervisor, { id: review.id, reason: 'Ảnh giấy tờ bị mờ, chụp lại giúp.' });
    expect(before.queued.map((d) => d.status)).toEqual(['queued', 'queued']);
    before.day = await rpc('reports.closeDay', supervisor, { date: today });
    before.list = (await rpc<{ items: DossierListItem[] }>('dossiers.list', supervisor, { limit: 50 })).items;
    before.receipt = await receiptText(agent, before.queued[0]?.id ?? '');
    expect(before.list.map((d) => d.status).sort()).toEqual(['draft', 'queued', 'queued', 'returned']);
  });

  it('the admin sets up backups under Cài đặt, prints the recovery sheet and backs up to the USB folder', async () => {
    await page.goto(host.url);
    await signIn(page, 'quantri', 'dong-lua-vang-2026', { timeout: 60_000 });
    await page.evaluate("location.hash = '#/settings'");
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Sao lưu dữ liệu' }) });
    await expect.poll(() => section.isVisible(), { timeout: 15_000 }).toBe(true);
    await section.getByLabel('Thư mục sao lưu').fill(usb);
    // keyboard: Enter in the folder field saves the settings
    await section.getByLabel('Thư mục sao lưu').press('Enter');
    await expect.poll(() => section.getByText('Đã lưu cài đặt sao lưu.').isVisible(), { timeout: 10_000 }).toBe(true);
    await section.getByRole('button', { name: 'Gợi ý cụm ngẫu nhiên' }).click();
    passphrase = (await section.locator('.backup-suggested').textContent()) ?? '';
    expect(passphrase).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    await section.getByRole('button', { name: 'Đặt cụm mật khẩu và tạo phiếu khôi phục' }).click();
    await expect.poll(() => section.getByRole('button', { name: 'In phiếu khôi phục' }).isVisible(), { timeout: 30_000 }).toBe(true);
    await section.getByRole('button', { name: 'Sao lưu ngay' }).click();
    const status = section.getByRole('status', { name: 'Tình trạng sao lưu' });
    await expect.poll(() => status.textContent(), { timeout: 120_000 }).toMatch(/Lần sao lưu gần nhất: .* · 4 hồ sơ, \d+ trang/);
    await section.scrollIntoViewIfNeeded();
    await page.evaluate("document.getElementById('backup')?.scrollIntoView({ block: 'start' })");
    await page.screenshot({ path: join(shots, 'backup.png'), fullPage: false });
  });

  it('restoring that backup over newer data on the old PC asks for confirmation and says what would be lost', async () => {
    const agent = await login('nv.lan', 'tiepnhan01');
    const later = await dossier(agent, BIRTH, 5, false);
    const panel = page.locator('section', { has: page.getByRole('heading', { name: 'Khôi phục từ bản sao lưu' }) });
    await panel.scrollIntoViewIfNeeded();
    await openBackupInPanel(passphrase);
    await expect.poll(() => panel.getByRole('button', { name: 'Khôi phục', exact: true }).isVisible(), { timeout: 60_000 }).toBe(true);
    await panel.getByRole('button', { name: 'Khôi phục', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Khôi phục bản sao lưu cũ hơn dữ liệu trên máy?' });
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await dialog.textContent()).toContain(`1 hồ sơ tiếp nhận sau bản sao lưu: ${later.localCode}`);
    const confirm = dialog.getByRole('button', { name: 'Khôi phục và bỏ dữ liệu mới hơn' });
    expect(await confirm.isDisabled()).toBe(true);
    await page.screenshot({ path: join(shots, 'restore-confirm.png'), fullPage: false });
    // keyboard: focus starts on "I understand" (not on the destructive button); Space ticks it, Escape cancels
    await page.keyboard.press('Space');
    expect(await confirm.isDisabled()).toBe(false);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(false);
    const stillHere = await rpc<DossierDetail>('dossiers.get', agent, { id: later.id });
    expect(stillHere.localCode).toBe(later.localCode);
  });

  it('a fresh install restores it: a wrong passphrase is refused, the right one brings everything back', async () => {
    await host.stop();
    host = await startHost(join(work, 'new-pc'));
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Khôi phục từ bản sao lưu' }).click();
    await openBackupInPanel('SAI-CUM-MAT-KHAU-ROI');
    await expect.poll(() => page.getByRole('alert').first().textContent(), { timeout: 60_000 }).toMatch(/Cụm mật khẩu khôi phục không đúng với bản sao lưu này/);
    await page.getByLabel('Cụm mật khẩu khôi phục', { exact: true }).last().fill(passphrase);
    await page.getByRole('button', { name: 'Kiểm tra bản sao lưu' }).click();
    await expect.poll(() => page.getByText(/4 hồ sơ, \d+ trang; 2 hồ sơ đang chờ gửi cổng/).isVisible(), { timeout: 60_000 }).toBe(true);
    await page.screenshot({ path: join(shots, 'restore.png'), fullPage: false });
    await page.getByRole('button', { name: 'Khôi phục', exact: true }).click();
    // restored, restarted, and back at the sign-in of the office's own accounts
    await signIn(page, 'ts.mai', 'kiemsoat01', { timeout: 60_000 });
    const supervisor = await login('ts.mai', 'kiemsoat01');
    const list = (await rpc<{ items: DossierListItem[] }>('dossiers.list', supervisor, { limit: 50 })).items;
    const pick = (items: DossierListItem[]) => items.map((d) => [d.localCode, d.status, d.applicantName, d.pageCount]).sort();
    expect(pick(list)).toEqual(pick(before.list));
    expect(await rpc('reports.dayReport', supervisor, { date: today })).toEqual(before.day);
    const agent = await login('nv.lan', 'tiepnhan01');
    expect(await receiptText(agent, before.queued[0]?.id ?? '')).toBe(before.receipt);
    await page.evaluate("location.hash = '#/queue'");
    for (const d of before.list) await expect.poll(() => page.getByRole('row').filter({ hasText: d.localCode }).count(), { timeout: 15_000 }).toBe(1);
  });

  it('the two dossiers that waited for the portal are sent once the portal is up, and only once', async () => {
    sim = await startPortalSim({ port: simPort, dataDir: join(work, 'portal'), catalogFile: join(work, 'catalog.json'), speed: 0, seed: 5 });
    const supervisor = await login('ts.mai', 'kiemsoat01');
    const states = async () => Promise.all(before.queued.map(async (d) => (await rpc<DossierDetail>('dossiers.get', supervisor, { id: d.id })).status));
    // queued -> submitting -> submitted, then the portal moves them on (received, ...): sent is any of those
    const sent = ['submitted', 'received', 'processing', 'supplement_requested', 'result_ready', 'completed'];
    await expect.poll(async () => (await states()).every((s) => sent.includes(s)), { timeout: 90_000 }).toBe(true);
    expect(sim.listDossiers()).toHaveLength(2);
    // a few more sync passes: nothing is sent twice
    await new Promise((r) => setTimeout(r, 6_000));
    expect(sim.listDossiers()).toHaveLength(2);
    for (const d of before.queued) {
      await expect.poll(async () => (await rpc<DossierDetail>('dossiers.get', supervisor, { id: d.id })).portalCode ?? '', { timeout: 30_000 }).not.toBe('');
    }
  });
});
