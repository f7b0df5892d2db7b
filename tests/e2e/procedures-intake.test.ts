// E2E: three procedures as an agent takes them at the counter (a case picked by typing, a mode's own form, a per-page
// fee), the receipts read back, and the portal simulator with default flags accepting all three.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../electron/common/contract';
import { decodeWire, encodeWire } from '../../electron/common/wire';
import { startPortalSim, type PortalSimHandle } from '../../scripts/portal-sim/server';
import { repoRoot } from '../support/core-harness';
import { makeTextPage } from '../support/make-text-page';
import { applicantFor } from '../support/review-fixtures';
import { launchChromium, startHostProcess, type HostProcess } from '../support/web-host-process';
import { recordConsentInUi } from '../support/e2e-consent';
import { freePort } from '../support/e2e-page';

const shots = join(repoRoot, 'docs', 'screenshots');
const work = mkdtempSync(join(tmpdir(), 'dvc-e2e-procedures-'));
const SERVICE_CHARGE = '20.000 ₫';

let host: HostProcess;
let browser: Browser;
let page: Page;
let sim: PortalSimHandle;
let agent = '';
/** local code -> dossier id of the three dossiers taken */
const taken = new Map<string, string>();

async function rpc<T>(name: string, session: string | null, input: unknown): Promise<T> {
  const url = new URL(host.url);
  const res = await fetch(`${host.origin}/rpc/${name}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-host-token': url.searchParams.get('t') ?? '',
      'x-session': session ?? '',
    },
    body: encodeWire(input),
  });
  const r = decodeWire(await res.text()) as {
    ok: boolean;
    value: T;
    error?: { code: string; message: string };
  };
  if (!r.ok) throw new Error(`${name}: ${r.error?.message ?? ''}`);
  return r.value;
}


const pdfText = (path: string) =>
  execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).normalize('NFC');
const flat = (text: string) => text.replace(/\s+/g, ' ');
const dmy = (iso: string) => iso.split('-').reverse().join('/');

async function scanInto(slot: Locator, name: string, pages: number): Promise<void> {
  const files: string[] = [];
  for (let i = 1; i <= pages; i += 1) {
    const path = join(work, `${name}-${i}.png`);
    // small pages: OCR reads them quickly on a shared two-core machine
    writeFileSync(
      path,
      await makeTextPage({
        lines: [name.toUpperCase(), `Trang ${i}/${pages}`],
        format: 'png',
        width: 1240,
        height: 700,
      }),
    );
    files.push(path);
  }
  await slot.getByLabel('Thêm trang').setInputFiles(files);
  await expect
    .poll(() => slot.getByText(`${pages} trang`, { exact: true }).isVisible(), { timeout: 30_000 })
    .toBe(true);
}

async function openProcedure(query: string, code: string): Promise<string> {
  await page.getByRole('link', { name: /Hồ sơ mới/ }).click();
  await page.getByLabel('Tìm thủ tục').fill(query);
  const row = page.getByRole('row').filter({ hasText: code });
  await expect.poll(() => row.first().isVisible(), { timeout: 10_000 }).toBe(true);
  await row.first().locator('button[data-choose]').click();
  await expect
    .poll(() => page.getByRole('group', { name: 'Người nộp hồ sơ' }).isVisible(), { timeout: 10_000 })
    .toBe(true);
  return (await page.locator('.page-header dd.mono').first().textContent()) ?? '';
}

async function fillApplicant(n: number): Promise<void> {
  const a = applicantFor(n);
  // within the applicant's group: a procedure's declaration form has fields of the same names (the child's sex, ...)
  const group = page.getByRole('group', { name: 'Người nộp hồ sơ' });
  await group.getByLabel('Họ và tên', { exact: true }).fill(a.fullName);
  await group.getByLabel('Số định danh cá nhân/CCCD').fill(a.idNumber);
  await group.getByLabel('Ngày sinh').fill(dmy(a.dateOfBirth));
  await group.getByLabel('Giới tính').selectOption(a.sex);
  await group.getByLabel('Địa chỉ', { exact: true }).fill(a.address);
  await group.getByLabel('Số điện thoại', { exact: true }).fill(a.phone);
  await group.getByLabel('Số điện thoại', { exact: true }).blur();
  await expect.poll(() => page.getByText(/Đã lưu lúc/).isVisible(), { timeout: 10_000 }).toBe(true);
}

/** "Đánh dấu sẵn sàng" with no reason asked for, then the receipt as the agent downloads it */
async function readyAndReceipt(localCode: string): Promise<string> {
  await recordConsentInUi(page); // the citizen's consent, recorded before "ready" (issue 11)
  await page.getByRole('button', { name: 'Đánh dấu sẵn sàng' }).click();
  await expect
    .poll(
      () =>
        page
          .getByText(/Hồ sơ đã sẵn sàng|Phiếu tiếp nhận/)
          .first()
          .isVisible(),
      { timeout: 15_000 },
    )
    .toBe(true);
  expect(await page.getByRole('dialog').count()).toBe(0); // no "nộp thiếu" reason was asked for
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'In phiếu tiếp nhận' }).click(),
  ]);
  const path = join(work, `${localCode}.pdf`);
  await download.saveAs(path);
  return path;
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const simPort = await freePort();
  // default flags: the simulator checks dossiers against the catalog the app ships
  sim = await startPortalSim({ port: simPort, dataDir: join(work, 'portal'), speed: 0, seed: 5 });
  host = await startHostProcess(join(work, 'app'), [
    '--sync-probe-ms',
    '800',
    '--sync-interval-ms',
    '1500',
    '--ocr-workers',
    '1',
  ]);
  const admin = (
    await rpc<{ token: string }>('setup.complete', null, {
      office: {
        code: 'DL-DEV-001',
        name: 'Điểm Bưu điện văn hoá xã Tân Lập',
        address: 'Thôn Đông, xã Tân Lập, Hà Nội',
      },
      admin: { username: 'quantri', fullName: 'Nguyễn Văn Quản', password: 'cay tre ven song 2026' },
    })
  ).token;
  await rpc('users.create', admin, {
    username: 'nv.lan',
    fullName: 'Lê Thị Lan',
    role: 'agent',
    password: 'lua chin dong xa 7',
  });
  await rpc('settings.update', admin, { serviceChargeVnd: 20_000 });
  await rpc('sync.configure', admin, {
    portalUrl: `http://127.0.0.1:${simPort}`,
    agentCode: 'DL-DEV-001',
    secret: 'dev-secret',
  });
  agent = (
    await rpc<{ token: string }>('auth.login', null, { username: 'nv.lan', password: 'lua chin dong xa 7' })
  ).token;
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  page = await context.newPage();
}, 240_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail')
    await page.screenshot({
      path: join(tmpdir(), `dvc-e2e-proc-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`),
    });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await sim?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('procedures at the counter', () => {
  it('the agent logs in', async () => {
    await page.goto(host.url);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Đăng nhập' }).isVisible(), { timeout: 30_000 })
      .toBe(true);
    await page.getByLabel('Tên đăng nhập').fill('nv.lan');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('lua chin dong xa 7');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect
      .poll(() => page.getByRole('link', { name: /Hồ sơ mới/ }).isVisible(), { timeout: 15_000 })
      .toBe(true);
  });

  it('thường trú (1.004222): the case is picked by typing, then only its documents are asked for', async () => {
    const code = await openProcedure('dang ky thuong tru', '1.004222');
    const picker = page.getByRole('combobox', { name: 'Trường hợp' });
    // before a case is chosen there is no checklist to work through
    expect(await page.getByRole('heading', { name: 'Thành phần hồ sơ' }).count()).toBe(0);
    await fillApplicant(31);
    await picker.fill('chỗ ở hợp pháp thuộc quyền sở hữu của mình');
    // "… không thuộc quyền sở hữu của mình" (living with relatives) has the same words, but not as one phrase: second
    const options = page.getByRole('listbox', { name: 'Trường hợp' }).getByRole('option');
    await expect.poll(() => options.count(), { timeout: 5_000 }).toBe(2);
    expect(await options.first().textContent()).toContain('Nhà của mình (chủ sở hữu)');
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    expect(await options.nth(1).textContent()).toContain('Về ở với người thân');
    await page.evaluate("document.querySelector('.case-picker')?.scrollIntoView({ block: 'start' })");
    await page.mouse.move(5, 700); // no hover left over from the click that opened the dossier
    await page.screenshot({ path: join(shots, 'case-picker.png') });
    await picker.press('Enter');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Thành phần hồ sơ' }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(await picker.inputValue()).toBe('Nhà của mình (chủ sở hữu)');
    const checklist = page.locator('.checklist-layout');
    const text = (await checklist.textContent()) ?? '';
    expect(text).not.toMatch(/phương tiện|Quân đội|Công an nhân dân|tôn giáo/i);
    const form = page.getByRole('region', { name: 'Tờ khai CT01', exact: true });
    expect(await form.getByText('Bắt buộc').isVisible()).toBe(true);
    // the deed is asked for only when the registry cannot look it up: not answered, so not required
    expect(
      await page
        .getByRole('checkbox', { name: 'Áp dụng: Giấy tờ chỗ ở hợp pháp (sổ đỏ, sổ hồng…)' })
        .isChecked(),
    ).toBe(false);
    await scanInto(form, 'to-khai-ct01', 1);
    const path = await readyAndReceipt(code);
    const receipt = pdfText(path);
    expect(receipt).toContain('Tờ khai CT01');
    expect(receipt).not.toContain('Giấy tờ chỗ ở hợp pháp');
    expect(receipt).not.toContain('Giấy tờ khác');
    expect(receipt).toMatch(/Trường hợp:\s+Nhà của mình \(chủ sở hữu\)/);
    expect(flat(receipt)).toContain(`Tổng số tiền: 30.000 ₫ (gồm phí dịch vụ đại lý ${SERVICE_CHARGE})`);
    expect(receipt).toMatch(/Phí, lệ phí:\s+10\.000 ₫/);
    taken.set(code, path);
  });

  it('khai sinh (1.001193) in person: the paper declaration is required, the e-form is not; notes beside the list', async () => {
    const code = await openProcedure('dang ky khai sinh', '1.001193');
    await page.getByLabel('Hình thức nộp').selectOption('direct');
    await fillApplicant(32);
    await page.getByLabel('Trẻ được khai sinh').fill('Nguyễn Minh Khôi');
    const picker = page.getByRole('combobox', { name: 'Trường hợp' });
    // several cases mention the birth certificate: the first match is highlighted, the arrows move, Enter picks
    await picker.fill('co giay chung sinh');
    await picker.press('ArrowDown');
    await picker.press('ArrowUp');
    await picker.press('Enter');
    await expect.poll(() => picker.inputValue(), { timeout: 10_000 }).toBe('Có Giấy chứng sinh');
    const paper = page.getByRole('region', { name: 'Tờ khai đăng ký khai sinh', exact: true });
    await expect.poll(() => paper.getByText('Bắt buộc').isVisible(), { timeout: 10_000 }).toBe(true);
    // the e-form belongs to online filing: folded away under the other modes, never "Bắt buộc"
    const eForm = page.getByRole('region', { name: 'Tờ khai điện tử (biểu mẫu tương tác)', exact: true });
    expect(await eForm.isVisible()).toBe(false);
    await page
      .getByText(/giấy tờ cho hình thức nộp khác/)
      .first()
      .click();
    expect(await eForm.getByText('Bắt buộc').count()).toBe(0);
    expect(await eForm.getByText('Chỉ khi nộp trực tuyến').isVisible()).toBe(true);
    const notes = page.getByRole('button', { name: /^Lưu ý \(\d+\)$/ });
    expect(await notes.getAttribute('aria-expanded')).toBe('true');
    // the list as the agent first sees it for this case: what to scan, what to answer, the notes beside it
    await page.evaluate(
      "document.querySelector('.checklist-layout .case-picker')?.scrollIntoView({ block: 'start' })",
    );
    await page.screenshot({ path: join(shots, 'khai-sinh-checklist.png') });
    await scanInto(paper, 'to-khai-khai-sinh', 1);
    await scanInto(page.getByRole('region', { name: 'Giấy chứng sinh', exact: true }), 'giay-chung-sinh', 1);
    await page.getByRole('checkbox', { name: 'Đã xem bản chính: CCCD người đi đăng ký' }).check();
    await expect
      .poll(
        () =>
          page
            .getByText(/Lê Thị Lan, \d{2}:\d{2}/)
            .first()
            .isVisible(),
        { timeout: 10_000 },
      )
      .toBe(true);
    const path = await readyAndReceipt(code);
    const receipt = pdfText(path);
    expect(receipt).toMatch(/Trẻ được khai sinh:\s+Nguyễn Minh Khôi/);
    for (const received of ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh', 'CCCD người đi đăng ký'])
      expect(receipt).toContain(received);
    for (const absent of ['Tờ khai điện tử', 'Văn bản ủy quyền', 'Giấy tờ chứng minh nơi cư trú'])
      expect(receipt).not.toContain(absent);
    expect(receipt).toMatch(/Phí, lệ phí:\s+Miễn phí/);
    expect(flat(receipt)).toContain(
      `Tổng số tiền: ${SERVICE_CHARGE} (gồm phí dịch vụ đại lý ${SERVICE_CHARGE})`,
    );
    taken.set(code, path);
  });

  it('chứng thực bản sao (2.000815) of a 3-page document: 2.000 + 2.000 + 1.000 = 5.000 ₫ plus the service charge', async () => {
    const code = await openProcedure('2.000815', '2.000815');
    await fillApplicant(33);
    await scanInto(page.getByRole('region', { name: 'Bản sao cần chứng thực', exact: true }), 'ban-sao', 3);
    await page.getByRole('checkbox', { name: 'Đã xem bản chính: Bản chính cần chứng thực' }).check();
    const fee = page.getByRole('region', { name: 'Phí, lệ phí' });
    await expect
      .poll(() => fee.getByLabel('Số trang của bản chính').inputValue(), { timeout: 10_000 })
      .toBe('3');
    await expect
      .poll(async () => flat((await fee.textContent()) ?? ''), { timeout: 10_000 })
      .toContain('5.000 ₫ (3 trang × 1 bản = 5.000 đồng)');
    expect(flat((await fee.textContent()) ?? '')).toMatch(/Tổng thu\s*25\.000 ₫/);
    const path = await readyAndReceipt(code);
    const receipt = pdfText(path);
    expect(receipt).toMatch(/Phí, lệ phí:\s+5\.000 ₫ \(3 trang × 1 bản = 5\.000 đồng\)/);
    expect(flat(receipt)).toContain(`Tổng số tiền: 25.000 ₫ (gồm phí dịch vụ đại lý ${SERVICE_CHARGE})`);
    expect(receipt).toMatch(/Bản sao cần chứng thực\s+Nộp/);
    expect(receipt).toMatch(/Bản chính cần chứng thực\s+Xuất trình\s+1\s+0\s+Đã xem/);
    execFileSync('pdftoppm', ['-png', '-r', '110', '-singlefile', path, join(work, 'receipt-fees')]);
    copyFileSync(join(work, 'receipt-fees.png'), join(shots, 'receipt-fees.png'));
    taken.set(code, path);
  });

  it('the portal simulator, with default flags, accepts all three; a reprint carries the portal code', async () => {
    expect(taken.size).toBe(3);
    await expect.poll(() => sim.listDossiers().length, { timeout: 90_000, interval: 1000 }).toBe(3);
    expect(sim.stats().validationRefusals).toBe(0);
    for (const localCode of taken.keys()) {
      const list = await rpc<{ items: { id: string; localCode: string }[] }>('dossiers.list', agent, {
        text: localCode.toLowerCase(),
      });
      const id = list.items.find((i) => i.localCode === localCode)?.id ?? '';
      await expect
        .poll(async () => (await rpc<DossierDetail>('dossiers.get', agent, { id })).portalCode ?? '', {
          timeout: 30_000,
        })
        .not.toBe('');
      const d = await rpc<DossierDetail>('dossiers.get', agent, { id });
      expect(sim.listDossiers().map((x) => x.portalCode)).toContain(d.portalCode);
      const pdf = await rpc<{ bytes: Uint8Array }>('documents.receipt', agent, { dossierId: id });
      const path = join(work, `${localCode}-reprint.pdf`);
      writeFileSync(path, pdf.bytes);
      expect(flat(pdfText(path))).toContain(`Mã hồ sơ trên Cổng Dịch vụ công: ${d.portalCode ?? ''}`);
    }
  });
});
