// E2E: the agent drops a CCCD picture on a new dossier; the applicant fills in, marked as read from the QR, and must
// be confirmed before the dossier can be marked ready. Then a page arrives through the watched scan folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../scripts/web-host';
import { repoRoot } from '../support/core-harness';
import { describedBy, expectAccessible as axeClean, shotIfFailed, signIn } from '../support/e2e-page';
import { rpcTo } from '../support/host-rpc';
import { fakeCitizen, makeRng, photograph, renderCccdFront } from '../support/make-cccd';
import { makeTextPage } from '../support/make-text-page';
import { recordConsentInUi } from '../support/e2e-consent';

const shots = join(repoRoot, 'docs', 'screenshots');
const work = mkdtempSync(join(tmpdir(), 'dvc-e2e-cccd-'));
const scanDir = join(work, 'may-quet');
const citizen = fakeCitizen(makeRng(20_26));
const dmy = (iso: string) => `${iso.slice(8)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

let host: WebHost;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

// an in-process host (its own camera flags on Chromium): its address carries the token, as the browser's does
const rpc = rpcTo(() => ({ url: host.url, origin: new URL(host.url).origin }));
const expectAccessible = (name: string) => axeClean(page, name);
const description = (control: Locator) => describedBy(page, control);

/**
 * Drops a file on an element the way a file manager does (dragenter, dragover, drop with a real File). The page-side
 * code is a string: this file is type-checked without the DOM library.
 */
async function dropFile(target: Locator, name: string, bytes: Uint8Array, mime: string): Promise<void> {
  const b64 = Buffer.from(bytes).toString('base64');
  const dataTransfer = await page.evaluateHandle(`(() => {
    const bin = atob(${JSON.stringify(b64)});
    const arr = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) arr[i] = bin.charCodeAt(i);
    const dt = new DataTransfer();
    dt.items.add(new File([arr], ${JSON.stringify(name)}, { type: ${JSON.stringify(mime)} }));
    return dt;
  })()`);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  mkdirSync(scanDir, { recursive: true });
  host = await startWebHost({
    port: 0,
    dataDir: join(work, 'data'),
    quiet: true,
    ocrWorkers: 1,
    // a private build while others rebuild dist/renderer (DVC_RENDERER_DIR); npm run test:e2e builds the default
    ...(process.env.DVC_RENDERER_DIR ? { rendererDir: process.env.DVC_RENDERER_DIR } : {}),
    scanner: { stableMs: 500, pollMs: 200 },
  });
  const admin = await rpc<{ token: string }>('setup.complete', null, {
    office: { code: 'DL-HN-0031', name: 'Điểm Bưu điện văn hoá xã Vân Nội', address: 'Thôn Đông, xã Vân Nội, Hà Nội' },
    admin: { username: 'quantri', fullName: 'Nguyễn Văn Quản', password: 'dong-lua-vang-2026' },
  });
  await rpc('users.create', admin.token, { username: 'nv.lan', fullName: 'Lê Thị Lan', role: 'agent', password: 'tiepnhan01' });
  await rpc('settings.update', admin.token, { scanFolder: scanDir });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
      // Chromium's synthetic camera, allowed without a permission prompt
      '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
});

afterEach(async (ctx) => {
  await shotIfFailed(page, 'dvc-e2e-cccd', ctx.task);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  rmSync(work, { recursive: true, force: true });
});

/** khai sinh has cases: the checklist (and the ID-card slot) appears once the agent picks "Có Giấy chứng sinh" */
async function pickBirthCase(): Promise<void> {
  const picker = page.getByRole('combobox', { name: 'Trường hợp' });
  await picker.fill('co giay chung sinh');
  await picker.press('Enter');
  await expect.poll(() => picker.inputValue(), { timeout: 10_000 }).toBe('Có Giấy chứng sinh');
}

describe('reading the ID card at intake', () => {
  it('the agent opens a new birth-registration dossier', async () => {
    await signIn(page, 'nv.lan', 'tiepnhan01', { url: host.url });
    await page.getByRole('link', { name: /Hồ sơ mới/ }).click();
    await page.getByLabel('Tìm thủ tục').fill('dang ky khai sinh');
    const choice = page.getByRole('button', { name: 'Thủ tục đăng ký khai sinh', exact: true });
    await expect.poll(() => choice.isVisible(), { timeout: 10_000 }).toBe(true);
    await choice.click();
    await expect.poll(() => page.getByRole('group', { name: 'Người nộp hồ sơ' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await pickBirthCase();
  });

  it('drops a CCCD picture: the applicant fills in, every field marked as read from the QR', async () => {
    const card = new Uint8Array(await photograph(await renderCccdFront(citizen), { rotate: -4, blur: 0.6, jpegQuality: 88 }, makeRng(3)));
    const applicant = page.getByRole('group', { name: 'Người nộp hồ sơ' });
    await dropFile(applicant, 'cccd-mat-truoc.jpg', card, 'image/jpeg');
    await expect.poll(() => applicant.getByText(/^Đã điền 5 thông tin đọc từ mã QR/).isVisible(), { timeout: 60_000 }).toBe(true);

    const fields: [Locator, string][] = [
      [page.getByLabel('Họ và tên', { exact: true }), citizen.fullName],
      [page.getByLabel('Số định danh cá nhân/CCCD'), citizen.idNumber],
      [page.getByLabel('Ngày sinh'), dmy(citizen.dateOfBirth)],
      [page.getByLabel('Địa chỉ', { exact: true }), citizen.address],
    ];
    for (const [control, value] of fields) {
      expect(await control.inputValue()).toBe(value);
      expect(await description(control)).toContain('Đọc từ mã QR trên thẻ căn cước, chưa xác nhận.');
    }
    // the applicant's, not the child's of the declaration form below
    expect(await applicant.getByLabel('Giới tính').inputValue()).toBe(citizen.sex);
    expect(await description(applicant.getByLabel('Giới tính'))).toContain('Đọc từ mã QR');
    // the visible mark beside each of the five fields
    await expect.poll(() => applicant.getByText('QR', { exact: true }).count()).toBe(5);
    // the card picture was kept as the ID-card page of the dossier
    const idSlot = page.getByRole('region', { name: /^CCCD người đi đăng ký/ });
    await expect.poll(() => idSlot.getByText('1 trang', { exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);

    await page.getByLabel('Số điện thoại', { exact: true }).fill('0912345678');
    await page.getByLabel('Số điện thoại', { exact: true }).blur();
    await page.evaluate("document.getElementById('main')?.scrollTo(0, 0)");
    await page.screenshot({ path: join(shots, 'cccd-intake.png') });
    await expectAccessible('cccd intake');
  });

  it('the dossier cannot be marked ready until the agent confirms what was read', async () => {
    // the citizen's consent, recorded before "ready" (issue 11); they also agree to keep their papers for next time,
    // without which the second visit below is offered nothing to re-use (REUSE_NO_CONSENT)
    await recordConsentInUi(page, { reuse: true });
    await page.getByRole('button', { name: 'Đánh dấu sẵn sàng' }).click();
    await expect.poll(() => page.getByText('Thông tin đọc từ thẻ chưa được xác nhận: hãy đối chiếu với thẻ rồi bấm "Xác nhận".').count()).toBe(5);
    // one by one for the name, then all the rest at once
    await page.getByRole('button', { name: 'Xác nhận Họ và tên' }).click();
    expect(await description(page.getByLabel('Họ và tên', { exact: true }))).toContain('đã xác nhận');
    await page.getByRole('button', { name: /^Xác nhận tất cả/ }).click();
    await expect.poll(() => page.getByText('✓ Đã xác nhận').count()).toBe(5);
    await expect.poll(() => page.getByText(/chưa được xác nhận/).count()).toBe(0);
    // after a reload the sources and confirmations are still there (they are saved with the draft)
    await expect.poll(() => page.getByText(/Đã lưu lúc/).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByText('✓ Đã xác nhận').count(), { timeout: 15_000 }).toBe(5);
  });

  it('takes a page with the camera, from a live preview', async () => {
    const slot = page.getByRole('region', { name: /^Giấy chứng sinh/ });
    await slot.getByRole('button', { name: 'Chụp ảnh' }).click();
    const dialog = page.getByRole('dialog', { name: /^Chụp ảnh: Giấy chứng sinh/ });
    const capture = dialog.getByRole('button', { name: 'Chụp trang' });
    await expect.poll(() => capture.isEnabled(), { timeout: 15_000 }).toBe(true);
    expect(await page.evaluate<number>("document.querySelector('dialog video').videoWidth")).toBeGreaterThan(0);
    await expectAccessible('camera');
    await capture.click();
    // the page is checked, thumbnailed and encrypted first: seen past 15 s on a loaded 2-core box
    await expect.poll(() => dialog.getByText('Đã thêm 1 trang vào hồ sơ.').isVisible(), { timeout: 60_000 }).toBe(true);
    await dialog.getByRole('button', { name: 'Xong' }).click();
    await expect.poll(() => slot.getByText('1 trang', { exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);
  });

  it('scans wait in the folder while no dossier is open, then land in the slot the agent works in', async () => {
    const scan = (lines: string[]) => makeTextPage({ lines, format: 'jpeg', width: 1240, height: 1754 });
    await page.getByRole('link', { name: 'Danh sách hồ sơ' }).click();
    writeFileSync(join(scanDir, 'scan_0001.jpg'), await scan(['TỜ KHAI ĐĂNG KÝ KHAI SINH', `Người yêu cầu: ${citizen.fullName}`]));
    const statusBar = page.getByRole('contentinfo');
    await expect.poll(() => statusBar.getByText('1 trang đang chờ trong thư mục quét').isVisible(), { timeout: 15_000 }).toBe(true);

    // back to the dossier: the first required document still missing receives the waiting page (filed online, that is
    // the portal's e-form; the paper declaration is only for direct or postal filing)
    await page.getByRole('row', { name: new RegExp(citizen.fullName) }).getByRole('link').first().click();
    await page.getByRole('link', { name: 'Tiếp tục tiếp nhận' }).click();
    const eForm = page.getByRole('region', { name: /^Tờ khai điện tử/ });
    await expect.poll(() => eForm.getByText('1 trang', { exact: true }).isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => statusBar.getByText(/trang đang chờ trong thư mục quét/).count()).toBe(0);

    // the agent points the scanner at another document; the next sheet goes there
    const birth = page.getByRole('region', { name: /^Giấy chứng sinh/ });
    await birth.getByRole('button', { name: 'Nhận trang quét vào đây' }).click();
    await expect.poll(() => birth.getByText('Máy quét đưa trang vào đây').isVisible(), { timeout: 10_000 }).toBe(true);
    writeFileSync(join(scanDir, 'scan_0002.jpg'), await scan(['GIẤY CHỨNG SINH', `Họ và tên mẹ: ${citizen.fullName}`]));
    await expect.poll(() => birth.getByText('2 trang', { exact: true }).isVisible(), { timeout: 20_000 }).toBe(true);
    const bar = page.getByRole('region', { name: 'Máy quét' });
    await expect.poll(() => bar.getByText(/^Vừa nhận scan_0002\.jpg \(1 trang\)/).isVisible(), { timeout: 10_000 }).toBe(true);
    await bar.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'scan-folder-intake.png') });

    // the empty back of the sheet (duplex scanning) comes next: offered for removal
    writeFileSync(join(scanDir, 'scan_0003.jpg'), await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#f5f4ef' } }).jpeg().toBuffer());
    await expect.poll(() => bar.getByText(/^Trang 3 của "Giấy chứng sinh.*" gần như trắng/).isVisible(), { timeout: 20_000 }).toBe(true);
    await expectAccessible('scan folder');
    await bar.getByRole('button', { name: 'Xoá 1 trang trắng' }).click();
    await expect.poll(() => birth.getByText('2 trang', { exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => bar.getByText(/gần như trắng/).count()).toBe(0);
  });

  it('when the citizen comes back, the agent sees and re-uses the pages digitized the first time', async () => {
    await page.getByRole('link', { name: /Hồ sơ mới/ }).click();
    await page.getByLabel('Tìm thủ tục').fill('dang ky khai sinh');
    const choice = page.getByRole('button', { name: 'Thủ tục đăng ký khai sinh', exact: true });
    await expect.poll(() => choice.isVisible(), { timeout: 10_000 }).toBe(true);
    await choice.click();
    await pickBirthCase();
    // typing the number is not enough to see the citizen's earlier papers: the agent reads the card (a new photo of it)
    const applicant = page.getByRole('group', { name: 'Người nộp hồ sơ' });
    await expect.poll(() => applicant.isVisible(), { timeout: 10_000 }).toBe(true);
    const card = new Uint8Array(await photograph(await renderCccdFront(citizen), { rotate: 3, blur: 0.5, jpegQuality: 90 }, makeRng(4)));
    await dropFile(applicant, 'cccd-lan-2.jpg', card, 'image/jpeg');
    await expect.poll(() => applicant.getByText(/^Đã điền 5 thông tin đọc từ mã QR/).isVisible(), { timeout: 60_000 }).toBe(true);
    const idSlot = page.getByRole('region', { name: /^CCCD người đi đăng ký/ });
    await expect.poll(() => idSlot.getByText('1 trang', { exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);
    const open = idSlot.getByRole('button', { name: 'Dùng lại giấy tờ đã số hoá' });
    await expect.poll(() => open.isVisible(), { timeout: 20_000 }).toBe(true);
    await open.click();
    const dialog = page.getByRole('dialog', { name: /^Dùng lại giấy tờ đã số hoá/ });
    // every earlier page is shown as a picture, with the date it was first digitized
    await expect.poll(() => dialog.locator('.reuse-thumb img').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    expect(await dialog.locator('.reuse-thumb img').evaluateAll((imgs) => imgs.every((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0))).toBe(true);
    await expect.poll(() => dialog.getByText(/số hoá ngày \d{2}\/\d{2}\/\d{4}/).first().isVisible()).toBe(true);
    await page.screenshot({ path: join(shots, 'reuse-dialog.png') });
    await expectAccessible('reuse dialog');
    // the card picture from the first visit starts ticked for the ID-card slot
    await dialog.getByRole('button', { name: /^Dùng lại 1 trang$/ }).click();
    await expect.poll(() => idSlot.getByText('2 trang', { exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(consoleErrors.filter((e) => !/401|Failed to load resource/.test(e))).toEqual([]);
  });
});
