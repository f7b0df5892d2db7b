// E2E helper: the agent records the citizen's consent in the intake's consent panel (nothing is ticked in advance).
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export async function recordConsentInUi(
  page: Page,
  opts: { method?: 'signed' | 'read'; reuse?: boolean } = {},
): Promise<void> {
  const panel = page.getByRole('region', { name: 'Đồng ý xử lý dữ liệu cá nhân' });
  await expect.poll(() => panel.isVisible(), { timeout: 10_000 }).toBe(true);
  if (await panel.getByText(/Đã ghi nhận:/).isVisible()) return; // recorded earlier (a returned dossier, a retry)
  await panel.getByRole('checkbox', { name: /để làm thủ tục này/ }).check();
  if (opts.reuse) await panel.getByRole('checkbox', { name: /lưu bản quét giấy tờ/ }).check();
  await panel.getByRole('radio', { name: opts.method === 'signed' ? /Ký trên phiếu tiếp nhận/ : /đã đọc thông báo/ }).check();
  await panel.getByRole('button', { name: 'Ghi nhận đồng ý' }).click();
  await expect.poll(() => panel.getByText(/Đã ghi nhận:/).isVisible(), { timeout: 10_000 }).toBe(true);
}

/** The same through the contract, for e2e tests that take dossiers by RPC. */
export async function recordConsentByRpc(
  rpc: <T>(name: string, session: string | null, input: unknown) => Promise<T>,
  token: string,
  dossierId: string,
): Promise<void> {
  const c = await rpc<{ notice: { version: string } }>('consent.get', token, { dossierId });
  await rpc('consent.record', token, { dossierId, procedure: true, reuse: false, method: 'read_aloud', noticeVersion: c.notice.version });
}
