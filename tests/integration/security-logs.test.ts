// The audit log and the access log are append-only in the database itself: an edit or a delete is refused, while the
// app's own writes and the retention purge go on as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../electron/common/contract';
import type { PurgeReport } from '../../electron/common/privacy-contract';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { advance, BIRTH, relogin, takeDossier, type Tokens } from '../support/review-fixtures';

const DAY = 86_400_000;
let h: Harness;
let t: Tokens;
let d: DossierDetail;

const count = (table: string) => (h.core.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const firstId = (table: string) => (h.core.db.$client.prepare(`SELECT min(id) AS id FROM ${table}`).get() as { id: number }).id;

beforeAll(async () => {
  h = await startHarness();
  await setupOffice(h);
  t = await relogin(h);
  d = await takeDossier(h, t.agent, { procedureCode: BIRTH });
  const page = d.components.flatMap((c) => c.pages)[0];
  await h.call('pages.image', t.agent, { pageId: page?.id, variant: 'full' });
});
afterAll(async () => h?.close());

describe('append-only logs', () => {
  it.each([
    ['audit_log', "UPDATE audit_log SET details = '{}' WHERE id = ?"],
    ['audit_log', 'UPDATE audit_log SET at = at + 1, hash = hash WHERE id = ?'],
    ['audit_log', 'DELETE FROM audit_log WHERE id = ?'],
    ['access_log', "UPDATE access_log SET reason = 'sửa lén' WHERE id = ?"],
    ['access_log', 'DELETE FROM access_log WHERE id = ?'],
  ])('%s refuses: %s', (table, sql) => {
    const before = count(table);
    expect(before).toBeGreaterThan(0);
    expect(() => h.core.db.$client.prepare(sql).run(firstId(table))).toThrow(/append-only/);
    expect(() => h.core.db.$client.prepare(`DELETE FROM ${table}`).run()).toThrow(/append-only/);
    expect(count(table)).toBe(before);
  });

  it('the app still appends to both, and both chains verify', async () => {
    const audit = count('audit_log');
    const access = count('access_log');
    await h.call('documents.receipt', t.agent, { dossierId: d.id });
    await takeDossier(h, t.agent, { procedureCode: BIRTH, draft: true, skipScans: true });
    expect(count('access_log')).toBeGreaterThan(access);
    expect(count('audit_log')).toBeGreaterThan(audit);
    expect(await h.call('audit.verify', t.supervisor)).toMatchObject({ ok: true });
    expect(await h.call('accessLog.verify', t.supervisor)).toMatchObject({ ok: true });
  });

  it('the retention purge still removes what is due, and writes its audit row', async () => {
    advance(h, d.id, ['queued', 'submitting', 'submitted', 'received', 'processing', 'result_ready', 'completed'], h.clock.now());
    h.clock.advance(91 * DAY); // past every default period but the receipts'
    t = await relogin(h);
    const done = await h.call<PurgeReport>('retention.run', t.admin);
    expect(done.dossiers).toBe(1);
    expect(done.pagesPurged).toBe(d.components.flatMap((c) => c.pages).length);
    expect(done.counts.applicantData).toBe(1);
    expect(h.core.db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'retention.purge'").get()).toEqual({ n: 1 });
    expect(await h.call('audit.verify', t.supervisor)).toMatchObject({ ok: true });
  });
});
