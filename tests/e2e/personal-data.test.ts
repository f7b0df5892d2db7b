// E2E personal data: consent recorded at intake and printed on the receipt, the supervisor's access log shows the
// agent's views, and a citizen's export and erasure.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/core-harness';
import { recordConsentByRpc, recordConsentInUi } from '../support/e2e-consent';
import { makeTextPage } from '../support/make-text-page';
import { applicantFor, LAND_DATA, tinyJpeg } from '../support/review-fixtures';
import { hostRpc } from '../support/host-rpc';
import { launchChromium, startHostProcess, type HostProcess } from '../support/web-host-process';

const shots = join(repoRoot, 'docs', 'screenshots');
const work = mkdtempSync(join(tmpdir(), 'dvc-e2e-privacy-'));
const citizen = applicantFor(77);
const dmy = (iso: string) => iso.split('-').reverse().join('/');

let host: HostProcess;
let browser: Browser;
let page: Page;
let localCode = '';

function rpc<T>(name: string, session: string | null, input: unknown): Promise<T> {
  return hostRpc<T>(host, name, session, input);
}

async function login(username: string, password: string): Promise<void> {
  await page.goto(host.url);
  await expect.poll(() => page.getByRole('heading', { name: 'Đăng nhập' }).isVisible(), { timeout: 30_000 }).toBe(true);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Đăng xuất' }).isVisible(), { timeout: 15_000 }).toBe(true);
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  host = await startHostProcess(join(work, 'app'), ['--ocr-workers', '1']);
  const admin = (
    await rpc<{ token: string }>('setup.complete', null, {
      office: { code: 'DL-DEV-001', name: 'Điểm Bưu điện văn hoá xã Tân Lập', address: 'Thôn Đông, xã Tân Lập, Hà Nội' },
      admin: { username: 'quantri', fullName: 'Nguyễn Văn Quản', password: 'cay tre ven song 2026' },
    })
  ).token;
  await rpc('users.create', admin, { username: 'nv.lan', fullName: 'Lê Thị Lan', role: 'agent', password: 'lua chin dong xa 7' });
  await rpc('users.create', admin, { username: 'ks.mai', fullName: 'Đỗ Thị Mai', role: 'supervisor', password: 'gio mua dong bac 9' });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  page = await context.newPage();
}, 240_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await page.screenshot({ path: join(tmpdir(), `dvc-e2e-privacy-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`) });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('personal data', () => {
  it('the agent records consent at intake (nothing ticked in advance) and it is printed on the receipt', async () => {
    await login('nv.lan', 'lua chin dong xa 7');
    await page.getByRole('link', { name: /Hồ sơ mới/ }).click();
    await page.getByLabel('Tìm thủ tục').fill('dang ky thuong tru');
    const row = page.getByRole('row').filter({ hasText: '1.004222' });
    await expect.poll(() => row.first().isVisible(), { timeout: 10_000 }).toBe(true);
    await row.first().locator('button[data-choose]').click();
    const group = page.getByRole('group', { name: 'Người nộp hồ sơ' });
    await expect.poll(() => group.isVisible(), { timeout: 10_000 }).toBe(true);
    localCode = (await page.locator('.page-header dd.mono').first().textContent()) ?? '';
    await group.getByLabel('Họ và tên', { exact: true }).fill(citizen.fullName);
    await group.getByLabel('Số định danh cá nhân/CCCD').fill(citizen.idNumber);
    await group.getByLabel('Ngày sinh').fill(dmy(citizen.dateOfBirth));
    await group.getByLabel('Giới tính').selectOption(citizen.sex);
    await group.getByLabel('Địa chỉ', { exact: true }).fill(citizen.address);
    await group.getByLabel('Số điện thoại', { exact: true }).fill(citizen.phone);
    await group.getByLabel('Số điện thoại', { exact: true }).blur();
    await expect.poll(() => page.getByText(/Đã lưu lúc/).isVisible(), { timeout: 10_000 }).toBe(true);
    const picker = page.getByRole('combobox', { name: 'Trường hợp' });
    await picker.fill('chỗ ở hợp pháp thuộc quyền sở hữu của mình');
    await picker.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Thành phần hồ sơ' }).isVisible(), { timeout: 10_000 }).toBe(true);
    const form = page.getByRole('region', { name: 'Tờ khai CT01', exact: true });
    const scan = join(work, 'ct01.png');
    writeFileSync(scan, await makeTextPage({ lines: ['TO KHAI CT01', 'Trang 1/1'], format: 'png', width: 1240, height: 700 }));
    await form.getByLabel('Thêm trang').setInputFiles([scan]);
    await expect.poll(() => form.getByText('1 trang', { exact: true }).isVisible(), { timeout: 30_000 }).toBe(true);

    // without consent "ready" is refused with what to do
    await page.getByRole('button', { name: 'Đánh dấu sẵn sàng' }).click();
    await expect.poll(() => page.getByText(/Chưa ghi nhận sự đồng ý của người nộp/).isVisible(), { timeout: 10_000 }).toBe(true);
    const panel = page.getByRole('region', { name: 'Đồng ý xử lý dữ liệu cá nhân' });
    expect(await panel.getByRole('checkbox', { name: /để làm thủ tục này/ }).isChecked()).toBe(false);
    expect(await panel.getByRole('checkbox', { name: /lưu bản quét giấy tờ/ }).isChecked()).toBe(false);
    expect(await panel.getByRole('radio').evaluateAll((els) => els.some((e) => (e as unknown as { checked: boolean }).checked))).toBe(false);
    await panel.getByText(/Xem nội dung thông báo/).click();
    await panel.scrollIntoViewIfNeeded();
    await page.evaluate("document.querySelector('.consent')?.scrollIntoView({ block: 'start' })");
    await page.mouse.move(5, 700);
    await page.screenshot({ path: join(shots, 'consent.png') });

    await recordConsentInUi(page, { method: 'signed', reuse: true });
    expect(await panel.getByText(/làm thủ tục này; lưu giấy tờ để dùng lại/).first().isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Đánh dấu sẵn sàng' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'In phiếu tiếp nhận' }).isVisible(), { timeout: 15_000 }).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'In phiếu tiếp nhận' }).click()]);
    const path = join(work, 'receipt.pdf');
    await download.saveAs(path);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
    expect(text).toContain('Đồng ý xử lý dữ liệu cá nhân');
    expect(text).toContain('làm thủ tục hành chính này; lưu giấy tờ để dùng lại lần sau');
    expect(text).toContain('Chữ ký người nộp (đồng ý xử lý dữ liệu cá nhân)');
    expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1])).toBe(1);

    // the agent opens the scanned page: a view the supervisor will find in the access log
    await form.locator('.page-card__thumb').first().click();
    await expect.poll(() => page.getByRole('dialog').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
  });

  it("the supervisor's access log shows the agent's views", async () => {
    await login('ks.mai', 'gio mua dong bac 9');
    await page.getByRole('link', { name: 'Nhật ký', exact: true }).click();
    await page.getByRole('link', { name: 'Nhật ký truy cập dữ liệu cá nhân' }).first().click();
    await expect.poll(() => page.getByRole('heading', { name: 'Nhật ký truy cập dữ liệu cá nhân' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByLabel('Người xem').selectOption({ label: 'Lê Thị Lan' });
    await page.getByLabel('Số định danh của công dân').fill(citizen.idNumber);
    const table = page.getByRole('table');
    await expect.poll(async () => (await table.textContent()) ?? '', { timeout: 10_000 }).toContain('Xem ảnh trang');
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('Xem/in phiếu tiếp nhận');
    expect(text).toContain('Xem ảnh thu nhỏ');
    expect(text).toContain(localCode);
    expect(text).not.toContain('Đỗ Thị Mai');
    await page.mouse.move(5, 700);
    await page.screenshot({ path: join(shots, 'access-log.png') });
  });

  it('exports everything about the citizen, then erases it after a typed confirmation', async () => {
    await page.getByRole('link', { name: 'Dữ liệu cá nhân', exact: true }).click();
    await page.getByLabel('Số định danh cá nhân').fill(citizen.idNumber);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expect.poll(() => page.getByText(`${citizen.fullName}: 1 hồ sơ`).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.mouse.move(5, 700);
    await page.screenshot({ path: join(shots, 'citizen-request.png') });
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải dữ liệu (JSON)' }).click()]);
    const jsonPath = join(work, 'export.json');
    await json.saveAs(jsonPath);
    const exported = JSON.parse(readFileSync(jsonPath, 'utf8')) as { dossiers: { localCode: string; applicant: { fullName: string }; consents: unknown[] }[] };
    expect(exported.dossiers[0]).toMatchObject({ localCode, applicant: { fullName: citizen.fullName } });
    expect(exported.dossiers[0]?.consents.length).toBe(2);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải bản tóm tắt (PDF)' }).click()]);
    const pdfPath = join(work, 'export.pdf');
    await pdf.saveAs(pdfPath);
    expect(execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' })).toContain(localCode);

    await page.getByRole('button', { name: 'Xoá dữ liệu theo yêu cầu…' }).click();
    const dialog = page.getByRole('dialog');
    const erase = dialog.getByRole('button', { name: 'Xoá vĩnh viễn' });
    await dialog.getByLabel('Gõ lại số định danh để xác nhận').fill('000000000000');
    await dialog.getByLabel('Lý do, cách người dân yêu cầu').fill('Người dân đến quầy yêu cầu xoá, đã xem thẻ căn cước');
    expect(await erase.isDisabled()).toBe(true);
    await dialog.getByLabel('Gõ lại số định danh để xác nhận').fill(citizen.idNumber);
    expect(await erase.isDisabled()).toBe(false);
    await erase.click();
    await expect.poll(() => page.getByText(/Đã xoá dữ liệu của 1 hồ sơ/).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText(/Luật Kế toán/).first().isVisible()).toBe(true);
    // nothing is left under this number
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expect.poll(() => page.getByText(/Không có hồ sơ nào của số định danh/).isVisible(), { timeout: 10_000 }).toBe(true);
  });

  it('shows what the next purge removes, keeps a dossier on legal hold out of it, and the admin runs it', async () => {
    // another citizen's dossier, stopped before it was sent: the citizen withdrew their consent, its clock starts now
    const agent = (await rpc<{ token: string }>('auth.login', null, { username: 'nv.lan', password: 'lua chin dong xa 7' })).token;
    const d = await rpc<{ id: string; localCode: string; components: { id: number; required: boolean; kind: string }[] }>('dossiers.create', agent, { procedureCode: LAND_DATA, mode: 'online' });
    await rpc('dossiers.saveDraft', agent, { id: d.id, applicant: applicantFor(78) });
    const slot = d.components.find((c) => c.required && c.kind === 'submit');
    await rpc('pages.add', agent, { dossierId: d.id, componentId: slot?.id, fileName: 'giay-to.jpg', bytes: await tinyJpeg(7801) });
    await recordConsentByRpc(rpc, agent, d.id);
    await rpc('consent.withdraw', agent, { dossierId: d.id, purpose: 'procedure', note: 'người nộp đổi ý' });
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await login('quantri', 'cay tre ven song 2026');
    await page.getByRole('link', { name: 'Dữ liệu cá nhân', exact: true }).click();
    const retention = page.getByRole('region', { name: 'Thời hạn lưu trữ' });
    await expect.poll(() => retention.isVisible(), { timeout: 10_000 }).toBe(true);
    // nothing is due at the lawful defaults; with 0 days for other scans the withdrawn dossier's page is
    await expect.poll(() => retention.getByText('Lần xoá tới không có gì cần xoá.').isVisible()).toBe(true);
    // an emptied box is refused on its field (never taken as 0 days), and nothing is saved
    const otherScans = retention.getByLabel('Bản quét giấy tờ khác', { exact: true });
    await otherScans.fill('');
    await retention.getByRole('button', { name: 'Lưu thời hạn' }).click();
    await expect.poll(() => retention.getByText('Ô này không được để trống.').isVisible()).toBe(true);
    expect(await otherScans.getAttribute('aria-invalid')).toBe('true');
    expect(await retention.getByText('Lần xoá tới không có gì cần xoá.').isVisible()).toBe(true);
    await otherScans.fill('0');
    await retention.getByRole('button', { name: 'Lưu thời hạn' }).click();
    await expect.poll(() => retention.getByText(`${d.localCode}`).isVisible()).toBe(true);
    expect(await retention.getByRole('listitem').filter({ hasText: d.localCode }).textContent()).toContain('giấy tờ');

    // a complaint is pending: the supervisor's legal hold keeps the dossier out of the purge
    await retention.getByLabel('Mã hồ sơ', { exact: true }).fill(d.localCode);
    await retention.getByLabel('Lý do giữ lại').fill('Khiếu nại đang giải quyết');
    await retention.getByRole('button', { name: 'Giữ lại', exact: true }).click();
    await expect.poll(() => retention.getByText(/1 hồ sơ đang giữ lại theo yêu cầu pháp lý được bỏ qua/).isVisible()).toBe(true);
    expect(await retention.getByText(new RegExp(`${d.localCode}: Khiếu nại đang giải quyết`)).isVisible()).toBe(true);
    await page.evaluate("document.querySelector('.privacy-retention h3')?.scrollIntoView({ block: 'center' })");
    await page.mouse.move(5, 700);
    await page.screenshot({ path: join(shots, 'retention.png') });

    // released with a reason, the dossier is due again, and the admin's run removes its page and the file
    await retention.getByRole('button', { name: 'Bỏ giữ lại' }).click();
    await retention.getByLabel('Lý do bỏ giữ lại').fill('Khiếu nại đã giải quyết xong');
    await retention.getByRole('button', { name: 'Bỏ giữ lại' }).click();
    await expect.poll(() => retention.getByText('Không có hồ sơ nào đang được giữ lại.').isVisible()).toBe(true);
    await retention.getByRole('button', { name: 'Xoá ngay bây giờ' }).click();
    await expect.poll(() => retention.getByText(/^Đã xoá: 1 hồ sơ, 1 trang, 1 tệp ảnh\./).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => retention.getByText('Lần xoá tới không có gì cần xoá.').isVisible()).toBe(true);
    const after = await rpc<{ components: { pages: { purgedAt: number | null }[] }[] }>('dossiers.get', agent, { id: d.id });
    expect(after.components.flatMap((c) => c.pages).map((p) => p.purgedAt !== null)).toEqual([true]);
  });
});
