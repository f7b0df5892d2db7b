// E2E at 1366×768 (issue 13): each role lands on its own home after a logout, two tabs never overwrite each other, axe
// finds no serious or critical violation on any screen, and the key screens are photographed for a look.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../electron/common/contract';
import { repoRoot } from '../support/core-harness';
import { recordConsentByRpc } from '../support/e2e-consent';
import { applicantFor, BIRTH, LAND_DATA } from '../support/review-fixtures';
import { hostRpc } from '../support/host-rpc';
import { launchChromium, startHostProcess, type HostProcess } from '../support/web-host-process';

const shots = join(repoRoot, 'docs', 'screenshots');
const work = mkdtempSync(join(tmpdir(), 'dvc-e2e-screens-'));
const VIEW = { width: 1366, height: 768 };
/** the longest names agents meet: they must wrap on Chốt ngày, not run over the figures */
const LONG_NAME = '1.001695'; // Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con có yếu tố nước ngoài
const users = {
  admin: ['quantri', 'dong-lua-vang-2026'],
  agent: ['nv.lan', 'tiepnhan01'],
  supervisor: ['ts.mai', 'kiemsoat01'],
} as const;

let host: HostProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const tokens = { admin: '', agent: '', supervisor: '' };
const taken: DossierDetail[] = [];
const axeResults: Record<string, string[]> = {};

function rpc<T>(name: string, session: string | null, input: unknown): Promise<T> {
  return hostRpc<T>(host, name, session, input);
}

/** A dossier taken through the contract: first case, applicant, consent; ready with a reason for what is missing. */
async function take(code: string, n: number, ready = true): Promise<DossierDetail> {
  let d = await rpc<DossierDetail>('dossiers.create', tokens.agent, { procedureCode: code });
  const caseKey = d.cases[0]?.key;
  if (caseKey) d = (await rpc<{ detail: DossierDetail }>('dossiers.setCase', tokens.agent, { id: d.id, caseKey, version: d.version })).detail;
  await rpc('dossiers.saveDraft', tokens.agent, { id: d.id, applicant: applicantFor(n) });
  await recordConsentByRpc(rpc, tokens.agent, d.id);
  if (!ready) return rpc<DossierDetail>('dossiers.get', tokens.agent, { id: d.id });
  // a fee the catalog leaves to the province: the agent writes the amount and why
  if (d.fee.needsAmount) await rpc('dossiers.setFee', tokens.agent, { id: d.id, override: { amountVnd: 0, reason: 'Miễn lệ phí theo nghị quyết của tỉnh.' } });
  return rpc<DossierDetail>('dossiers.markReady', tokens.agent, { id: d.id, dueDate: '2030-12-27', overrideReason: 'Người nộp bổ sung bản giấy sau.' });
}

async function expectAccessible(name: string, on: Page = page): Promise<void> {
  const result = await new AxeBuilder({ page: on }).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  axeResults[name] = serious.map((v) => `${v.id} (${v.nodes.length})`);
  expect(serious.map((v) => `${name}: ${v.id} ${v.help} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ') ?? ''}`)).toEqual([]);
}

async function login(role: keyof typeof users, on: Page = page): Promise<void> {
  await expect.poll(() => on.getByRole('heading', { name: 'Đăng nhập' }).isVisible(), { timeout: 30_000 }).toBe(true);
  await on.getByLabel('Tên đăng nhập').fill(users[role][0]);
  await on.getByLabel('Mật khẩu', { exact: true }).fill(users[role][1]);
  await on.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect.poll(() => on.getByRole('button', { name: 'Đăng xuất' }).isVisible(), { timeout: 15_000 }).toBe(true);
}

async function logout(): Promise<void> {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Đăng nhập' }).isVisible(), { timeout: 10_000 }).toBe(true);
}

/** Opens a screen by its address and waits until it has loaded (a heading, nothing "Đang tải…"). */
async function open(hash: string): Promise<void> {
  await page.evaluate(`location.hash = '${hash}'`);
  await expect.poll(() => page.locator('main h1').first().isVisible(), { timeout: 15_000 }).toBe(true);
  await expect.poll(() => page.locator('main [aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
  await page.waitForTimeout(400);
}

/** No cell of a table sticks out past the right edge of the window (the right-hand columns were cut off). */
async function tablesFit(): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll('main table th, main table td')]
    .map((c) => [c, c.getBoundingClientRect()])
    .filter(([, r]) => r.width > 0 && r.right > ${VIEW.width})
    .map(([c, r]) => (c.textContent || '').trim().slice(0, 30) + ' ends at ' + Math.round(r.right))`);
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  host = await startHostProcess(join(work, 'data'));
  tokens.admin = (
    await rpc<{ token: string }>('setup.complete', null, {
      office: { code: 'DL-HN-0012', name: 'Điểm Bưu điện văn hoá xã Tân Lập', address: 'Thôn Đông, xã Tân Lập, huyện Đan Phượng, Hà Nội', phone: '02433123456' },
      admin: { username: users.admin[0], fullName: 'Nguyễn Văn Quản', password: users.admin[1] },
    })
  ).token;
  await rpc('users.create', tokens.admin, { username: users.agent[0], fullName: 'Lê Thị Lan', role: 'agent', password: users.agent[1] });
  await rpc('users.create', tokens.admin, { username: users.supervisor[0], fullName: 'Phạm Thị Mai', role: 'supervisor', password: users.supervisor[1] });
  tokens.agent = (await rpc<{ token: string }>('auth.login', null, { username: users.agent[0], password: users.agent[1] })).token;
  for (const [code, n] of [[BIRTH, 1], [LAND_DATA, 2], [LONG_NAME, 3], [BIRTH, 4]] as const) taken.push(await take(code, n));
  taken.push(await take(LAND_DATA, 5, false)); // a draft the agent leaves open
  browser = await launchChromium();
  context = await browser.newContext({ viewport: VIEW, acceptDownloads: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  page = await context.newPage();
  await page.goto(host.url);
}, 240_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await page.screenshot({ path: join(tmpdir(), `dvc-e2e-screens-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`) });
});

afterAll(async () => {
  console.log('axe serious/critical per screen:', JSON.stringify(axeResults, null, 1));
  await browser?.close();
  await host?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('the counter screens at 1366×768', () => {
  it('login passes axe', async () => {
    await expect.poll(() => page.getByRole('heading', { name: 'Đăng nhập' }).isVisible(), { timeout: 30_000 }).toBe(true);
    await expectAccessible('login');
  });

  it('the admin works on settings, users, audit, the catalog editor, privacy and backup; all pass axe', async () => {
    await login('admin');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe('Người dùng');
    for (const [name, hash] of [
      ['users', '#/users'],
      ['audit', '#/audit'],
      ['catalog editor', `#/catalog-edit/${BIRTH}`],
      ['privacy', '#/privacy'],
      ['settings and backup', '#/settings'],
    ] as const) {
      await open(hash);
      await expectAccessible(name);
    }
    await logout();
  });

  it('after the admin (last on Cài đặt), the agent lands on Hồ sơ mới, not on settings', async () => {
    await login('agent');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe('Hồ sơ mới: chọn thủ tục');
    expect(await page.evaluate<string>('location.hash')).toBe('#/new');
    await expectAccessible('catalog search');
  });

  it('the agent\'s intake and queue: screenshots, axe, nothing cut off', async () => {
    const draft = taken[4];
    if (!draft) throw new Error('no draft');
    await open(`#/intake/${draft.id}`);
    await shot('intake');
    await expectAccessible('intake');
    await open('#/queue');
    await shot('queue');
    await expectAccessible('queue');
    expect.soft(await tablesFit()).toEqual([]);
    // the agent leaves a draft open, then logs out
    await open(`#/intake/${draft.id}`);
    await logout();
  });

  it('the supervisor lands on Duyệt hồ sơ, not inside the agent\'s draft; review, dashboard, day close, chasing pass axe', async () => {
    await login('supervisor');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe('Hồ sơ chờ duyệt');
    expect(await page.evaluate<string>('location.hash')).toBe('#/review');
    expect(await page.getByRole('group', { name: 'Người nộp hồ sơ' }).count()).toBe(0);
    await open('#/review');
    await shot('review');
    await expectAccessible('review queue');
    expect.soft(await tablesFit()).toEqual([]);
    const item = taken[0];
    if (!item) throw new Error('no dossier');
    await open(`#/review/${item.id}`);
    await expectAccessible('review dossier');
    await open('#/dashboard');
    await shot('dashboard');
    await expectAccessible('dashboard');
    // nothing has reached the portal: "toàn trình" is 0, whatever is set to go online
    const gauge = page.getByRole('meter', { name: 'Tỷ lệ nộp trực tuyến toàn trình' });
    await expect.poll(() => gauge.getAttribute('aria-valuenow')).toBe('0');
    await open('#/closing');
    await shot('closing');
    await expectAccessible('day close');
    expect.soft(await overlaps()).toEqual([]);
    await open('#/chasing');
    await expectAccessible('chasing');
    await logout();
  });

  it('two tabs on one dossier: the stale tab\'s save is refused in Vietnamese and the phone saved in the first stays', async () => {
    const d = await take(LAND_DATA, 6, false);
    const tabA = page;
    await login('agent', tabA);
    const tabB = await context.newPage();
    await tabB.goto(host.url);
    await login('agent', tabB);
    for (const tab of [tabA, tabB]) {
      await tab.evaluate(`location.hash = '#/intake/${d.id}'`);
      await expect.poll(() => tab.getByRole('group', { name: 'Người nộp hồ sơ' }).isVisible(), { timeout: 15_000 }).toBe(true);
    }
    const phoneA = tabA.getByRole('group', { name: 'Người nộp hồ sơ' }).getByLabel('Số điện thoại', { exact: true });
    await phoneA.fill('0912345678');
    await phoneA.press('Enter');
    await expect.poll(() => tabA.getByText(/Đã lưu lúc/).isVisible(), { timeout: 10_000 }).toBe(true);
    // tab B still shows the old phone; its agent types an e-mail and the whole applicant would go out with it
    const email = tabB.getByLabel('Email (không bắt buộc)');
    await email.fill('lan@example.com');
    await email.press('Enter');
    const refusal = tabB.getByText(/Chưa lưu được: Hồ sơ đã được sửa ở cửa sổ khác lúc \d{2}:\d{2}; hãy tải lại để xem bản mới nhất\./);
    await expect.poll(() => refusal.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await tabB.getByText(/Đã lưu lúc/).count()).toBe(0);
    await expect.poll(() => tabB.getByRole('button', { name: 'Tải lại bản mới nhất' }).isVisible()).toBe(true);
    await expectAccessible('intake, save refused', tabB);
    const stored = await rpc<DossierDetail>('dossiers.get', tokens.agent, { id: d.id });
    expect(stored.applicant.phone).toBe('0912345678');
    expect(stored.applicant.email ?? '').toBe('');
    // loading the latest shows tab A's phone, and tab B's next edit saves on top of it
    await tabB.getByRole('button', { name: 'Tải lại bản mới nhất' }).click();
    const phoneB = tabB.getByRole('group', { name: 'Người nộp hồ sơ' }).getByLabel('Số điện thoại', { exact: true });
    await expect.poll(() => phoneB.inputValue(), { timeout: 15_000 }).toBe('0912345678');
    await tabB.getByLabel('Email (không bắt buộc)').fill('lan@example.com');
    await tabB.getByLabel('Email (không bắt buộc)').press('Enter');
    await expect.poll(() => tabB.getByText(/Đã lưu lúc/).isVisible(), { timeout: 10_000 }).toBe(true);
    expect((await rpc<DossierDetail>('dossiers.get', tokens.agent, { id: d.id })).applicant).toMatchObject({ phone: '0912345678', email: 'lan@example.com' });
    await tabB.close();
  });

  it('an unwanted draft is cancelled from its header: Enter keeps it, "Xoá hồ sơ nháp" deletes it and leaves the screen', async () => {
    const d = await take(LAND_DATA, 7, false);
    await page.evaluate(`location.hash = '#/intake/${d.id}'`);
    await page.getByRole('button', { name: 'Huỷ hồ sơ nháp' }).click();
    const dialog = page.getByRole('alertdialog', { name: `Huỷ hồ sơ nháp ${d.localCode}?` });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // the default button keeps the draft: a tired Enter deletes nothing
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect((await rpc<DossierDetail>('dossiers.get', tokens.agent, { id: d.id })).id).toBe(d.id);
    await page.getByRole('button', { name: 'Huỷ hồ sơ nháp' }).click();
    await page.getByRole('button', { name: 'Xoá hồ sơ nháp' }).click();
    await expect.poll(() => page.evaluate('location.hash')).toBe('#/new');
    await expect(rpc('dossiers.get', tokens.agent, { id: d.id })).rejects.toThrow();
  });
});

/** Cells on Chốt ngày whose text runs past the cell (a long procedure name over the numbers beside it). */
function overlaps(): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll('main tr > *')].flatMap((c) => {
    const range = document.createRange();
    range.selectNodeContents(c);
    const text = range.getBoundingClientRect();
    const cell = c.getBoundingClientRect();
    return text.width > 0 && text.right > cell.right + 1 ? ['"' + (c.textContent || '').trim().slice(0, 30) + '" runs past its cell'] : [];
  })`);
}
