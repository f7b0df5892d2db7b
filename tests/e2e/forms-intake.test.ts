// E2E: the declaration form at intake. Khai sinh: the parents' CCCD pictures and a Giấy chứng sinh fill the form, the
// agent confirms, prints the tờ khai and files online (the simulator gets the data). Thường trú: CT01 with a member.
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../electron/common/contract';
import { startPortalSim, type PortalSimHandle } from '../../scripts/portal-sim/server';
import { repoRoot } from '../support/core-harness';
import { describedBy, freePort, shotIfFailed, signIn } from '../support/e2e-page';
import { hostLogin, rpcTo } from '../support/host-rpc';
import { makeBirthCertificate, makeBirthCertificatePage } from '../support/make-birth-certificate';
import { fakeCitizen, makeRng, photograph, renderCccdFront, type FakeCitizen } from '../support/make-cccd';
import { tinyJpeg } from '../support/review-fixtures';
import { launchChromium, startHostProcess, type HostProcess } from '../support/web-host-process';
import { recordConsentInUi } from '../support/e2e-consent';

const shots = join(repoRoot, 'docs', 'screenshots');
const work = mkdtempSync(join(tmpdir(), 'dvc-e2e-forms-'));
const BIRTH = '1.001193';
const RESIDENCE = '1.004222';
/** a generated Giấy chứng sinh (scan); its truth is what the agent checks the OCR against */
const GCS_SEED = 504;

let host: HostProcess;
let browser: Browser;
let page: Page;
let sim: PortalSimHandle;
let agent = '';
let birth: DossierDetail;
let gcs: Awaited<ReturnType<typeof makeBirthCertificate>>;
let mother: FakeCitizen;
let father: FakeCitizen;

const rpc = rpcTo(() => host);
const description = (control: Locator) => describedBy(page, control);

const dmy = (iso: string) => `${iso.slice(8)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const group = (name: string | RegExp) => page.getByRole('group', { name, exact: typeof name === 'string' });
const form = () => page.getByRole('region', { name: 'Tờ khai đăng ký khai sinh' });

async function picture(citizen: FakeCitizen, seed: number): Promise<Buffer> {
  return photograph(await renderCccdFront(citizen), { rotate: -3, blur: 0.5, jpegQuality: 90 }, makeRng(seed));
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const simPort = await freePort();
  host = await startHostProcess(join(work, 'app'), ['--sync-probe-ms', '800', '--sync-interval-ms', '1500']);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
  page = await context.newPage();

  const admin = (
    await rpc<{ token: string }>('setup.complete', null, {
      office: { code: 'DL-HN-0042', name: 'Điểm Bưu điện văn hoá phường Láng', address: 'Số 2 Chùa Láng, Phường Láng, Hà Nội' },
      admin: { username: 'quantri', fullName: 'Nguyễn Văn Quản', password: 'dong-lua-vang-2026' },
    })
  ).token;
  await rpc('users.create', admin, { username: 'nv.hoa', fullName: 'Phạm Thị Hoa', role: 'agent', password: 'tiepnhan01' });
  // the simulator checks components and forms against the catalog the app ships (national record + curated profiles)
  sim = await startPortalSim({ port: simPort, dataDir: join(work, 'portal'), speed: 0, seed: 5, clients: [{ clientId: 'DL-HN-0042', clientSecret: 'dev-secret' }] });
  await rpc('sync.configure', admin, { portalUrl: `http://127.0.0.1:${String(simPort)}`, agentCode: 'DL-HN-0042', secret: 'dev-secret' });
  agent = await hostLogin(host, 'nv.hoa', 'tiepnhan01');

  // the mother on the Giấy chứng sinh carries her own card (same name and number), with a post-2025 address
  gcs = await makeBirthCertificate(GCS_SEED, 'scan');
  const content = (await makeBirthCertificatePage(GCS_SEED)).content;
  mother = {
    ...fakeCitizen(makeRng(71)),
    fullName: gcs.truth.motherFullName,
    idNumber: gcs.truth.motherIdNumber,
    sex: 'female',
    dateOfBirth: `${String(content.motherBirthYear)}-03-14`,
    address: 'Số 12 ngõ 5 phố Chùa Láng, Phường Láng, Thành phố Hà Nội',
    oldIdNumber: null,
  };
  let n = 300;
  do father = fakeCitizen(makeRng(n++));
  while (father.sex !== 'male' || father.dateOfBirth > '2004-01-01');
}, 240_000);

afterEach(async (ctx) => {
  await shotIfFailed(page, 'dvc-e2e-forms', ctx.task);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await sim?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('khai sinh: the tờ khai filled from the parents\' cards and the Giấy chứng sinh', () => {
  it('the agent opens the mother\'s birth-registration dossier (she files it)', async () => {
    const d = await rpc<DossierDetail>('dossiers.create', agent, { procedureCode: BIRTH, mode: 'online' });
    birth = (await rpc<{ detail: DossierDetail }>('dossiers.setCase', agent, { id: d.id, caseKey: 'co-giay-chung-sinh', version: d.version })).detail;
    await rpc('dossiers.saveDraft', agent, {
      id: d.id,
      applicant: { fullName: mother.fullName, idNumber: mother.idNumber, dateOfBirth: mother.dateOfBirth, sex: 'female', address: mother.address, phone: '0912345678', relationship: 'bản thân' },
    });
    await signIn(page, 'nv.hoa', 'tiepnhan01', { url: host.url });
    await page.evaluate(`location.hash = '#/intake/${d.id}'`);
    await expect.poll(() => form().isVisible(), { timeout: 20_000 }).toBe(true);
    // the form's own order and labels, in Vietnamese as on the official form
    const legends = await form().locator('legend.form-group__legend').allTextContents();
    expect(legends.slice(0, 4)).toEqual(['Người yêu cầu', 'Người được khai sinh', 'Người mẹ', 'Người cha']);
  });

  it('the requester is the applicant; the mother\'s and the father\'s cards fill their sections (QR)', async () => {
    await form().getByLabel('Kính gửi (1)').fill('Ủy ban nhân dân phường Láng');
    const requester = group('Người yêu cầu');
    await requester.getByRole('button', { name: 'Lấy thông tin người nộp' }).click();
    expect(await requester.getByLabel('Họ, chữ đệm, tên người yêu cầu').inputValue()).toBe(mother.fullName);
    await expect.poll(() => requester.getByText('Người nộp', { exact: true }).count()).toBe(3);
    await requester.getByLabel('Quan hệ với người được khai sinh').fill('Mẹ');

    const motherGroup = group('Người mẹ');
    await motherGroup.locator('input[type=file]').setInputFiles({ name: 'cccd-me.jpg', mimeType: 'image/jpeg', buffer: await picture(mother, 11) });
    await expect.poll(() => motherGroup.getByText(/^Đã điền \d thông tin của người mẹ đọc từ mã QR/).isVisible(), { timeout: 60_000 }).toBe(true);
    const motherName = motherGroup.getByLabel('Họ, chữ đệm, tên người mẹ');
    expect(await motherName.inputValue()).toBe(mother.fullName);
    expect(await motherGroup.getByLabel('Số định danh cá nhân').inputValue()).toBe(mother.idNumber);
    expect(await description(motherName)).toContain('Đọc từ mã QR trên thẻ căn cước, chưa xác nhận.');
    // her address is of today's units: province and commune picked from the card's text
    const residence = motherGroup.getByRole('group', { name: /^Nơi cư trú/ });
    expect(await residence.getByRole('combobox', { name: 'Tỉnh/thành phố' }).inputValue()).toBe('Thành phố Hà Nội');
    expect(await residence.getByRole('combobox', { name: 'Xã/phường/đặc khu' }).inputValue()).toBe('Phường Láng');

    const fatherGroup = group('Người cha');
    await fatherGroup.locator('input[type=file]').setInputFiles({ name: 'cccd-cha.jpg', mimeType: 'image/jpeg', buffer: await picture(father, 12) });
    await expect.poll(() => fatherGroup.getByText(/^Đã điền \d thông tin của người cha đọc từ mã QR/).isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await fatherGroup.getByLabel('Họ, chữ đệm, tên người cha').inputValue()).toBe(father.fullName);
    // an address of the old units: the agent picks today's commune by keyboard (accents optional)
    const fatherHome = fatherGroup.getByRole('group', { name: /^Nơi cư trú/ });
    await expect.poll(() => fatherHome.getByText(/^Địa chỉ ghi trên giấy tờ/).isVisible()).toBe(true);
    const province = fatherHome.getByRole('combobox', { name: 'Tỉnh/thành phố' });
    await province.fill('ha noi');
    await province.press('Enter');
    const commune = fatherHome.getByRole('combobox', { name: 'Xã/phường/đặc khu' });
    await commune.fill('lang');
    await expect.poll(() => fatherHome.getByRole('option', { name: 'Phường Láng' }).isVisible()).toBe(true);
    await commune.press('Enter');
    expect(await commune.inputValue()).toBe('Phường Láng');
  });

  it('a Giấy chứng sinh fills the child\'s section, each value badged OCR with its confidence', async () => {
    const child = group('Người được khai sinh');
    await child.locator('#form-gcs-file').setInputFiles({ name: 'giay-chung-sinh.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(gcs.bytes) });
    await expect.poll(() => child.getByText(/^Đã điền \d thông tin đọc từ Giấy chứng sinh \(OCR\)/).isVisible(), { timeout: 240_000 }).toBe(true);
    const name = child.getByLabel('Họ, chữ đệm, tên', { exact: true });
    const born = child.getByLabel('Ngày, tháng, năm sinh');
    await expect.poll(() => child.getByText('OCR', { exact: true }).count()).toBeGreaterThanOrEqual(4);
    expect(await description(name)).toMatch(/Đọc bằng nhận dạng chữ \(OCR\) từ ảnh giấy tờ, độ tin cậy \d+%, chưa xác nhận\./);
    await expect.poll(() => child.locator('.form-confidence').count()).toBeGreaterThanOrEqual(4);
    // the agent compares each value with the paper and corrects what OCR got wrong (typed: no badge left)
    const expected: [Locator, string][] = [[name, gcs.truth.childFullName], [born, gcs.truth.dateOfBirth]];
    for (const [control, value] of expected) {
      if ((await control.inputValue()) !== value) await control.fill(value);
    }
    expect(await child.getByLabel('Giới tính').inputValue()).toBe(gcs.truth.childSex === 'Nam' ? 'male' : 'female');
    // the child's "ghi bằng chữ" follows the date
    expect(await child.getByRole('status', { name: 'ghi bằng chữ' }).textContent()).toMatch(/^Ngày .+ năm hai nghìn/);
    await child.getByRole('group', { name: /^Quê quán/ }).getByLabel(/^Ghi nguyên văn/).fill('Xã Liên Bạt, huyện Ứng Hòa, Hà Nội');
    await form().getByLabel('Làm tại (xã/phường, tỉnh/thành phố)').fill('Phường Láng, Thành phố Hà Nội');
    await group('Người mẹ').scrollIntoViewIfNeeded();
    await child.getByText(/^Đã điền \d thông tin đọc từ Giấy chứng sinh/).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'form-khai-sinh.png') });
    const axe = await new AxeBuilder({ page }).include('.form-declaration').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  it('a birth date after the declaration date gets its Vietnamese message on the field', async () => {
    const signed = form().getByLabel('Ngày làm tờ khai');
    const today = await signed.inputValue();
    await signed.fill('01/01/2025');
    await signed.blur();
    const born = group('Người được khai sinh').getByLabel('Ngày, tháng, năm sinh');
    await expect.poll(() => description(born)).toContain('Ngày sinh của trẻ sau ngày làm tờ khai. Hãy kiểm tra lại ngày sinh hoặc ngày làm tờ khai.');
    expect(await born.getAttribute('aria-invalid')).toBe('true');
    await signed.fill(today);
    await signed.blur();
    await expect.poll(() => description(born)).not.toContain('sau ngày làm tờ khai');
  });

  it('"ready" is refused while read values wait for "Xác nhận"; Enter confirms a field, the rest all at once', async () => {
    // every required page but the tờ khai's: online the form filled here stands in for the e-form (no placeholder scan)
    const eForm = birth.components.find((x) => x.required && x.kind === 'submit' && x.formId === 'to-khai-khai-sinh');
    expect(eForm?.label ?? eForm?.name).toBeTruthy();
    for (const c of birth.components.filter((x) => x.required && x.kind === 'submit' && x.formId === null && !x.name.startsWith('Giấy chứng sinh'))) {
      await rpc('pages.add', agent, { dossierId: birth.id, componentId: c.id, fileName: `trang-${String(c.id)}.jpg`, bytes: await tinyJpeg(c.id) });
    }
    // the citizen's consent to the processing of personal data, as the agent records it after reading the notice
    const consent = await rpc<{ notice: { version: string } }>('consent.get', agent, { dossierId: birth.id });
    await rpc('consent.record', agent, { dossierId: birth.id, procedure: true, reuse: false, method: 'read_aloud', noticeVersion: consent.notice.version });
    // the screen hears of the new pages (dossier.changed); only the e-form is missing, until its readings are confirmed
    const slotName = eForm?.label ?? eForm?.name ?? '';
    await expect.poll(async () => (await rpc<DossierDetail>('dossiers.get', agent, { id: birth.id })).missingRequired).toEqual([slotName]);
    await page.waitForTimeout(1_500); // the screen refreshes 250 ms after the dossier.changed events
    await recordConsentInUi(page); // the citizen's consent, recorded before "ready" (issue 11)
    await page.getByRole('button', { name: 'Đánh dấu sẵn sàng' }).click();
    await expect.poll(() => page.getByText(/^Tờ khai còn \d+ mục cần điền, sửa hoặc xác nhận/).isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => form().getByText('Thông tin điền tự động chưa được xác nhận: hãy đối chiếu với giấy tờ rồi bấm "Xác nhận".').first().isVisible()).toBe(true);
    // focus went to the first field to look at, in paper order: Enter there confirms it and moves on
    const first = page.locator(':focus');
    expect(await first.getAttribute('id')).toBe('form-requester-fullName');
    await first.press('Enter');
    expect(await description(group('Người yêu cầu').getByLabel('Họ, chữ đệm, tên người yêu cầu'))).toContain('đã xác nhận');
    for (const who of ['người yêu cầu', 'người được khai sinh', 'người mẹ', 'người cha']) {
      const confirmAll = form().getByRole('button', { name: new RegExp(`^Xác nhận tất cả \\(${who}\\)`) });
      if (await confirmAll.count()) await confirmAll.click();
    }
    await expect.poll(() => form().getByRole('button', { name: /^Xác nhận tất cả/ }).count()).toBe(0);
    await expect.poll(() => page.getByText(/Đã lưu lúc/).first().isVisible(), { timeout: 10_000 }).toBe(true);
    // complete and confirmed: the e-form slot is received without a page, and says so in the checklist
    await expect.poll(async () => (await rpc<DossierDetail>('dossiers.get', agent, { id: birth.id })).missingRequired, { timeout: 10_000 }).toEqual([]);
    await expect.poll(() => page.getByText('Đã có tờ khai điền trong ứng dụng').isVisible(), { timeout: 10_000 }).toBe(true);
  });

  it('prints the tờ khai: the child\'s name with diacritics, the date of birth and the mother\'s ID number', async () => {
    // rendering the A4 form with its embedded font takes a while on a loaded machine
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await form().getByRole('button', { name: 'In tờ khai' }).click();
    const file = join(work, 'to-khai.pdf');
    await (await download).saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(gcs.truth.childFullName);
    expect(text).toContain(gcs.truth.dateOfBirth);
    expect(text).toContain(gcs.truth.motherIdNumber);
    expect(text).toContain('TỜ KHAI ĐĂNG KÝ KHAI SINH');
    execFileSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', file, join(shots, 'to-khai-printed')]);
    expect(readFileSync(join(shots, 'to-khai-printed.png')).length).toBeGreaterThan(10_000);
  });

  it('files online: the portal simulator stores the form\'s structured data', async () => {
    await recordConsentInUi(page); // the citizen's consent, recorded before "ready" (issue 11)
    await page.getByRole('button', { name: 'Đánh dấu sẵn sàng' }).click();
    await expect.poll(() => sim.listDossiers().length, { timeout: 60_000 }).toBe(1);
    const sent = sim.listDossiers()[0]?.formData;
    expect(sent?.formId).toBe('to-khai-khai-sinh');
    const data = sent?.data as { child?: Record<string, unknown>; mother?: Record<string, unknown>; father?: Record<string, unknown> };
    expect(data.child?.fullName).toBe(gcs.truth.childFullName);
    expect(data.child?.dateOfBirth).toBe(`${gcs.truth.dateOfBirth.slice(6)}-${gcs.truth.dateOfBirth.slice(3, 5)}-${gcs.truth.dateOfBirth.slice(0, 2)}`);
    expect(data.mother?.idNumber).toBe(gcs.truth.motherIdNumber);
    expect(data.father?.residence).toMatchObject({ communeCode: '00199', provinceCode: '01' });
    expect(dmy(String(data.child?.dateOfBirth))).toBe(gcs.truth.dateOfBirth);
    // the e-form went as data only: the files sent are the dossier's pages, no scan stands for the tờ khai
    const scanned = (await rpc<DossierDetail>('dossiers.get', agent, { id: birth.id })).components.filter((c) => c.kind === 'submit').flatMap((c) => c.pages);
    expect(sim.listDossiers()[0]?.fileSha256).toHaveLength(scanned.length);
  });
});

describe('thường trú: CT01 for the applicant, with one household member', () => {
  it('fills the declarant from the applicant, adds a member row by keyboard and saves', async () => {
    const applicant = fakeCitizen(makeRng(77));
    const d = await rpc<DossierDetail>('dossiers.create', agent, { procedureCode: RESIDENCE, mode: 'direct' });
    await rpc('dossiers.saveDraft', agent, {
      id: d.id,
      applicant: { fullName: applicant.fullName, idNumber: applicant.idNumber, dateOfBirth: applicant.dateOfBirth, sex: applicant.sex, address: 'Số 8 phố Láng Hạ, Phường Láng, Thành phố Hà Nội', phone: '0987654321', relationship: 'bản thân' },
    });
    await page.evaluate(`location.hash = '#/intake/${d.id}'`);
    const ct01 = page.getByRole('region', { name: 'Tờ khai thay đổi thông tin cư trú' });
    await expect.poll(() => ct01.isVisible(), { timeout: 20_000 }).toBe(true);
    await ct01.getByLabel('Kính gửi (1)').fill('Công an phường Láng');
    const declarant = group('Người kê khai');
    await declarant.getByRole('button', { name: 'Lấy thông tin người nộp' }).click();
    expect(await declarant.getByLabel('1. Họ, chữ đệm và tên').inputValue()).toBe(applicant.fullName);
    expect(await declarant.getByLabel('2. Ngày, tháng, năm sinh').inputValue()).toBe(dmy(applicant.dateOfBirth));
    await declarant.getByRole('button', { name: /^Xác nhận tất cả/ }).click();
    const householder = group('Chủ hộ');
    await householder.getByLabel('7. Họ, chữ đệm và tên chủ hộ').fill(applicant.fullName);
    await householder.getByLabel('8. Mối quan hệ với chủ hộ').fill('Chủ hộ');
    await householder.getByLabel('9. Số định danh cá nhân của chủ hộ').fill(applicant.idNumber);
    const request = group('Nội dung đề nghị');
    await request.getByLabel('Loại thay đổi').selectOption({ label: 'Đăng ký thường trú' });
    const address = request.getByRole('group', { name: /^Địa chỉ nơi đề nghị đăng ký cư trú/ });
    await address.getByRole('combobox', { name: 'Tỉnh/thành phố' }).fill('ha noi');
    await address.getByRole('combobox', { name: 'Tỉnh/thành phố' }).press('Enter');
    await address.getByRole('combobox', { name: 'Xã/phường/đặc khu' }).fill('lang');
    await address.getByRole('combobox', { name: 'Xã/phường/đặc khu' }).press('Enter');
    await address.getByLabel('Số nhà, đường, thôn/xóm').fill('Số 8 phố Láng Hạ');
    await request.getByLabel('10. Nội dung đề nghị (2)').fill('Đăng ký thường trú cho tôi và con vào nhà của tôi.');

    // one household member, added and filled by keyboard only
    const members = group('11. Những thành viên trong hộ gia đình cùng thay đổi');
    const add = members.getByRole('button', { name: 'Thêm thành viên' });
    await add.focus();
    await page.keyboard.press('Enter');
    const row = members.getByRole('group', { name: 'Thành viên 1' });
    await expect.poll(() => row.isVisible()).toBe(true);
    expect(await page.evaluate('document.activeElement?.id')).toBe('form-members-0-fullName');
    await page.keyboard.type('Nguyễn Minh Khôi');
    await page.keyboard.press('Tab');
    await page.keyboard.type('05/09/2015');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await row.getByLabel('Giới tính').selectOption('male');
    await row.getByLabel('Mối quan hệ với chủ hộ').fill('Con');
    await ct01.getByLabel('Làm tại (xã/phường, tỉnh/thành phố)').fill('Phường Láng, Thành phố Hà Nội');
    await expect.poll(() => page.getByText(/Đã lưu lúc/).first().isVisible(), { timeout: 10_000 }).toBe(true);
    await ct01.getByRole('button', { name: 'Kiểm tra tờ khai' }).click();
    await expect.poll(() => ct01.locator('.field__error').count()).toBe(0);
    await page.evaluate("document.getElementById('form-request-kind')?.scrollIntoView({ block: 'start' })");
    await page.screenshot({ path: join(shots, 'form-ct01.png') });
    const axe = await new AxeBuilder({ page }).include('.form-declaration').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    type Saved = { stored: { data: { members?: Record<string, unknown>[]; declarant?: Record<string, unknown> } }; problems: Record<string, string> };
    await expect.poll(async () => (await rpc<Saved>('forms.get', agent, { dossierId: d.id })).problems, { timeout: 10_000 }).toEqual({});
    const saved = await rpc<Saved>('forms.get', agent, { dossierId: d.id });
    expect(saved.stored.data.members).toEqual([{ fullName: 'Nguyễn Minh Khôi', dateOfBirth: '2015-09-05', sex: 'male', relationship: 'Con' }]);
    expect(saved.stored.data.declarant?.idNumber).toBe(applicant.idNumber);

    // the same form open in a second tab: its save wins, this tab's next save is refused and says so (no overwrite)
    const other = await page.context().newPage();
    await other.goto(page.url());
    // a tab of its own signs in (the session is kept per tab)
    const login = other.getByRole('heading', { name: 'Đăng nhập' });
    await expect.poll(async () => (await login.isVisible()) || (await other.getByRole('button', { name: 'Đăng xuất' }).isVisible()), { timeout: 30_000 }).toBe(true);
    if (await login.isVisible()) {
      await signIn(other, 'nv.hoa', 'tiepnhan01');
      await other.evaluate(`location.hash = '#/intake/${d.id}'`);
    }
    const otherForm = other.getByRole('region', { name: 'Tờ khai thay đổi thông tin cư trú' });
    await expect.poll(() => otherForm.isVisible(), { timeout: 20_000 }).toBe(true);
    await otherForm.getByLabel('Kính gửi (1)').fill('Công an phường Láng, Thành phố Hà Nội');
    await otherForm.getByLabel('Kính gửi (1)').press('Enter');
    await expect
      .poll(async () => (await rpc<{ stored: { data: { addressee?: string } } }>('forms.get', agent, { dossierId: d.id })).stored.data.addressee, { timeout: 10_000 })
      .toBe('Công an phường Láng, Thành phố Hà Nội');
    await ct01.getByLabel('Làm tại (xã/phường, tỉnh/thành phố)').fill('Phường Láng, Hà Nội');
    await ct01.getByLabel('Làm tại (xã/phường, tỉnh/thành phố)').press('Enter');
    await expect.poll(() => ct01.getByRole('alert').filter({ hasText: 'Tờ khai này vừa được sửa ở nơi khác' }).isVisible(), { timeout: 10_000 }).toBe(true);
    const kept = await rpc<{ stored: { data: { addressee?: string; signing?: { place?: string } } } }>('forms.get', agent, { dossierId: d.id });
    expect(kept.stored.data.addressee).toBe('Công an phường Láng, Thành phố Hà Nội');
    expect(kept.stored.data.signing?.place).toBe('Phường Láng, Thành phố Hà Nội');
    await ct01.getByRole('button', { name: /^Tải bản mới nhất/ }).click();
    await expect.poll(() => ct01.getByLabel('Kính gửi (1)').inputValue(), { timeout: 10_000 }).toBe('Công an phường Láng, Thành phố Hà Nội');
    await other.close();
  });
});
