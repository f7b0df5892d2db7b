// Dashboard: each number for a day, now and the 30-day window, the list behind it, agents' own scope, sync health, chasing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail, DossierListItem } from '../../electron/common/contract';
import type { ChaseItem, ContactAttempt, Dashboard, Figure } from '../../electron/common/report-contract';
import { setupOffice, startHarness, testClock, type Harness } from '../support/core-harness';
import { advance, BIRTH, LAND_DATA, relogin, takeDossier, type Tokens } from '../support/review-fixtures';

let h: Harness;
let t: Tokens;
const HOUR = 3_600_000;
const at = (isoDay: string, hour = 9) => Date.parse(`${isoDay}T${String(hour - 7).padStart(2, '0')}:00:00Z`);
const d = {} as Record<'p1' | 'p2' | 'p3' | 't1' | 't2' | 't3' | 't4', DossierDetail>;

async function dayJump(isoDay: string): Promise<void> {
  h.clock.advance(at(isoDay) - h.clock.now());
  t = await relogin(h);
}

beforeAll(async () => {
  h = await startHarness({ ocr: false, clock: testClock(at('2026-11-10')) });
  await setupOffice(h);
  t = await relogin(h);
  d.p1 = await takeDossier(h, t.agent, { procedureCode: LAND_DATA, dueDate: '2026-11-12' });
  d.p2 = await takeDossier(h, t.agent, { procedureCode: BIRTH, dueDate: '2026-11-13' });
  d.p3 = await takeDossier(h, t.agent2, { procedureCode: LAND_DATA, mode: 'direct', dueDate: '2026-11-12' });
  for (const x of [d.p1, d.p2, d.p3])
    advance(h, x.id, ['queued', 'submitting', 'submitted'], at('2026-11-10', 15));
  advance(h, d.p1.id, ['received', 'processing', 'result_ready', 'completed'], at('2026-11-12', 10));
  advance(h, d.p2.id, ['received', 'supplement_requested'], at('2026-11-14', 10));
  h.core.db.$client
    .prepare(
      'INSERT INTO portal_requests (dossier_id, portal_code, feed_seq, documents, note, at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(
      d.p2.id,
      'G22.99-261110-0001',
      7,
      JSON.stringify(['Giấy chứng sinh (bản chính)']),
      'Bổ sung giấy chứng sinh bản chính',
      at('2026-11-14', 10),
    );
  advance(h, d.p3.id, ['received', 'processing', 'result_ready', 'completed'], at('2026-11-15', 10));
  await dayJump('2026-11-20');
  d.t1 = await takeDossier(h, t.agent, { procedureCode: LAND_DATA });
  d.t2 = await takeDossier(h, t.agent, { procedureCode: BIRTH, draft: true });
  d.t3 = await takeDossier(h, t.agent2, { procedureCode: LAND_DATA });
  advance(h, d.t3.id, ['queued', 'submitting', 'needs_fix'], h.clock.now());
  d.t4 = await takeDossier(h, t.agent2, {
    procedureCode: LAND_DATA,
    skipScans: true,
    overrideReason: 'Công dân bổ sung bản quét sau',
  });
  h.core.db.$client
    .prepare(
      `INSERT INTO outbox (dossier_id, idempotency_key, state, attempts, next_attempt_at, last_error, queued_at, updated_at)
       VALUES (?, 'k-t1', 'pending', 3, ?, 'Cổng dịch vụ công đang bảo trì', ?, ?)`,
    )
    .run(d.t1.id, h.clock.now() + 60_000, h.clock.now(), h.clock.now());
});
afterAll(async () => h.close());

const dash = (token: string, input: object = {}) => h.call<Dashboard>('reports.dashboard', token, input);
const count = (figs: Figure[], bucket: string) => figs.find((f) => f.bucket === bucket)?.count;

describe('numbers', () => {
  it('counts the day’s dossiers by status, the work waiting now and the 30-day indicators', async () => {
    const x = await dash(t.supervisor);
    expect(x.date).toBe('2026-11-20');
    expect(Object.fromEntries(x.day.map((f) => [f.bucket, f.count]))).toMatchObject({
      'day.taken': 4,
      'day.draft': 1,
      'day.ready': 1,
      'day.awaitingReview': 1,
      'day.needsFix': 1,
      'day.accepted': 0,
      'day.overdue': 0,
    });
    expect(Object.fromEntries(x.open.map((f) => [f.bucket, f.count]))).toMatchObject({
      'open.awaitingReview': 1,
      'open.needsFix': 1,
      'open.supplementRequested': 1,
      'open.overdue': 1,
      'open.syncWaiting': 1,
      'open.syncFailing': 1,
    });
    // online and really sent (p1, p2) of the six filed; t1, t3, t4 are online but never reached the portal (issue 13)
    expect(x.indicators.onlineShare).toMatchObject({ numerator: 2, denominator: 6 });
    expect(x.indicators.onTime).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(count(x.period, 'period.missingScans')).toBe(1);
    expect(
      x.indicators.digitisation.denominator - x.indicators.digitisation.numerator,
    ).toBeGreaterThanOrEqual(1);
    expect(x.sync).toMatchObject({ waiting: 1, failing: 1, needsFix: 0, lastSuccessAt: null });
    expect(x.sync?.failures[0]).toMatchObject({
      localCode: d.t1.localCode,
      lastError: 'Cổng dịch vụ công đang bảo trì',
    });
  });

  it('draws 30 days: taken, sent to the portal and completed per day', async () => {
    const x = await dash(t.supervisor);
    expect(x.series).toHaveLength(30);
    expect(x.series[0]?.date).toBe('2026-10-22');
    const day = (iso: string) => x.series.find((p) => p.date === iso);
    expect(day('2026-11-10')).toEqual({ date: '2026-11-10', taken: 3, sentToPortal: 3, completed: 0 });
    expect(day('2026-11-12')?.completed).toBe(1);
    expect(day('2026-11-15')?.completed).toBe(1);
    expect(day('2026-11-20')?.taken).toBe(4);
    const past = await dash(t.supervisor, { date: '2026-11-10' });
    expect(count(past.day, 'day.sentToPortal')).toBe(3);
    expect(count(past.day, 'day.accepted')).toBe(3); // completed and supplement requested are later portal statuses
  });

  it('opens every number as the list of exactly those dossiers', async () => {
    for (const [token, input] of [
      [t.supervisor, {}],
      [t.supervisor, { date: '2026-11-10' }],
      [t.supervisor, { agentId: d.t3.createdBy.id }],
      [t.agent, {}],
    ] as const) {
      const x = await dash(token, input);
      for (const f of [...x.day, ...x.open, ...x.period]) {
        const list = await h.call<{ items: DossierListItem[]; total: number }>('reports.drill', token, {
          ...input,
          bucket: f.bucket,
          limit: 200,
        });
        expect(list.total, f.bucket).toBe(f.count);
        expect(list.items, f.bucket).toHaveLength(f.count);
      }
    }
    const overdue = await h.call<{ items: DossierListItem[] }>('reports.drill', t.supervisor, {
      bucket: 'open.overdue',
    });
    expect(overdue.items.map((i) => i.id)).toEqual([d.p2.id]);
  });

  it('shows an agent only their own numbers, whatever agent they ask for', async () => {
    const own = await dash(t.agent2);
    const asked = await dash(t.agent2, { agentId: d.p1.createdBy.id });
    const bySupervisor = await dash(t.supervisor, { agentId: d.t3.createdBy.id });
    expect(asked.day).toEqual(own.day);
    expect(own.day).toEqual(bySupervisor.day);
    expect(count(own.day, 'day.taken')).toBe(2);
    const list = await h.call<{ items: DossierListItem[] }>('reports.drill', t.agent2, {
      bucket: 'day.taken',
      agentId: d.p1.createdBy.id,
    });
    expect(list.items.every((i) => i.createdByName === 'Phạm Văn Hùng')).toBe(true);
  });
});

describe('chasing', () => {
  it('lists the supplement request with the citizen’s phone, the agent and the documents wanted', async () => {
    const s = await h.call<{ items: ChaseItem[]; total: number }>('chase.list', t.supervisor, {
      kind: 'supplement',
    });
    expect(s.total).toBe(1);
    expect(s.items[0]).toMatchObject({
      id: d.p2.id,
      phone: d.p2.applicant.phone,
      agent: { fullName: 'Lê Thị Lan' },
      request: { documents: ['Giấy chứng sinh (bản chính)'], note: 'Bổ sung giấy chứng sinh bản chính' },
      contacts: 0,
      lastContact: null,
    });
    const o = await h.call<{ items: ChaseItem[] }>('chase.list', t.supervisor, { kind: 'overdue' });
    expect(o.items.map((i) => [i.id, i.daysOverdue])).toEqual([[d.p2.id, 7]]);
  });

  it('notes each contact attempt; the list shows the latest', async () => {
    await h.call('chase.addContact', t.agent, { dossierId: d.p2.id, channel: 'phone', outcome: 'no_answer' });
    h.clock.advance(HOUR / 6);
    const second = await h.call<ContactAttempt>('chase.addContact', t.supervisor, {
      dossierId: d.p2.id,
      channel: 'phone',
      outcome: 'will_come',
      note: 'Hẹn chiều mai mang giấy chứng sinh đến',
    });
    expect(second.actor.fullName).toBe('Đỗ Thị Mai');
    const s = await h.call<{ items: ChaseItem[] }>('chase.list', t.agent, { kind: 'supplement' });
    expect(s.items[0]).toMatchObject({
      contacts: 2,
      lastContact: { outcome: 'will_come', note: 'Hẹn chiều mai mang giấy chứng sinh đến' },
    });
    const all = await h.call<ContactAttempt[]>('chase.contacts', t.agent, { dossierId: d.p2.id });
    expect(all.map((c) => c.outcome)).toEqual(['will_come', 'no_answer']);
  });

  it('keeps another agent away from the citizen’s contacts', async () => {
    expect(
      (await h.fail('chase.addContact', t.agent2, { dossierId: d.p2.id, channel: 'sms', outcome: 'reached' }))
        .code,
    ).toBe('NOT_FOUND');
    expect((await h.fail('chase.contacts', t.agent2, { dossierId: d.p2.id })).code).toBe('NOT_FOUND');
    expect((await h.call<{ total: number }>('chase.list', t.agent2, { kind: 'supplement' })).total).toBe(0);
  });
});
