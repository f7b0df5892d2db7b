// E2E helpers shared by the browser tests: sign in and out as a user would, axe's serious findings, a free port, the
// text a screen reader reads after a control's name, and a picture of the screen when a step fails.
import AxeBuilder from '@axe-core/playwright';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Signs in on the login screen (typed into its labelled fields); `url` first opens the app there. */
export async function signIn(page: Page, username: string, password: string, opts: { url?: string; timeout?: number } = {}): Promise<void> {
  if (opts.url) await page.goto(opts.url);
  await expect.poll(() => page.getByRole('heading', { name: 'Đăng nhập' }).isVisible(), { timeout: opts.timeout ?? 30_000 }).toBe(true);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Đăng xuất' }).isVisible(), { timeout: 15_000 }).toBe(true);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Đăng nhập' }).isVisible(), { timeout: 10_000 }).toBe(true);
}

/** axe on the screen as it is: no serious or critical violation (each named with its rule, help and node count). */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${name}: ${v.id} ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** What a screen reader says after a control's name: everything its aria-describedby points at. */
export async function describedBy(page: Page, control: Locator): Promise<string> {
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const parts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return parts.join(' ');
}

/** A port nobody listens on yet, for a server (the portal simulator) to take later. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolvePort(port));
    });
  });
}

/** In afterEach: a failed step leaves a picture of what the agent would have seen, in the temp folder. */
export async function shotIfFailed(page: Page | undefined, prefix: string, task: { name: string; result?: { state?: string } }): Promise<void> {
  if (task.result?.state !== 'fail' || !page) return;
  await page.screenshot({ path: join(tmpdir(), `${prefix}-failed-${task.name.slice(0, 30).replace(/\W+/g, '-')}.png`) });
}
