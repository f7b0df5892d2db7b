// E2E: two agents and a supervisor; review (approve, return with reason, no self-approval), the fix, the day report PDF/XLSX.
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../electron/common/contract';
import { repoRoot } from '../support/core-harness';
import { takeByRpc } from '../support/e2e-dossier';
import { expectAccessible as axeClean, shotIfFailed, signIn, signOut } from '../support/e2e-page';
import { hostLogin, rpcTo } from '../support/host-rpc';
import { applicantFor, LAND_DATA, tinyJpeg } from '../support/review-fixtures';
import { launchChromium, startHostProcess, type HostProcess } from '../support/web-host-process';
import { recordConsentInUi } from '../support/e2e-consent';

const shots = join(repoRoot, 'docs', 'screenshots');
const work = mkdtempSync(join(tmpdir(), 'dvc-e2e-sv-'));
const OFFICE = 'Điểm Bưu điện văn hoá xã Tân Lập';
const SERVICE = 15_000;
const REASON = 'Ảnh trang giấy chứng nhận bị mờ, hãy quét lại trang 1.';

let host: HostProcess;
let browser: Browser;
let page: Page;
const tokens: Record<'admin' | 'lan' | 'hung' | 'mai', string> = { admin: '', lan: '', hung: '', mai: '' };
/** D1, D2 by Lan; D3, D4 by Hùng; D5 by the supervisor Mai. */
const dossiers: DossierDetail[] = [];

const rpc = rpcTo(() => host);
const expectAccessible = (name: string) => axeClean(page, name);
const login = (username: string, password: string) => signIn(page, username, password, { url: host.url });
const logout = () => signOut(page);
const take = (token: string, n: number) => takeByRpc(rpc, token, { procedureCode: LAND_DATA, n });

async function openReview(code: string): Promise<void> {
  await page.getByRole('link', { name: 'Duyệt hồ sơ' }).click();
  const link = page.getByRole('link', { name: code, exact: true });
  await expect.poll(() => link.isVisible(), { timeout: 10_000 }).toBe(true);
  await link.click();
  await expect.poll(() => page.getByRole('heading', { name: 'Dữ liệu đã nhập' }).isVisible(), { timeout: 10_000 }).toBe(true);
}

async function approve(code: string): Promise<void> {
  await openReview(code);
  await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
  await expect.poll(() => page.getByText(`Đã duyệt hồ sơ ${code}`).isVisible(), { timeout: 10_000 }).toBe(true);
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  host = await startHostProcess(join(work, 'data'));
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, acceptDownloads: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  page = await context.newPage();
}, 180_000);

afterEach(async (ctx) => {
  await shotIfFailed(page, 'dvc-e2e-sv', ctx.task);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('supervisor review and day close, end to end', () => {
  it('sets up the office, three accounts, approval for all and a service charge (through the contract)', async () => {
    const admin = await rpc<{ token: string }>('setup.complete', null, {
      office: { code: 'DL-HN-0012', name: OFFICE, address: 'Thôn Đông, xã Tân Lập, huyện Đan Phượng, Hà Nội', phone: '02433123456' },
      admin: { username: 'quantri', fullName: 'Nguyễn Văn Quản', password: 'dong-lua-vang-2026' },
    });
    tokens.admin = admin.token;
    for (const [username, fullName, role, password] of [
      ['nv.lan', 'Lê Thị Lan', 'agent', 'tiepnhan01'],
      ['nv.hung', 'Trần Văn Hùng', 'agent', 'tiepnhan02'],
      ['ts.mai', 'Phạm Thị Mai', 'supervisor', 'kiemsoat01'],
    ] as const) {
      await rpc('users.create', tokens.admin, { username, fullName, role, password });
    }
    await rpc('settings.update', tokens.admin, { approvalPolicy: 'all', serviceChargeVnd: SERVICE });
    tokens.lan = await hostLogin(host, 'nv.lan', 'tiepnhan01');
    tokens.hung = await hostLogin(host, 'nv.hung', 'tiepnhan02');
    tokens.mai = await hostLogin(host, 'ts.mai', 'kiemsoat01');
    const procedure = await rpc<{ modes: Array<{ mode: string; feeVnd: number | null }> }>('catalog.get', tokens.lan, { code: LAND_DATA });
    expect(procedure.modes.find((m) => m.mode === 'online')?.feeVnd).toBe(10_000);
  });

  it('two agents and the supervisor take five dossiers; all wait for review', async () => {
    for (const [token, n] of [
      [tokens.lan, 1],
      [tokens.lan, 2],
      [tokens.hung, 3],
      [tokens.hung, 4],
      [tokens.mai, 5],
    ] as const) {
      dossiers.push(await take(token, n));
    }
    expect(dossiers.map((d) => d.status)).toEqual(Array(5).fill('awaiting_review'));
    expect(dossiers.map((d) => d.feeVnd)).toEqual(Array(5).fill(10_000));
  });

  it('the supervisor sees the queue, with their own dossier marked', async () => {
    await login('ts.mai', 'kiemsoat01');
    await page.getByRole('link', { name: 'Duyệt hồ sơ' }).click();
    await expect.poll(() => page.getByText('5 hồ sơ', { exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);
    const own = page.getByRole('row').filter({ hasText: dossiers[4]?.localCode ?? '?' });
    await expect.poll(() => own.getByText('Hồ sơ của bạn').isVisible()).toBe(true);
    // the navigation says how much waits, the same number as the list
    const nav = page.getByRole('navigation');
    await expect.poll(() => nav.getByRole('link', { name: /^Duyệt hồ sơ\s*, 5 hồ sơ chờ duyệt$/ }).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.screenshot({ path: join(shots, 'review-queue.png') });
    await expectAccessible('review queue');
  });

  it('approves three, after seeing the pages beside the typed data', async () => {
    const [d1, , d3, d4] = dossiers;
    await openReview(d1?.localCode ?? '?');
    await expect.poll(() => page.getByRole('img', { name: /^Trang 1:/ }).first().isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByText(applicantFor(1).fullName).first().isVisible()).toBe(true);
    await page.screenshot({ path: join(tmpdir(), 'dvc-sv-review-dossier.png') });
    await expectAccessible('review dossier');
    await page.getByRole('link', { name: 'Về danh sách chờ duyệt' }).click();
    for (const d of [d1, d3, d4]) await approve(d?.localCode ?? '?');
  });

  it('returns one with a written reason', async () => {
    const d2 = dossiers[1];
    await openReview(d2?.localCode ?? '?');
    await page.getByRole('button', { name: 'Trả lại', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Trả lại hồ sơ để sửa' });
    await dialog.getByLabel('Lý do trả lại').fill(REASON);
    await expectAccessible('return dialog');
    await dialog.getByRole('button', { name: 'Trả lại hồ sơ' }).click();
    await expect.poll(() => page.getByText(`Đã trả lại hồ sơ ${d2?.localCode ?? '?'}`).isVisible(), { timeout: 10_000 }).toBe(true);
  });

  it('cannot approve the dossier they took: the button is disabled with the reason, and core refuses', async () => {
    const d5 = dossiers[4];
    await openReview(d5?.localCode ?? '?');
    const button = page.getByRole('button', { name: 'Duyệt', exact: true });
    expect(await button.isDisabled()).toBe(true);
    expect(await page.locator('#decision-why').textContent()).toContain('không thể tự duyệt');
    await expect(rpc('review.approve', tokens.mai, { id: d5?.id })).rejects.toMatchObject({ code: 'SELF_REVIEW' });
    await logout();
  });

  it('the agent sees the reason, fixes the dossier and sends it back', async () => {
    const d2 = dossiers[1];
    await login('nv.lan', 'tiepnhan01');
    await page.getByRole('link', { name: 'Hồ sơ bị trả lại' }).click();
    const row = page.getByRole('row').filter({ hasText: d2?.localCode ?? '?' });
    await expect.poll(() => row.getByText(REASON).isVisible(), { timeout: 10_000 }).toBe(true);
    await expectAccessible('returned list');
    // the fix: a sharper scan of the first required document, added through the contract
    const comp = d2?.components.find((c) => c.required && c.kind === 'submit');
    await rpc('pages.add', tokens.lan, { dossierId: d2?.id, componentId: comp?.id, fileName: 'quet-lai.jpg', bytes: await tinyJpeg(9001) });
    await row.getByRole('link', { name: d2?.localCode ?? '?' }).click();
    await page.screenshot({ path: join(tmpdir(), 'dvc-sv-returned-banner.png') });
    const banner = page.getByRole('region', { name: 'Hồ sơ bị trả lại để sửa' });
    await expect.poll(() => banner.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await banner.textContent()).toContain(REASON);
    expect(await banner.textContent()).toContain('Phạm Thị Mai');
    await recordConsentInUi(page); // the citizen's consent, recorded before "ready" (issue 11)
    await page.getByRole('button', { name: 'Đánh dấu sẵn sàng' }).click();
    await expect
      .poll(async () => (await rpc<DossierDetail>('dossiers.get', tokens.lan, { id: d2?.id })).status, { timeout: 10_000 })
      .toBe('awaiting_review');
    await logout();
  });

  it('the supervisor approves it the second time', async () => {
    await login('ts.mai', 'kiemsoat01');
    await approve(dossiers[1]?.localCode ?? '?');
    const statuses = await Promise.all(dossiers.map(async (d) => (await rpc<DossierDetail>('dossiers.get', tokens.mai, { id: d.id })).status));
    expect(statuses.slice(0, 4).every((s) => s !== 'awaiting_review' && s !== 'returned')).toBe(true);
    expect(statuses[4]).toBe('awaiting_review');
  });

  it('the dashboard counts the day and each number opens its list', async () => {
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    const taken = page.getByRole('button', { name: /^5\s*Tiếp nhận trong ngày$/ });
    await expect.poll(() => taken.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByRole('img', { name: /30 ngày/ }).isVisible()).toBe(true);
    await page.screenshot({ path: join(shots, 'dashboard.png') });
    await expectAccessible('dashboard');
    await taken.click();
    const dialog = page.getByRole('dialog', { name: /Tiếp nhận trong ngày/ });
    await expect.poll(() => dialog.getByRole('link').count(), { timeout: 10_000 }).toBe(5);
    await dialog.getByRole('button', { name: 'Đóng' }).click();
  });

  it('the day report PDF and XLSX hold the counts and the cash, and the day closes', async () => {
    await page.getByRole('link', { name: 'Chốt ngày' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Theo nhân viên' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.screenshot({ path: join(tmpdir(), 'dvc-sv-closing.png'), fullPage: true });
    await expectAccessible('day close');
    const fees = 5 * 10_000;
    const cash = fees + 5 * SERVICE;

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải PDF' }).click()]);
    const pdfPath = join(work, 'bao-cao.pdf');
    await pdf.saveAs(pdfPath);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain(OFFICE);
    for (const name of ['Lê Thị Lan', 'Trần Văn Hùng', 'Phạm Thị Mai']) expect(text).toContain(name);
    expect(text).toContain('125.000');
    expect(text).toContain('50.000');
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdfPath, join(shots, 'day-report')]);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải Excel' }).click()]);
    const xlsxPath = join(work, 'bao-cao.xlsx');
    await xlsx.saveAs(xlsxPath);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsxPath);
    const numbers: number[] = [];
    const texts: string[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value;
          if (typeof v === 'number') numbers.push(v);
          else if (typeof v === 'string') texts.push(v);
          else if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') numbers.push(v.result);
        }),
      ),
    );
    expect(numbers).toContain(cash);
    expect(numbers).toContain(fees);
    expect(numbers).toContain(5 * SERVICE);
    expect(texts.join('\n')).toContain('Lê Thị Lan');

    await page.getByRole('button', { name: 'Chốt ngày', exact: true }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByRole('button', { name: 'Chốt ngày' }).click();
    await expect.poll(() => page.getByText(/^Đã chốt lúc/).isVisible(), { timeout: 10_000 }).toBe(true);
  });

  it('chasing and the audit view open, and the audit chain verifies', async () => {
    await page.getByRole('link', { name: 'Đôn đốc' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Quá hạn hẹn trả' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await expectAccessible('chasing');
    await page.getByRole('link', { name: 'Nhật ký' }).click();
    await page.getByLabel('Thao tác').selectOption({ label: 'Trả lại hồ sơ' });
    await expect.poll(() => page.getByRole('cell', { name: dossiers[1]?.localCode ?? '?' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByRole('button', { name: 'Kiểm tra chuỗi' }).click();
    await expect.poll(() => page.getByText(/Chuỗi nhật ký nguyên vẹn/).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.screenshot({ path: join(tmpdir(), 'dvc-sv-audit.png') });
    await expectAccessible('audit');
  });
});
