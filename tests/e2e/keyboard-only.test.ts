// E2E at 1366×768 with the keyboard only (no mouse event at all): Ctrl+N, search without accents and with kí/ký, Enter
// opens the top hit, the applicant, consent, the case, pages into a chosen slot (Ctrl+O), a page moved to another slot,
// the delete confirmation, ready and the receipt; every Tab stop stays on screen.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, FileChooser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/core-harness';
import { makeTextPage } from '../support/make-text-page';
import { hostRpc } from '../support/host-rpc';
import { launchChromium, startHostProcess, type HostProcess } from '../support/web-host-process';

const work = mkdtempSync(join(tmpdir(), 'dvc-e2e-kb-'));
const VIEW = { width: 1366, height: 768 };
const applicant = { name: 'Trần Thị Bích Ngọc', id: '001190012345', dob: '03/04/1990', address: 'Số 9 ngõ 4 phố Kim Mã, Ba Đình, Hà Nội', phone: '0987654321' };

let host: HostProcess;
let browser: Browser;
let page: Page;
const mouseEvents: string[] = [];
const stops: string[] = [];

function rpc<T>(name: string, session: string | null, input: unknown): Promise<T> {
  return hostRpc<T>(host, name, session, input);
}

type Focused = { name: string; tag: string; top: number; bottom: number; left: number; right: number; scrollY: number; mainTop: number };

/** What has focus, how a screen reader would name it, and where it sits (runs in the page, so written as text). */
const FOCUSED_JS = `(() => {
  const el = document.activeElement;
  const r = el ? el.getBoundingClientRect() : null;
  const labelled = el ? el.getAttribute('aria-labelledby') : null;
  const byLabel = el && el.labels ? [...el.labels].map((l) => l.textContent).join(' ') : '';
  const img = el && el.querySelector('img') ? el.querySelector('img').getAttribute('alt') || '' : '';
  const byId = labelled ? (document.getElementById(labelled.split(' ')[0]) || {}).textContent || '' : '';
  const name = (el && el.getAttribute('aria-label')) || byId || byLabel || (el && el.textContent) || img || '';
  const main = document.querySelector('main');
  return {
    name: name.replace(/\\s+/g, ' ').trim().slice(0, 90),
    tag: el ? el.tagName.toLowerCase() + (el.getAttribute('type') ? '[' + el.getAttribute('type') + ']' : '') : '',
    top: r ? r.top : -1, bottom: r ? r.bottom : -1, left: r ? r.left : -1, right: r ? r.right : -1,
    scrollY: window.scrollY,
    mainTop: main ? main.getBoundingClientRect().top : 0,
  };
})()`;

function focused(): Promise<Focused> {
  return page.evaluate<Focused>(FOCUSED_JS);
}

/** One Tab (or Shift+Tab): the focused element must be inside the 1366×768 window and the window itself unscrolled. */
async function tab(shift = false): Promise<Focused> {
  await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
  const f = await focused();
  stops.push(`${f.tag} ${f.name} @${Math.round(f.top)}`);
  const where = `${f.tag} "${f.name}" at ${Math.round(f.left)},${Math.round(f.top)}-${Math.round(f.right)},${Math.round(f.bottom)}`;
  expect(f.scrollY, `the window scrolled (grey page) at ${where}`).toBe(0);
  expect(f.mainTop, `the shell slid up at ${where}`).toBe(0);
  // 2 px: a focus ring's border may sit on the edge of the scrolled area
  expect(f.top >= -2 && f.bottom <= VIEW.height + 2 && f.left >= -2 && f.right <= VIEW.width + 2, `off screen: ${where}`).toBe(true);
  return f;
}

/** Tabs until the focused element's name matches (never wrapping past the end of the page), each stop checked. */
async function tabTo(match: RegExp, opts: { max?: number; shift?: boolean } = {}): Promise<Focused> {
  for (let i = 0; i < (opts.max ?? 80); i++) {
    const f = await tab(opts.shift);
    if (match.test(f.name)) return f;
    if (f.tag === 'body') break;
  }
  throw new Error(`no Tab stop named ${String(match)}; last stops:\n${stops.slice(-30).join('\n')}`);
}

/** The slot (section) the focused element sits in, by its heading. */
function focusedSlot(): Promise<string> {
  return page.evaluate<string>("document.activeElement?.closest('section.slot')?.querySelector('h4')?.textContent ?? ''");
}

/** The slot Ctrl+O files pages into, by the marker on screen. */
function targetSlot(): Promise<string> {
  return page.evaluate<string>("document.querySelector('[data-pages-target]')?.closest('section.slot')?.querySelector('h4')?.textContent ?? ''");
}

/** Tabs (forward, or back) until focus is inside the slot with this title (or a title this pattern matches). */
async function tabToSlot(title: string | RegExp, back = false): Promise<void> {
  for (let i = 0; i < 80; i++) {
    const f = await tab(back);
    const slot = await focusedSlot();
    if (typeof title === 'string' ? slot === title : title.test(slot)) return;
    if (f.tag === 'body') break;
  }
  throw new Error(`Tab never reached the slot "${String(title)}":\n${stops.slice(-30).join('\n')}`);
}

async function scan(name: string, lines: string[]): Promise<string> {
  const path = join(work, name);
  writeFileSync(path, await makeTextPage({ lines, format: 'png', height: 1200 }));
  return path;
}

/**
 * File choosers, caught by one listener kept for the whole file. Playwright subscribes to the event without waiting
 * for the browser to confirm, so `page.waitForEvent('filechooser')` right before the key press can lose the race on a
 * loaded machine: the chooser opens before interception is on, or its event comes before the subscription, and nothing
 * is reported (seen twice in CI, with focus in the right slot and its input enabled). Subscribed once in beforeAll,
 * interception is on long before the first Ctrl+O.
 */
const choosers: FileChooser[] = [];
let chooserArrived: (() => void) | null = null;

function nextChooser(timeoutMs: number): Promise<FileChooser | null> {
  return new Promise((resolve) => {
    const take = () => {
      chooserArrived = null;
      clearTimeout(timer);
      resolve(choosers.shift() ?? null);
    };
    const timer = setTimeout(take, timeoutMs);
    if (choosers.length > 0) take();
    else chooserArrived = take;
  });
}

/** Ctrl+O opens the file chooser of the marked slot (a keyboard shortcut, no click); the files are given to it. */
async function addPagesWithCtrlO(files: string[]): Promise<void> {
  if (choosers.length > 0) throw new Error(`${choosers.length} file chooser(s) opened that no step asked for`);
  const clicksBefore = await page.evaluate<number>('window.dvcAddPagesClicks ?? 0');
  await page.keyboard.press('Control+O');
  const chooser = await nextChooser(10_000);
  if (chooser === null) {
    // say what the screen was doing when the key went unanswered
    const state = await page.evaluate<string>(`JSON.stringify({
      focused: document.activeElement?.getAttribute('aria-label') || document.activeElement?.id || document.activeElement?.tagName,
      slot: document.activeElement?.closest('[data-slot-id]')?.getAttribute('data-slot-id') ?? null,
      inputs: [...document.querySelectorAll('input[data-add-pages]')].map((i) => i.closest('[data-slot-id]')?.getAttribute('data-slot-id') + (i.disabled ? ' disabled' : '')),
      saving: document.querySelector('[role=status]')?.textContent ?? null,
      inputClicked: (window.dvcAddPagesClicks ?? 0) - ${clicksBefore},
    })`);
    throw new Error(`Ctrl+O opened no file chooser within 10 s: ${state}`);
  }
  await chooser.setFiles(files);
}

function slotPages(title: RegExp) {
  return page.getByRole('region', { name: title }).getByRole('listitem').filter({ hasText: /^Trang \d/ });
}

beforeAll(async () => {
  host = await startHostProcess(join(work, 'data'));
  const admin = await rpc<{ token: string }>('setup.complete', null, {
    office: { code: 'DL-HN-0031', name: 'Điểm Bưu điện Kim Mã', address: 'Số 1 phố Kim Mã, Ba Đình, Hà Nội', phone: '02437654321' },
    admin: { username: 'quantri', fullName: 'Nguyễn Văn Quản', password: 'dong-lua-vang-2026' },
  });
  await rpc('users.create', admin.token, { username: 'nv.ngoc', fullName: 'Phạm Minh Ngọc', role: 'agent', password: 'tiepnhan07' });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: VIEW, acceptDownloads: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  page = await context.newPage();
  page.on('filechooser', (chooser) => {
    choosers.push(chooser);
    chooserArrived?.();
  });
  // any mouse event reaching the page fails the test: the whole flow is by keyboard
  await page.exposeFunction('dvcMouseEvent', (type: string) => mouseEvents.push(type));
  // a keyboard "click" (Enter/Space on a button) has detail 0; a real mouse click has detail ≥ 1
  await page.addInitScript(`for (const type of ['mousedown', 'mouseup', 'click', 'dblclick', 'contextmenu', 'pointerdown', 'wheel'])
    window.addEventListener(type, (e) => { if (type === 'click' && e.detail === 0) return; window.dvcMouseEvent(type); }, true);
    // counts the clicks Ctrl+O gives a slot's file input, for the diagnostics above
    window.addEventListener('click', (e) => { if (e.target instanceof HTMLInputElement && e.target.hasAttribute('data-add-pages')) window.dvcAddPagesClicks = (window.dvcAddPagesClicks ?? 0) + 1; }, true);`);
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') {
    await page.screenshot({ path: join(tmpdir(), `dvc-e2e-kb-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`) });
    console.log(stops.slice(-40).join('\n'));
  }
  expect(mouseEvents).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('a dossier taken with the keyboard only, at 1366×768', () => {
  it('signs in by typing and Enter', async () => {
    await page.goto(host.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Đăng nhập' }).isVisible(), { timeout: 30_000 }).toBe(true);
    expect((await focused()).name).toMatch(/Tên đăng nhập/);
    await page.keyboard.type('nv.ngoc');
    await tab();
    await page.keyboard.type('tiepnhan07');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: 'Đăng xuất' }).isVisible(), { timeout: 15_000 }).toBe(true);
  });

  it('Ctrl+N gives an empty search; "dang ki khai sinh" (no accents, kí) finds khai sinh first', async () => {
    await page.keyboard.press('Control+N');
    const search = page.getByLabel('Tìm thủ tục');
    await expect.poll(() => focused().then((f) => f.name), { timeout: 10_000 }).toMatch(/Tìm thủ tục/);
    await page.keyboard.type('dang ki khai sinh');
    const first = page.locator('#catalog-results button[data-choose]').first();
    await expect.poll(() => first.textContent(), { timeout: 10_000 }).toMatch(/^Thủ tục đăng ký khai sinh/);
    // Ctrl+N again: the old query is gone, focus back in the search box
    await page.keyboard.press('Control+N');
    await expect.poll(() => search.inputValue()).toBe('');
    expect((await focused()).name).toMatch(/Tìm thủ tục/);
  });

  it('"đăng kí khai sinh" + Enter opens the top hit with focus on the first field', async () => {
    await page.keyboard.type('đăng kí khai sinh');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('group', { name: 'Người nộp hồ sơ' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/khai sinh/i);
    await expect.poll(() => focused().then((f) => f.name), { timeout: 5_000 }).toMatch(/^Họ và tên/);
  });

  it('the applicant is typed field by field with Tab', async () => {
    await page.keyboard.type(applicant.name);
    await tabTo(/^Số định danh/);
    await page.keyboard.type(applicant.id);
    await tabTo(/^Ngày sinh/);
    await page.keyboard.type(applicant.dob);
    await tabTo(/^Giới tính/, { max: 1 });
    await page.keyboard.press('ArrowDown'); // (chưa chọn) → Nam → Nữ in the closed select
    await page.keyboard.press('ArrowDown');
    await tabTo(/^Số điện thoại/, { max: 1 });
    await page.keyboard.type(applicant.phone);
    await tabTo(/^Địa chỉ/, { max: 1 });
    await page.keyboard.type(applicant.address);
    await page.keyboard.press('Enter'); // saves at once
    await expect.poll(() => page.getByText(/Đã lưu lúc/).isVisible(), { timeout: 10_000 }).toBe(true);
    const group = page.getByRole('group', { name: 'Người nộp hồ sơ' });
    expect(await group.getByLabel('Giới tính').inputValue()).toBe('female');
    expect(await group.getByLabel('Địa chỉ', { exact: true }).inputValue()).toBe(applicant.address);
  });

  it('the case is picked by typing without accents and Enter', async () => {
    await tabTo(/^Trường hợp/, { max: 120 });
    await page.keyboard.type('co giay chung sinh');
    await page.keyboard.press('Enter');
    const picker = page.getByRole('combobox', { name: 'Trường hợp' });
    await expect.poll(() => picker.inputValue(), { timeout: 10_000 }).toBe('Có Giấy chứng sinh');
    await expect.poll(() => page.locator('section.slot').count(), { timeout: 10_000 }).toBeGreaterThan(1);
    // before the agent works in a slot, Ctrl+O's target is the first required document still missing, and it says so
    expect(await targetSlot()).toBe('Giấy chứng sinh');
  });

  it('Ctrl+O files pages into the slot the agent tabbed to, and that slot is marked before the key is pressed', async () => {
    await tabToSlot('Văn bản ủy quyền');
    expect(await targetSlot()).toBe('Văn bản ủy quyền');
    await addPagesWithCtrlO([await scan('giay-chung-sinh.png', ['GIẤY CHỨNG SINH', 'Họ và tên mẹ: Trần Thị Bích Ngọc'])]);
    await expect.poll(() => slotPages(/^Văn bản ủy quyền/).count(), { timeout: 30_000 }).toBe(1);
    expect(await slotPages(/^Giấy chứng sinh/).count()).toBe(0);
  });

  it('the page filed in the wrong slot is moved to Giấy chứng sinh from a dialog, by Tab and Enter', async () => {
    await tabTo(/^Chuyển trang 1 sang mục khác/, { max: 30 });
    expect(await focusedSlot()).toBe('Văn bản ủy quyền');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Chuyển trang 1 sang mục nào?' });
    await expect.poll(() => dialog.isVisible(), { timeout: 5_000 }).toBe(true);
    // the dialog opens on its first choice, not on ×
    expect((await focused()).name).not.toBe('Đóng');
    await tabTo(/^Giấy chứng sinh$/, { max: 12 });
    await page.keyboard.press('Enter');
    await expect.poll(() => slotPages(/^Giấy chứng sinh/).count(), { timeout: 15_000 }).toBe(1);
    expect(await slotPages(/^Văn bản ủy quyền/).count()).toBe(0);
    await expect.poll(() => focusedSlot()).toBe('Văn bản ủy quyền');
  });

  it('a second page goes to Giấy chứng sinh; deleting it is confirmed by Enter (the default is Xoá, not ×)', async () => {
    await tabToSlot('Giấy chứng sinh', true);
    expect(await targetSlot()).toBe('Giấy chứng sinh');
    await addPagesWithCtrlO([await scan('trang-thua.png', ['Trang chụp nhầm', 'không thuộc hồ sơ'])]);
    await expect.poll(() => slotPages(/^Giấy chứng sinh/).count(), { timeout: 30_000 }).toBe(2);
    await tabTo(/^Xoá trang 2$/, { max: 40, shift: true });
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('alertdialog', { name: 'Xoá trang?' });
    await expect.poll(() => confirm.isVisible(), { timeout: 5_000 }).toBe(true);
    expect((await focused()).name).toBe('Xoá');
    await page.keyboard.press('Enter');
    await expect.poll(() => slotPages(/^Giấy chứng sinh/).count(), { timeout: 15_000 }).toBe(1);
    // focus stays in the slot, not thrown back to the top of the page
    await expect.poll(() => focusedSlot()).toBe('Giấy chứng sinh');
  });

  it('consent is recorded with Space and Enter', async () => {
    await tabTo(/để làm thủ tục này/, { max: 60 });
    await page.keyboard.press('Space');
    await tabTo(/Ký trên phiếu tiếp nhận/, { max: 4 });
    await page.keyboard.press('Space');
    await tabTo(/^Ghi nhận đồng ý$/, { max: 4 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText(/Đã ghi nhận:/).isVisible(), { timeout: 10_000 }).toBe(true);
  });

  it('marks ready (a written reason for what is missing) and prints the receipt', async () => {
    await tabTo(/^Đánh dấu sẵn sàng$/, { max: 20 });
    await page.keyboard.press('Enter');
    // the e-form slot has no page (the declaration form was left for the portal): a written reason, typed at once
    const override = page.getByRole('dialog', { name: 'Hồ sơ còn thiếu giấy tờ bắt buộc' });
    await expect.poll(() => override.isVisible(), { timeout: 10_000 }).toBe(true);
    expect((await focused()).name).toMatch(/^Lý do/);
    await page.keyboard.type('Người nộp bổ sung bản giấy khi nhận kết quả.');
    await tabTo(/^Vẫn đánh dấu sẵn sàng$/, { max: 4 });
    await page.keyboard.press('Enter');
    // ready, or waiting for review because a document is missing: the receipt takes focus either way
    await expect.poll(() => focused().then((f) => f.name), { timeout: 15_000 }).toBe('Phiếu tiếp nhận');
    await tabTo(/^In phiếu tiếp nhận$/, { max: 5 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const pdf = join(work, 'phieu.pdf');
    await download.saveAs(pdf);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text).toContain(applicant.name);
    expect(text).toContain('Giấy chứng sinh');
  });

  it('"Đổi thủ tục" moves a draft opened under the wrong procedure, says what happens to pages and answers, keeps them', async () => {
    await page.keyboard.press('Control+N');
    await expect.poll(() => focused().then((f) => f.name), { timeout: 10_000 }).toMatch(/Tìm thủ tục/);
    await page.keyboard.type('xac nhan tinh trang hon nhan');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toMatch(/tình trạng hôn nhân/);
    await expect.poll(() => focused().then((f) => f.name), { timeout: 5_000 }).toMatch(/^Họ và tên/);
    await page.keyboard.type('Lê Văn Tâm');
    await page.keyboard.press('Enter'); // saves at once: no save still in flight while the agent tabs on
    await expect.poll(() => page.getByText(/Đã lưu lúc/).isVisible(), { timeout: 10_000 }).toBe(true);
    // a page filed under a document the new procedure does not have
    await tabToSlot(/^Giấy xác nhận TTHN/);
    const oldSlot = await focusedSlot();
    await addPagesWithCtrlO([await scan('xac-nhan-cu.png', ['GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN', 'cấp năm 2019'])]);
    await expect.poll(() => slotPages(/^Giấy xác nhận TTHN/).count(), { timeout: 30_000 }).toBe(1);

    await tabTo(/^Đổi thủ tục$/, { shift: true, max: 120 });
    await page.keyboard.press('Enter');
    const pick = page.getByRole('dialog', { name: /^Đổi thủ tục của hồ sơ/ });
    await expect.poll(() => pick.isVisible(), { timeout: 5_000 }).toBe(true);
    expect((await focused()).name).toMatch(/^Tìm thủ tục mới/);
    await page.keyboard.type('dang ki khai sinh');
    const first = pick.getByRole('listitem').first().getByRole('button');
    await expect.poll(() => first.textContent(), { timeout: 10_000 }).toMatch(/^Thủ tục đăng ký khai sinh \(/);
    await page.keyboard.press('ArrowDown');
    expect((await focused()).name).toMatch(/^Thủ tục đăng ký khai sinh \(/);
    await page.keyboard.press('Enter');

    // the confirmation names what stays and what is dropped; Enter alone goes back, never rebuilds the checklist
    const confirm = page.getByRole('alertdialog', { name: 'Đổi sang "Thủ tục đăng ký khai sinh"?' });
    await expect.poll(() => confirm.isVisible(), { timeout: 5_000 }).toBe(true);
    const said = (await confirm.textContent()) ?? '';
    expect(said).toContain('1 trang đã quét');
    expect(said).toContain('"Giấy tờ khác"');
    expect(said).toMatch(/trường hợp đã chọn, các đánh dấu trên từng giấy tờ \("Áp dụng", "Đã xem bản chính"\)/);
    expect((await focused()).name).toBe('Chọn thủ tục khác');
    await page.screenshot({ path: join(repoRoot, 'docs', 'screenshots', 'change-procedure.png') });
    await tabTo(/^Đổi thủ tục$/, { max: 2 });
    await page.keyboard.press('Enter');

    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toBe('Thủ tục đăng ký khai sinh');
    const notice = page.getByRole('status').filter({ hasText: 'Đã đổi hồ sơ sang thủ tục' });
    await expect.poll(() => notice.textContent(), { timeout: 5_000 }).toContain(`1 trang của "${oldSlot}" đã vào "Giấy tờ khác"`);
    expect(await page.getByRole('group', { name: 'Người nộp hồ sơ' }).getByLabel('Họ và tên').inputValue()).toBe('Lê Văn Tâm');
    // the new procedure asks its case again; once picked, the page waits in "Giấy tờ khác"
    await tabTo(/^Trường hợp/, { max: 60 });
    await page.keyboard.type('co giay chung sinh');
    await page.keyboard.press('Enter');
    await expect.poll(() => slotPages(/^Giấy tờ khác/).count(), { timeout: 15_000 }).toBe(1);
  });
});
