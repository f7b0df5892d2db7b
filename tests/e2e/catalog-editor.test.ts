// E2E: the admin corrects a procedure's checklist for the office (a counter label and a per-page fee) in Chromium.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/core-harness';
import { launchChromium, startHostProcess, type HostProcess } from '../support/web-host-process';

const shots = join(repoRoot, 'docs', 'screenshots');
const work = mkdtempSync(join(tmpdir(), 'dvc-e2e-editor-'));
const dataDir = join(work, 'data');
const CODE = '2.000815';

let host: HostProcess;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

async function expectAccessible(name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${name}: ${v.id} ${v.help} (${v.nodes.length})`)).toEqual([]);
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  host = await startHostProcess(dataDir);
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail')
    await page.screenshot({ path: join(tmpdir(), `dvc-e2e-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`) });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('the admin corrects a checklist for the office', () => {
  it('sets up the office and opens the editor from the catalog screen', async () => {
    await page.goto(host.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Thiết lập ban đầu' }).isVisible(), { timeout: 30_000 }).toBe(true);
    await page.getByLabel('Mã đại lý').fill('DL-HN-0012');
    await page.getByLabel('Tên đại lý').fill('Điểm Bưu điện văn hoá xã Tân Lập');
    await page.getByLabel('Địa chỉ', { exact: true }).fill('Thôn Đông, xã Tân Lập, huyện Đan Phượng, Hà Nội');
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Họ và tên', { exact: true }).fill('Nguyễn Văn Quản');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('TanLap#2026dvc');
    await page.getByLabel('Nhập lại mật khẩu').fill('TanLap#2026dvc');
    await page.getByRole('button', { name: 'Hoàn tất thiết lập' }).click();
    await expect.poll(() => page.getByRole('link', { name: /Hồ sơ mới/ }).isVisible(), { timeout: 20_000 }).toBe(true);

    await page.getByRole('link', { name: /Hồ sơ mới/ }).click();
    await page.getByLabel('Tìm thủ tục').fill('chung thuc ban sao tu ban chinh');
    const edit = page.getByRole('button', { name: `Sửa danh mục thủ tục ${CODE}` });
    await expect.poll(() => edit.isVisible(), { timeout: 10_000 }).toBe(true);
    await edit.click();
    await expect.poll(() => page.getByRole('heading', { name: `Sửa danh mục: thủ tục ${CODE}` }).isVisible(), { timeout: 10_000 }).toBe(true);
    // a reviewed profile makes this checklist; the office has not corrected it yet
    expect(await page.getByText('Hồ sơ mẫu đã rà soát').isVisible()).toBe(true);
    expect(await page.getByText('Văn phòng chưa sửa danh mục của thủ tục này.').isVisible()).toBe(true);
  });

  it('changes a counter label and the per-page fee, saves with a reason, and sees the version in the history', async () => {
    const original = page.getByRole('group', { name: /^Bản chính giấy tờ, văn bản làm cơ sở/ });
    await original.getByLabel('Nhãn ở quầy').fill('Bản gốc mang theo');
    const fee = page.getByRole('group', { name: 'Phí, lệ phí khi nộp trực tiếp' });
    await expect.poll(() => fee.getByLabel('Cách tính').inputValue()).toBe('catalog');
    await fee.getByLabel('Cách tính').selectOption({ label: 'Theo đơn vị (trang, bản…)' });
    // the catalog's rule is the starting point: 2.000 đ/trang, from the third page 1.000 đ, at most 200.000 đ a copy
    await expect.poll(() => fee.getByLabel('Bậc 1: đơn giá (đồng)').inputValue()).toBe('2000');
    await fee.getByLabel('Bậc 1: đơn giá (đồng)').fill('3000');
    await expect.poll(() => fee.getByText('Ví dụ 3 đơn vị, 1 bản: 7.000 ₫').isVisible()).toBe(true);
    await page.getByLabel('Dùng mức chung của điểm (0 ₫)').uncheck();
    await page.getByLabel('Phí dịch vụ (đồng)').fill('20000');
    await page.getByLabel('Lý do sửa').fill('Bảng giá niêm yết của điểm từ 01/12');
    await page.getByRole('button', { name: 'Lưu bản sửa' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: /^Đã lưu phiên bản 1\./ }).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByText('Văn phòng đã sửa, phiên bản 1').isVisible()).toBe(true);
    const history = page.getByRole('region', { name: 'Lịch sử sửa đổi' });
    expect(await history.getByRole('cell', { name: 'Nguyễn Văn Quản' }).isVisible()).toBe(true);
    expect(await history.getByRole('cell', { name: 'Bảng giá niêm yết của điểm từ 01/12' }).isVisible()).toBe(true);
    await expectAccessible('checklist editor');
    // the top of the editor: which layers made the checklist, then the documents with the new label
    await page.evaluate("document.getElementById('main')?.scrollTo(0, 0)");
    await page.screenshot({ path: join(shots, 'checklist-editor.png'), fullPage: false });
  });

  it('keeps the correction across a reload, and exports it as a corrections file', async () => {
    await page.reload();
    const original = page.getByRole('group', { name: /^Bản chính giấy tờ, văn bản làm cơ sở/ });
    await expect.poll(() => original.getByLabel('Nhãn ở quầy').inputValue(), { timeout: 10_000 }).toBe('Bản gốc mang theo');
    const fee = page.getByRole('group', { name: 'Phí, lệ phí khi nộp trực tiếp' });
    expect(await fee.getByLabel('Bậc 1: đơn giá (đồng)').inputValue()).toBe('3000');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Xuất bản sửa (JSON)' }).click(),
    ]);
    const path = await download.path();
    const file = JSON.parse(readFileSync(path, 'utf8')) as {
      format: string;
      officeCode: string;
      corrections: { procedureCode: string; serviceChargeVnd: number; documents: Record<string, { label?: string }> }[];
    };
    expect(file).toMatchObject({ format: 'dai-ly-dvc-corrections', officeCode: 'DL-HN-0012' });
    expect(file.corrections.map((c) => [c.procedureCode, c.serviceChargeVnd])).toEqual([[CODE, 20000]]);
    expect(Object.values(file.corrections[0]?.documents ?? {}).map((d) => d.label)).toEqual(['Bản gốc mang theo']);
    expect(consoleErrors).toEqual([]);
  });
});
