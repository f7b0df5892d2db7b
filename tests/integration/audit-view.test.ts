// Audit view: filters by user, dossier, action and date; the chain check finds a row edited or removed with raw SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../electron/common/contract';
import type { AuditCheck, AuditItem } from '../../electron/common/report-contract';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { tamperable } from '../support/log-tamper';
import { LAND_DATA, takeDossier, type Tokens } from '../support/review-fixtures';

let h: Harness;
let t: Tokens;
let dossier: DossierDetail;
type Page = { items: AuditItem[]; total: number };

beforeAll(async () => {
  h = await startHarness({ ocr: false });
  t = await setupOffice(h);
  await h.call('settings.update', t.admin, { approvalPolicy: 'all' });
  dossier = await takeDossier(h, t.agent, { procedureCode: LAND_DATA });
  await takeDossier(h, t.agent2, { procedureCode: LAND_DATA });
  await h.call('review.return', t.supervisor, { id: dossier.id, reason: 'Thiếu chữ ký của người nộp' });
});
afterAll(async () => h.close());

describe('filters', () => {
  it('by user: only what that user did', async () => {
    const r = await h.call<Page>('audit.list', t.supervisor, { actorId: dossier.createdBy.id });
    expect(r.total).toBeGreaterThan(2);
    expect(r.items.every((i) => i.actorName === 'Lê Thị Lan')).toBe(true);
  });

  it('by dossier: its whole trail, newest first, with its local code', async () => {
    const r = await h.call<Page>('audit.list', t.supervisor, { dossierId: dossier.id });
    expect(r.items[0]).toMatchObject({
      action: 'dossier.returned',
      actorName: 'Đỗ Thị Mai',
      localCode: dossier.localCode,
    });
    expect(r.items[r.items.length - 1]?.action).toBe('dossier.create');
    expect(r.items.some((i) => i.action === 'page.add')).toBe(true);
  });

  it('by action, exact or by prefix, and by date', async () => {
    expect((await h.call<Page>('audit.list', t.supervisor, { action: 'dossier.returned' })).total).toBe(1);
    const auth = await h.call<Page>('audit.list', t.supervisor, { action: 'auth.' });
    expect(auth.total).toBe(3); // the three logins of setupOffice (the admin's session comes from set-up)
    expect(auth.items.every((i) => i.action.startsWith('auth.'))).toBe(true);
    expect(
      (await h.call<Page>('audit.list', t.supervisor, { fromDate: '2026-11-20', toDate: '2026-11-20' }))
        .total,
    ).toBe((await h.call<Page>('audit.list', t.supervisor, {})).total);
    expect((await h.call<Page>('audit.list', t.supervisor, { fromDate: '2026-11-21' })).total).toBe(0);
  });

  it('is not for agents', async () => {
    expect((await h.fail('audit.list', t.agent, {})).code).toBe('FORBIDDEN');
    expect((await h.fail('audit.verify', t.agent, {})).code).toBe('FORBIDDEN');
  });
});

describe('chain check', () => {
  const verify = () => h.call<AuditCheck>('audit.verify', t.supervisor, {});
  // the append-only triggers dropped first, as an attacker holding the key could: the chain must still tell
  const sql = () => tamperable(h.core.db.$client);

  it('says the log is whole', async () => {
    const r = await verify();
    expect(r).toMatchObject({ ok: true, brokenAtId: null });
    expect(r.rows).toBe((await h.call<Page>('audit.list', t.supervisor, { limit: 1 })).total);
  });

  it('points at a row whose content was edited, and is whole again when it is put back', async () => {
    const row = sql()
      .prepare("SELECT id, details FROM audit_log WHERE action = 'dossier.returned'")
      .get() as { id: number; details: string };
    sql()
      .prepare('UPDATE audit_log SET details = ? WHERE id = ?')
      .run(JSON.stringify({ from: 'awaiting_review', source: 'local' }), row.id);
    const r = await verify();
    expect(r).toMatchObject({ ok: false, brokenAtId: row.id, problem: 'edited' });
    expect(r.row?.action).toBe('dossier.returned');
    expect(r.message).toContain(`dòng số ${row.id}`);
    sql().prepare('UPDATE audit_log SET details = ? WHERE id = ?').run(row.details, row.id);
    expect((await verify()).ok).toBe(true);
  });

  it('points at a row rewritten into something unreadable', async () => {
    const row = sql()
      .prepare("SELECT id, details FROM audit_log WHERE action = 'dossier.create' ORDER BY id LIMIT 1")
      .get() as { id: number; details: string };
    sql().prepare('UPDATE audit_log SET details = ? WHERE id = ?').run('{not json', row.id);
    expect(await verify()).toMatchObject({ ok: false, brokenAtId: row.id, problem: 'edited' });
    sql().prepare('UPDATE audit_log SET details = ? WHERE id = ?').run(row.details, row.id);
  });

  it('points at the row after one that was deleted', async () => {
    const ids = (sql().prepare('SELECT id FROM audit_log ORDER BY id').all() as { id: number }[]).map(
      (r) => r.id,
    );
    const victim = ids[Math.floor(ids.length / 2)] ?? 0;
    sql().prepare('DELETE FROM audit_log WHERE id = ?').run(victim);
    const r = await verify();
    expect(r).toMatchObject({ ok: false, brokenAtId: victim + 1, problem: 'gap' });
    expect(r.previous?.id).toBe(victim - 1);
    expect(r.message).toContain('xoá');
  });
});
