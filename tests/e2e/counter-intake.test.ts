// E2E: an agent's day at the counter in Chromium through the web host, from first run to the queue after a restart.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/core-harness';
import { expectAccessible as axeClean, shotIfFailed, signIn } from '../support/e2e-page';
import { makeTextPage } from '../support/make-text-page';
import { launchChromium, startHostProcess, type HostProcess } from '../support/web-host-process';
import { recordConsentInUi } from '../support/e2e-consent';

const shots = join(repoRoot, 'docs', 'screenshots');
const work = mkdtempSync(join(tmpdir(), 'dvc-e2e-'));
const dataDir = join(work, 'data');
const PHRASE = 'Uỷ ban nhân dân phường Hoàn Kiếm';
const applicant = { name: 'Nguyễn Thị Hoà', id: '001160012345', dob: '12/05/1960', address: 'Số 5 ngõ 12 phố Đội Cấn, Ba Đình, Hà Nội', phone: '0912345678' };

let host: HostProcess;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

const expectAccessible = (name: string) => axeClean(page, name);

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
}

function dmy(offsetDays: number): string {
  const d = new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  host = await startHostProcess(dataDir);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, acceptDownloads: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
});

afterEach(async (ctx) => {
  await shotIfFailed(page, 'dvc-e2e', ctx.task);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('counter intake, offline, end to end', () => {
  it('first run: the office and its admin are set up', async () => {
    await page.goto(host.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Thiết lập ban đầu' }).isVisible(), { timeout: 30_000 }).toBe(true);
    await expectAccessible('setup');
    // sent empty: each field says what it needs, the first one takes the focus, nothing is sent
    await page.getByRole('button', { name: 'Hoàn tất thiết lập' }).click();
    await expect.poll(() => page.getByText('Hãy nhập mã đại lý.').isVisible()).toBe(true);
    expect(await page.getByText('Hãy nhập lại mật khẩu.').isVisible()).toBe(true);
    expect(await page.evaluate('document.activeElement?.id')).toBe('setup-officeCode');
    await page.getByLabel('Số quầy', { exact: false }).fill('quầy 120');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('TanLap#2026dvc');
    await page.getByLabel('Nhập lại mật khẩu').fill('TanLap#2026');
    await expect.poll(() => page.getByText('Hai mật khẩu không khớp.').isVisible()).toBe(true);
    expect(await page.getByText('Số quầy là một số từ 01 đến 99.').isVisible()).toBe(true);
    await shot('setup-errors');
    await page.getByLabel('Số quầy', { exact: false }).fill('02');
    await page.getByLabel('Mã đại lý').fill('DL-HN-0012');
    await page.getByLabel('Tên đại lý').fill('Điểm Bưu điện văn hoá xã Tân Lập');
    await page.getByLabel('Địa chỉ', { exact: true }).fill('Thôn Đông, xã Tân Lập, huyện Đan Phượng, Hà Nội');
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Họ và tên', { exact: true }).fill('Nguyễn Văn Quản');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('TanLap#2026dvc');
    await page.getByLabel('Nhập lại mật khẩu').fill('TanLap#2026dvc');
    await page.getByRole('button', { name: 'Hoàn tất thiết lập' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Người dùng' }).isVisible(), { timeout: 20_000 }).toBe(true);
  });

  it('the admin creates an agent account', async () => {
    await page.getByRole('link', { name: 'Người dùng' }).click();
    await page.getByLabel('Tên đăng nhập').fill('nv.lan');
    await page.getByLabel('Họ và tên', { exact: true }).fill('Lê Thị Lan');
    await page.getByLabel('Vai trò').selectOption({ label: 'Nhân viên đại lý' });
    await page.getByLabel('Mật khẩu', { exact: true }).fill('tiepnhan01');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await expect.poll(() => page.getByText('Đã tạo tài khoản nv.lan.').isVisible()).toBe(true);
    await expectAccessible('users');
    // a reset to a password core refuses: its reason on the field, the dialog stays; a good one closes it
    await page.getByRole('button', { name: 'Đặt lại mật khẩu nv.lan' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => dialog.getByText('Ô này không được để trống.').isVisible()).toBe(true);
    await dialog.getByLabel('Mật khẩu mới').fill('nv.lan2026');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    // said once, on the field (the sentence and its reason), which keeps focus for the next try
    await expect.poll(() => dialog.getByText(/^Mật khẩu chưa đủ an toàn\. Mật khẩu không được chứa tên đăng nhập/).isVisible()).toBe(true);
    expect(await dialog.getByText(/chưa đủ an toàn/).count()).toBe(1);
    expect(await page.evaluate<string>("document.activeElement?.id ?? ''")).toBe('reset-password');
    await shot('users-reset-refused');
    await dialog.getByLabel('Mật khẩu mới').fill('tiepnhan01');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.getByText('Đã đặt lại mật khẩu cho nv.lan.').isVisible()).toBe(true);
    expect(await dialog.count()).toBe(0);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
  });

  it('the agent logs in', async () => {
    await expect.poll(() => page.getByRole('heading', { name: 'Đăng nhập' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByLabel('Tên đăng nhập').fill('nv.lan');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').isVisible()).toBe(true);
    await shot('login');
    await expectAccessible('login');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('tiepnhan01');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByRole('link', { name: /Hồ sơ mới/ }).isVisible(), { timeout: 10_000 }).toBe(true);
  });

  it('finds "đăng ký khai sinh" typed without accents and opens a dossier', async () => {
    await page.getByRole('link', { name: /Hồ sơ mới/ }).click();
    await page.getByLabel('Tìm thủ tục').fill('dang ky khai sinh');
    const choice = page.getByRole('button', { name: 'Thủ tục đăng ký khai sinh', exact: true });
    await expect.poll(() => choice.isVisible(), { timeout: 10_000 }).toBe(true);
    await expectAccessible('catalog');
    await choice.click();
    await expect.poll(() => page.getByRole('group', { name: 'Người nộp hồ sơ' }).isVisible(), { timeout: 10_000 }).toBe(true);
    // khai sinh has cases: the checklist appears once the agent picks one, typed without accents
    const picker = page.getByRole('combobox', { name: 'Trường hợp' });
    await picker.fill('co giay chung sinh');
    await picker.press('Enter');
    await expect.poll(() => picker.inputValue(), { timeout: 10_000 }).toBe('Có Giấy chứng sinh');
  });

  it('enters the applicant (autosaved, no Save button)', async () => {
    await page.getByLabel('Họ và tên', { exact: true }).fill(applicant.name);
    await page.getByLabel('Số định danh cá nhân/CCCD').fill(applicant.id);
    await page.getByLabel('Ngày sinh').fill(applicant.dob);
    // the applicant's, not the child's of the declaration form below
    await page.getByRole('group', { name: 'Người nộp hồ sơ' }).getByLabel('Giới tính').selectOption('female');
    await page.getByLabel('Địa chỉ', { exact: true }).fill(applicant.address);
    await page.getByLabel('Số điện thoại', { exact: true }).fill(applicant.phone);
    await page.getByLabel('Số điện thoại', { exact: true }).blur();
    await expect.poll(() => page.getByText(/Đã lưu lúc/).isVisible(), { timeout: 10_000 }).toBe(true);
  });

  it('adds two generated Vietnamese pages to a component and reads them with OCR', async () => {
    const files = [];
    for (const [i, lines] of [
      ['CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'GIẤY CHỨNG SINH', PHRASE, 'Họ và tên mẹ: Nguyễn Thị Hoà'],
      ['Trang 2 của giấy chứng sinh', 'Con sinh ngày 02 tháng 9 năm 2026', 'Cân nặng khi sinh: 3,2 kg'],
    ].entries()) {
      const path = join(work, `giay-chung-sinh-${i + 1}.png`);
      writeFileSync(path, await makeTextPage({ lines, format: 'png', height: 1400 }));
      files.push(path);
    }
    const slot = page.getByRole('region', { name: /^Giấy chứng sinh/ });
    await slot.getByLabel('Thêm trang').setInputFiles(files);
    await slot.scrollIntoViewIfNeeded(); // a failure's screenshot then shows the slot
    // two A4 pages are checked, thumbnailed and encrypted before they show: minutes on a loaded 2-core box
    await expect.poll(() => slot.getByText('Trang 2', { exact: true }).isVisible(), { timeout: 90_000, interval: 1000 }).toBe(true);
    // every other required document the checklist still marks missing gets its scan too
    const missingSlots = async () => {
      const found = [];
      for (const region of await page.getByRole('region').all()) {
        if ((await region.getByLabel('Thêm trang').count()) !== 1) continue; // the checklist itself, not a slot
        if ((await region.getByText('Còn thiếu', { exact: true }).count()) > 0) found.push(region);
      }
      return found;
    };
    for (let slots = await missingSlots(), guard = 0; slots.length > 0 && guard < 10; slots = await missingSlots(), guard++) {
      const file = join(work, `bo-sung-${guard}.png`);
      writeFileSync(file, await makeTextPage({ lines: ['TỜ KHAI ĐĂNG KÝ KHAI SINH', `Người yêu cầu: ${applicant.name}`], format: 'png', height: 900 }));
      const before = slots.length;
      await slots[0]?.getByLabel('Thêm trang').setInputFiles(file);
      await expect.poll(async () => (await missingSlots()).length, { timeout: 20_000 }).toBeLessThan(before);
    }
    await expect.poll(() => slot.getByText(/Độ tin cậy \d+%/).count(), { timeout: 180_000, interval: 1000 }).toBe(2);
    await page.evaluate('window.scrollTo(0, 0)');
    await shot('intake');
    await slot.scrollIntoViewIfNeeded();
    await shot('intake-pages');
    await expectAccessible('intake');
    await slot.getByRole('button', { name: 'Xem lớn trang 1' }).click();
    const viewer = page.getByRole('dialog');
    await expect.poll(() => viewer.getByText(PHRASE).isVisible(), { timeout: 10_000 }).toBe(true);
    await viewer.getByRole('button', { name: 'Đóng' }).first().click();
  });

  it('warns about a blurry page in Vietnamese, and the agent decides to keep it', async () => {
    const slot = page.getByRole('region', { name: /^Giấy chứng sinh/ });
    const sharpPage = await makeTextPage({ lines: ['Trang 3 chụp bị rung tay', 'Nơi sinh: Bệnh viện Phụ sản Hà Nội'], format: 'png', height: 1400 });
    const file = join(work, 'trang-mo.jpg');
    writeFileSync(file, await sharp(sharpPage).blur(4).jpeg({ quality: 85 }).withMetadata({ density: 300 }).toBuffer());
    await slot.getByLabel('Thêm trang').setInputFiles(file);
    const warning = slot.getByText('Trang 3 bị mờ, hãy quét lại.');
    await expect.poll(() => warning.isVisible(), { timeout: 30_000 }).toBe(true);
    await warning.scrollIntoViewIfNeeded();
    await shot('quality-warning');
    await expectAccessible('quality warning');
    await slot.getByRole('button', { name: 'Vẫn giữ trang' }).click();
    await expect.poll(() => slot.getByText(/^Đã giữ dù có cảnh báo \(/).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await slot.getByRole('button', { name: 'Vẫn giữ trang' }).count()).toBe(0);
  });

  it('a page scanned sideways is turned upright by OCR, and the card says so', async () => {
    const slot = page.getByRole('region', { name: /^Giấy chứng sinh/ });
    const lines = [
      'GIẤY CHỨNG SINH (bản sao)',
      'Họ và tên mẹ: Nguyễn Thị Hoà, sinh năm 1990',
      'Nơi sinh: Bệnh viện Phụ sản Hà Nội, quận Đống Đa',
      'Người đỡ đẻ: bác sĩ Trần Văn Minh, khoa Sản',
    ];
    const upright = await makeTextPage({ lines, format: 'png', height: 1400 });
    const file = join(work, 'nam-ngang.jpg');
    writeFileSync(file, await sharp(upright).rotate(90).jpeg({ quality: 90 }).withMetadata({ density: 300 }).toBuffer());
    await slot.getByLabel('Thêm trang').setInputFiles(file);
    const note = slot.getByText('Đã tự xoay cho đúng chiều (theo chữ nhận dạng).');
    await expect.poll(() => note.isVisible(), { timeout: 120_000, interval: 1000 }).toBe(true);
    await note.scrollIntoViewIfNeeded();
    await shot('auto-rotated');
  });

  it('marks the dossier ready and downloads a receipt with the name and appointment date', async () => {
    const due = dmy(7);
    await page.getByLabel('Ngày hẹn trả kết quả').fill(due);
    await recordConsentInUi(page); // the citizen's consent, recorded before "ready" (issue 11)
    await page.getByRole('button', { name: 'Đánh dấu sẵn sàng' }).click();
    await expect.poll(() => page.getByText('Hồ sơ đã sẵn sàng.').isVisible(), { timeout: 15_000 }).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'In phiếu tiếp nhận' }).click()]);
    const pdf = join(work, 'phieu.pdf');
    await download.saveAs(pdf);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text).toContain(applicant.name);
    expect(text).toContain(due);
    expect(text).toContain('1.001193');
  });

  it('after a restart of the web host the dossier is in the queue, ready', async () => {
    await host.stop();
    host = await startHostProcess(dataDir);
    await signIn(page, 'nv.lan', 'tiepnhan01', { url: host.url });
    await page.getByRole('link', { name: 'Danh sách hồ sơ' }).click();
    await page.getByLabel('Tìm hồ sơ').fill('nguyen thi hoa');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    const row = page.getByRole('row', { name: /Nguyễn Thị Hoà/ });
    await expect.poll(() => row.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => row.getByText('Sẵn sàng').isVisible()).toBe(true);
    await shot('queue');
    await expectAccessible('queue');
    await row.getByRole('link').first().click();
    await expect.poll(() => page.getByRole('heading', { name: 'Lịch sử trạng thái' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await expectAccessible('dossier detail');
    expect(consoleErrors.filter((e) => !/401|Failed to load resource/.test(e))).toEqual([]);
  });
});
