// E2E: the portal is down when the agent takes a dossier; it starts; the dossier gets its portal code and a supplement request
// by itself; later the portal changes the point's secret: refused, never "online", a wrong secret named at once, the right one saved.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../electron/common/contract';
import { startPortalSim, type PortalSimHandle } from '../../scripts/portal-sim/server';
import { repoRoot } from '../support/core-harness';
import { freePort, shotIfFailed, signIn } from '../support/e2e-page';
import { hostLogin, rpcTo } from '../support/host-rpc';
import { applicantFor, BIRTH, tinyJpeg } from '../support/review-fixtures';
import { launchChromium, startHostProcess, type HostProcess } from '../support/web-host-process';
import { recordConsentInUi, recordConsentByRpc } from '../support/e2e-consent';
import { makeTextPage } from '../support/make-text-page';

const shots = join(repoRoot, 'docs', 'screenshots');
const work = mkdtempSync(join(tmpdir(), 'dvc-e2e-sync-'));

let host: HostProcess;
let browser: Browser;
let page: Page;
let sim: PortalSimHandle | null = null;
let simPort = 0;
let admin = '';
let agent = '';
let dossier: DossierDetail;
let portalCode = '';

const rpc = rpcTo(() => host);

/** an online birth registration in the case "Có Giấy chứng sinh": its checklist then asks for the certificate */
async function birthDossier(): Promise<DossierDetail> {
  const d = await rpc<DossierDetail>('dossiers.create', agent, { procedureCode: BIRTH, mode: 'online' });
  return (await rpc<{ detail: DossierDetail }>('dossiers.setCase', agent, { id: d.id, caseKey: 'co-giay-chung-sinh', version: d.version })).detail;
}

const syncBar = () => page.getByRole('status', { name: 'Đồng bộ với cổng DVC' });
const syncCard = () => page.locator('section', { has: page.getByRole('heading', { name: 'Gửi lên cổng dịch vụ công' }) });

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  simPort = await freePort();
  // short periods so the test does not wait the production 10 s probe / 30 s pass
  host = await startHostProcess(join(work, 'app'), ['--sync-probe-ms', '800', '--sync-interval-ms', '1500']);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  page = await context.newPage();
}, 180_000);

afterEach(async (ctx) => {
  await shotIfFailed(page, 'dvc-e2e-sync', ctx.task);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await sim?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('sync to the portal, as the agent sees it', () => {
  it('sets up the office, an agent and the portal connection (through the contract)', async () => {
    admin = (
      await rpc<{ token: string }>('setup.complete', null, {
        office: { code: 'DL-DEV-001', name: 'Điểm Bưu điện văn hoá xã Tân Lập', address: 'Thôn Đông, xã Tân Lập, Hà Nội' },
        admin: { username: 'quantri', fullName: 'Nguyễn Văn Quản', password: 'dong-lua-vang-2026' },
      })
    ).token;
    await rpc('users.create', admin, { username: 'nv.lan', fullName: 'Lê Thị Lan', role: 'agent', password: 'tiepnhan01' });
    // the portal is not up yet: the connection test cannot reach it, so it is saved only when asked explicitly
    await expect(
      rpc('sync.configure', admin, { portalUrl: `http://127.0.0.1:${simPort}`, agentCode: 'DL-DEV-001', secret: 'dev-secret' }),
    ).rejects.toThrow(/Chưa kết nối được cổng/);
    const configured = await rpc<{ configured?: boolean; agentCode: string | null; connectionTested: boolean }>('sync.configure', admin, {
      portalUrl: `http://127.0.0.1:${simPort}`,
      agentCode: 'DL-DEV-001',
      secret: 'dev-secret',
      saveAnyway: true,
    });
    expect(configured).toMatchObject({ configured: true, agentCode: 'DL-DEV-001', connectionTested: false, online: false });
    // the simulator will check components against the same catalog the app uses
    const exported = await rpc<{ bytes: Uint8Array }>('catalog.export', admin, {});
    writeFileSync(join(work, 'catalog.json'), exported.bytes);
    agent = await hostLogin(host, 'nv.lan', 'tiepnhan01');
  });

  it('the agent takes a dossier through the intake screen while the portal is down and sees it waiting', async () => {
    await signIn(page, 'nv.lan', 'tiepnhan01', { url: host.url });

    // the procedure, the filing mode, the citizen, the child, the case: as at the counter
    await page.getByRole('link', { name: /Hồ sơ mới/ }).click();
    await page.getByLabel('Tìm thủ tục').fill('dang ky khai sinh');
    const row = page.getByRole('row').filter({ hasText: BIRTH });
    await expect.poll(() => row.first().isVisible(), { timeout: 10_000 }).toBe(true);
    await row.first().locator('button[data-choose]').click();
    const applicantGroup = page.getByRole('group', { name: 'Người nộp hồ sơ' });
    await expect.poll(() => applicantGroup.isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByLabel('Hình thức nộp').selectOption('online');
    const a = applicantFor(7);
    await applicantGroup.getByLabel('Họ và tên', { exact: true }).fill(a.fullName);
    await applicantGroup.getByLabel('Số định danh cá nhân/CCCD').fill(a.idNumber);
    await applicantGroup.getByLabel('Ngày sinh').fill(a.dateOfBirth.split('-').reverse().join('/'));
    await applicantGroup.getByLabel('Giới tính').selectOption(a.sex);
    await applicantGroup.getByLabel('Địa chỉ', { exact: true }).fill(a.address);
    await applicantGroup.getByLabel('Số điện thoại', { exact: true }).fill(a.phone);
    await applicantGroup.getByLabel('Số điện thoại', { exact: true }).blur();
    await page.getByLabel('Trẻ được khai sinh').fill('Nguyễn Minh Khôi');
    const picker = page.getByRole('combobox', { name: 'Trường hợp' });
    await picker.fill('co giay chung sinh');
    await picker.press('Enter');
    await expect.poll(() => picker.inputValue(), { timeout: 10_000 }).toBe('Có Giấy chứng sinh');
    // the case's documents for online filing: the e-form (scanned here) and the birth certificate
    for (const [slotName, file] of [
      ['Tờ khai điện tử (biểu mẫu tương tác)', 'to-khai-dien-tu'],
      ['Giấy chứng sinh', 'giay-chung-sinh'],
    ] as const) {
      const slot = page.getByRole('region', { name: slotName, exact: true });
      await expect.poll(() => slot.getByText('Bắt buộc').first().isVisible(), { timeout: 10_000 }).toBe(true);
      const path = join(work, `${file}.png`);
      writeFileSync(path, await makeTextPage({ lines: [file.toUpperCase(), 'Trang 1/1'], format: 'png', width: 1240, height: 700 }));
      await slot.getByLabel('Thêm trang').setInputFiles([path]);
      await expect.poll(() => slot.getByText('1 trang', { exact: true }).isVisible(), { timeout: 30_000 }).toBe(true);
    }
    await expect.poll(() => page.getByText(/Đã lưu lúc/).isVisible(), { timeout: 10_000 }).toBe(true);
    await recordConsentInUi(page); // nothing ticked in advance: the agent records the citizen's consent (issue 11)
    await page.getByRole('button', { name: 'Đánh dấu sẵn sàng' }).click();
    await expect.poll(() => page.getByText('Phiếu tiếp nhận').first().isVisible(), { timeout: 15_000 }).toBe(true);
    const id = /#\/intake\/([\w-]+)/.exec(page.url())?.[1] ?? '';
    expect(id).not.toBe('');
    dossier = await rpc<DossierDetail>('dossiers.get', agent, { id });
    expect(dossier.status).toBe('queued');
    expect(dossier.caseKey).toBe('co-giay-chung-sinh');

    await page.evaluate(`location.hash = '#/dossier/${dossier.id}'`);
    await expect.poll(() => syncBar().textContent(), { timeout: 15_000 }).toMatch(/Cổng DVC: mất kết nối · 1 việc chờ đồng bộ/);
    await expect.poll(() => syncCard().textContent(), { timeout: 10_000 }).toMatch(/Chưa có \(cổng chưa nhận\)/);
    expect(await syncCard().textContent()).toMatch(/Đang chờ gửi lên cổng; sẽ tự gửi khi có kết nối/);
    expect(await page.getByRole('button', { name: 'Đồng bộ ngay' }).isVisible()).toBe(true);
  });

  it('shows the portal code without anyone touching anything once the portal is up', async () => {
    sim = await startPortalSim({ port: simPort, dataDir: join(work, 'portal'), catalogFile: join(work, 'catalog.json'), speed: 0, seed: 3 });
    await expect.poll(() => sim?.listDossiers().length ?? 0, { timeout: 30_000 }).toBe(1);
    portalCode = sim.listDossiers()[0]?.portalCode ?? '';
    expect(portalCode).not.toBe('');
    await expect.poll(() => syncCard().textContent(), { timeout: 20_000 }).toContain(portalCode);
    await expect.poll(() => syncBar().textContent(), { timeout: 10_000 }).toMatch(/Cổng DVC: trực tuyến/);
    expect(await syncCard().textContent()).toMatch(/Cổng đã nhận hồ sơ/);
    expect(await syncBar().textContent()).toMatch(/Đồng bộ lần cuối \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
  });

  it('shows the supplement request the portal sends on the dossier', async () => {
    const s = sim;
    if (!s) throw new Error('simulator not started');
    s.advance(); // received -> processing
    expect(s.requestSupplement(portalCode, ['Giấy chứng sinh (bản chính)'], 'Ảnh giấy chứng sinh bị mờ, không đọc được ngày sinh.')).toBe(true);
    const request = page.getByRole('note', { name: 'Cổng yêu cầu bổ sung hồ sơ' });
    await expect.poll(() => request.isVisible(), { timeout: 20_000 }).toBe(true);
    const text = (await request.textContent()) ?? '';
    expect(text).toContain('Giấy chứng sinh (bản chính)');
    expect(text).toContain('Ảnh giấy chứng sinh bị mờ');
    // the header follows: the dossier's status is now the portal's request
    await expect.poll(() => page.locator('header').first().textContent(), { timeout: 5_000 }).toContain('Yêu cầu bổ sung');
    await page.screenshot({ path: join(shots, 'sync-status.png'), fullPage: false });
    await request.getByRole('button', { name: 'Đã xem' }).click();
    await expect.poll(() => request.textContent(), { timeout: 5_000 }).toMatch(/Đã xem lúc/);
  });

  it('three dossiers the portal refuses: "3 hồ sơ cần sửa" in the status bar; the message on the field; fixed and sent, the count goes', async () => {
    const s = sim;
    if (!s) throw new Error('simulator not started');
    const mismatch = 'Số định danh cá nhân không khớp với họ tên trong Cơ sở dữ liệu quốc gia về dân cư.';
    for (let i = 0; i < 3; i++) s.refuseNext([{ path: 'applicant.idNumber', code: 'id_mismatch', message: mismatch }]);
    const refused: DossierDetail[] = [];
    for (const n of [8, 9, 10]) {
      const d = await birthDossier();
      await rpc('dossiers.saveDraft', agent, { id: d.id, applicant: applicantFor(n) });
      for (const c of d.components.filter((x) => x.kind === 'submit' && x.inChecklist && (x.required || x.requirement === 'required'))) {
        await rpc('pages.add', agent, { dossierId: d.id, componentId: c.id, fileName: `trang-${c.id}.jpg`, bytes: await tinyJpeg(n * 100 + c.id) });
      }
      await recordConsentByRpc(rpc, agent, d.id);
      refused.push(await rpc<DossierDetail>('dossiers.markReady', agent, { id: d.id, dueDate: '2030-12-27' }));
    }
    for (const d of refused) {
      await expect
        .poll(async () => (await rpc<DossierDetail>('dossiers.get', agent, { id: d.id })).status, { timeout: 30_000 })
        .toBe('needs_fix');
    }
    const [d, second, third] = refused;
    if (!d || !second || !third) throw new Error('three dossiers');

    // the status bar counts them from the outbox; its link opens the queue on exactly those
    const needsFix = syncBar().getByRole('link', { name: '3 hồ sơ cần sửa' });
    await expect.poll(() => needsFix.isVisible(), { timeout: 15_000 }).toBe(true);
    await needsFix.click();
    for (const r of refused) {
      await expect.poll(() => page.getByRole('row').filter({ hasText: r.localCode }).count(), { timeout: 10_000 }).toBe(1);
    }
    expect(await page.getByRole('row').filter({ hasText: dossier.localCode }).count()).toBe(0);
    // two are corrected (as the intake screen saves them) and sent again; the count follows at once
    for (const [r, n] of [[second, 9], [third, 10]] as const) {
      const sentId = applicantFor(n).idNumber;
      const fixedId = `${sentId.slice(0, 11)}${String((Number(sentId.slice(11)) + 1) % 10)}`;
      const current = await rpc<DossierDetail>('dossiers.get', agent, { id: r.id });
      await rpc('dossiers.saveDraft', agent, { id: r.id, applicant: { ...applicantFor(n), idNumber: fixedId }, expectedVersion: current.version });
      await rpc('dossiers.markReady', agent, { id: r.id, dueDate: '2030-12-27' });
    }
    await expect.poll(() => syncBar().getByRole('link', { name: '1 hồ sơ cần sửa' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await page.evaluate(`location.hash = '#/intake/${d.id}'`);
    const notice = page.getByRole('region', { name: 'Cổng DVC trả lại hồ sơ để sửa' });
    await expect.poll(() => notice.isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain(mismatch);
    const idField = page.getByLabel('Số định danh cá nhân/CCCD');
    const described = async () => {
      const ids = ((await idField.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
      const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
      return texts.join(' ');
    };
    await expect.poll(described, { timeout: 10_000 }).toContain(mismatch);
    await page.evaluate("document.getElementById('main')?.scrollTo(0, 0)");
    await page.screenshot({ path: join(shots, 'portal-fix.png'), fullPage: false });

    // the agent checks the card again and corrects the number: the field's message goes, the dossier is sent again
    const sent = applicantFor(8).idNumber;
    const corrected = `${sent.slice(0, 11)}${String((Number(sent.slice(11)) + 1) % 10)}`; // a typo in the last digit
    await idField.fill(corrected);
    await idField.blur();
    await expect.poll(described, { timeout: 10_000 }).not.toContain(mismatch);
    await expect.poll(() => page.getByText(/Đã lưu lúc/).isVisible(), { timeout: 10_000 }).toBe(true);
    await recordConsentInUi(page); // the citizen's consent, recorded before "ready" (issue 11)
    await page.getByRole('button', { name: 'Đánh dấu sẵn sàng' }).click();
    await expect
      .poll(async () => (await rpc<DossierDetail>('dossiers.get', agent, { id: d.id })).portalCode ?? '', { timeout: 30_000 })
      .not.toBe('');
    expect(s.listDossiers()).toHaveLength(4);
    // all three fixed and sent: nothing left to fix, nothing waiting
    await expect.poll(() => syncBar().textContent(), { timeout: 20_000 }).not.toMatch(/cần sửa|việc chờ đồng bộ/);
    expect(await syncBar().getByRole('link', { name: /hồ sơ cần sửa/ }).count()).toBe(0);
  });

  it('the portal changes the point\'s secret: refused, never "online"; a wrong secret is named at once, the right one saved', async () => {
    await sim?.stop();
    const newSecret = 'mat-khau-moi-2027';
    sim = await startPortalSim({
      port: simPort,
      dataDir: join(work, 'portal'),
      catalogFile: join(work, 'catalog.json'),
      speed: 0,
      seed: 3,
      clients: [{ clientId: 'DL-DEV-001', clientSecret: newSecret }],
      revokeTokensOnStart: true,
    });
    await expect.poll(() => syncBar().textContent(), { timeout: 20_000 }).toMatch(/Cổng DVC: từ chối mật khẩu kết nối/);

    // the administrator takes over this PC's browser tab (signed in through the contract, same session store)
    const adminTab = admin; // the session setup.complete opened for the administrator
    await page.evaluate(`sessionStorage.setItem('dvc.session', ${JSON.stringify(adminTab)}); location.hash = '#/settings'; location.reload();`);
    await expect.poll(() => page.getByRole('button', { name: 'Đăng xuất' }).isVisible(), { timeout: 20_000 }).toBe(true);
    // from here on the status bar must not say "trực tuyến" until the right secret is saved
    await page.evaluate(`(() => {
      window.__sawOnline = false;
      const bar = document.querySelector('footer');
      new MutationObserver(() => { if (/trực tuyến/.test(bar?.textContent ?? '')) window.__sawOnline = true; })
        .observe(bar, { subtree: true, childList: true, characterData: true });
    })()`);
    await page.evaluate("location.hash = '#/settings'");
    const portalForm = page.getByRole('form', { name: 'Kết nối cổng dịch vụ công' });
    const secretField = portalForm.getByLabel('Mật khẩu kết nối');
    await expect.poll(() => secretField.isVisible(), { timeout: 15_000 }).toBe(true);
    await portalForm.getByLabel('Mã đại lý').fill('DL-DEV-001');
    await secretField.fill('dev-secret');
    const started = Date.now();
    await portalForm.getByRole('button', { name: 'Lưu kết nối' }).click();
    const secretError = page.locator('#portal-secret-error');
    await expect.poll(() => secretError.textContent(), { timeout: 10_000 }).toMatch(/Cổng từ chối mã đại lý hoặc mật khẩu kết nối/);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(await page.getByRole('alert').first().textContent()).toMatch(/chưa được lưu/);
    // no "save anyway" for a refused secret
    expect(await page.getByText('Lưu dù chưa kết nối được').count()).toBe(0);
    expect(await syncBar().textContent()).not.toMatch(/trực tuyến/);
    // the cause and what to do in Vietnamese; the portal's protocol code stays in the log
    expect(await secretError.textContent()).toMatch(/mật khẩu sai hay đã được cổng đổi\. Hãy nhập lại/);
    expect(await page.locator('main').textContent()).not.toMatch(/invalid_client/);
    // the administrator's status bar (refused + "Sửa kết nối cổng" + backup warning) still shows the version whole
    const version = page.getByRole('contentinfo').getByText(/^Phiên bản /);
    const box = await version.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(1366);
    expect(box?.x ?? 0).toBeGreaterThan(1000);
    await secretField.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'sync-wrong-secret.png'), fullPage: false });

    expect(await page.evaluate('window.__sawOnline')).toBe(false);

    await secretField.fill(newSecret);
    await portalForm.getByRole('button', { name: 'Lưu kết nối' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Đã thử kết nối và lưu' }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => syncBar().textContent(), { timeout: 20_000 }).toMatch(/Cổng DVC: trực tuyến/);
  });
});
