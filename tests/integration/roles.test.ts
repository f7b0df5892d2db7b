// Roles in core: every contract call, made as each role through the router, is refused (FORBIDDEN / NOT_FOUND) exactly when it should be.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callNames,
  contract,
  type CallName,
  type DossierDetail,
  type DossierListItem,
  type Page,
} from '../../electron/common/contract';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { BIRTH, LAND_DATA, takeDossier, tinyJpeg, type Tokens } from '../support/review-fixtures';

type Who = 'agent' | 'agent2' | 'supervisor' | 'admin';
const EVERYONE: Who[] = ['agent', 'agent2', 'supervisor', 'admin'];
/** `agent` owns the fixtures; `agent2` is another agent of the same office */
const OWNER_AND_OFFICE: Who[] = ['agent', 'supervisor', 'admin'];
const OFFICE: Who[] = ['supervisor', 'admin'];
const ADMIN: Who[] = ['admin'];
const REFUSED = ['FORBIDDEN', 'NOT_FOUND'];

let h: Harness;
let t: Tokens;
let draft: DossierDetail;
let review: DossierDetail;
let review2: DossierDetail;
/** one page per role for the calls that use a page up (rotate, remove), and one kept for the rest */
const pageOf: Partial<Record<Who, string>> = {};
let keptPage = '';
let userId = '';
let supplementId = 0;

type Rule = { allow: Who[]; input: (who: Who) => unknown; freshSession?: boolean };

const today = '2026-11-20';
const rules: Record<CallName, Rule> = {
  'app.info': { allow: EVERYONE, input: () => ({}) },
  'setup.complete': {
    allow: EVERYONE,
    input: () => ({
      office: { code: 'X1', name: 'Điểm khác', address: 'Nơi khác' },
      admin: { username: 'chiemquyen', fullName: 'Người Lạ', password: 'matkhau123' },
    }),
  },
  'auth.login': { allow: EVERYONE, input: () => ({ username: 'nv.lan', password: 'tiepnhan01' }) },
  'auth.session': { allow: EVERYONE, input: () => ({}) },
  'auth.logout': { allow: EVERYONE, input: () => ({}), freshSession: true },
  'users.list': { allow: OFFICE, input: () => ({}) },
  'users.directory': { allow: EVERYONE, input: () => ({}) },
  'users.create': {
    allow: ADMIN,
    input: () => ({ username: 'nv.moi', fullName: 'Nhân Viên Mới', role: 'admin', password: 'song-hong-mua-lu-2026' }),
  },
  // a refused caller trying to make another agent an admin; the admin's own call only renames them to the same name
  'users.update': {
    allow: ADMIN,
    input: (who) =>
      who === 'admin' ? { id: userId, fullName: 'Phạm Văn Hùng' } : { id: userId, role: 'admin' },
  },
  'settings.get': { allow: EVERYONE, input: () => ({}) },
  'settings.update': { allow: ADMIN, input: () => ({ serviceChargeVnd: 15_000 }) },
  'catalog.search': { allow: EVERYONE, input: () => ({ query: 'khai sinh' }) },
  'catalog.get': { allow: EVERYONE, input: () => ({ code: BIRTH }) },
  'catalog.pin': { allow: EVERYONE, input: () => ({ code: BIRTH, pinned: true }) },
  'catalog.export': { allow: OFFICE, input: () => ({}) },
  // an unreadable file: the admin gets past the role check and meets CATALOG_FORMAT
  'catalog.import': {
    allow: ADMIN,
    input: () => ({ fileName: 'x.json', bytes: new Uint8Array([0xff, 0xfe]) }),
  },
  'catalog.corrections.get': { allow: OFFICE, input: () => ({ code: BIRTH }) },
  // the admin's save changes nothing (an empty correction), so later rules see the catalog as it was
  'catalog.corrections.save': {
    allow: ADMIN,
    input: () => ({ correction: { procedureCode: BIRTH, note: 'thử quyền' }, expectedVersion: null }),
  },
  'catalog.corrections.history': { allow: OFFICE, input: () => ({ code: BIRTH }) },
  'catalog.corrections.export': { allow: OFFICE, input: () => ({}) },
  // an unreadable file: the admin gets past the role check and meets CORRECTIONS_FORMAT
  'catalog.corrections.import': {
    allow: ADMIN,
    input: () => ({ fileName: 'x.json', bytes: new Uint8Array([0xff, 0xfe]) }),
  },
  'dossiers.create': { allow: EVERYONE, input: () => ({ procedureCode: BIRTH }) },
  'dossiers.get': { allow: OWNER_AND_OFFICE, input: () => ({ id: draft.id }) },
  'dossiers.saveDraft': {
    allow: OWNER_AND_OFFICE,
    input: () => ({ id: draft.id, delivery: { method: 'counter' } }),
  },
  'dossiers.markReady': { allow: OWNER_AND_OFFICE, input: () => ({ id: draft.id, dueDate: '2026-11-27' }) },
  'dossiers.list': { allow: EVERYONE, input: () => ({}) },
  // allowed callers pass the visibility check and meet VALIDATION or CONFLICT (no such case, not conditional, ...)
  'dossiers.setCase': { allow: OWNER_AND_OFFICE, input: () => ({ id: draft.id, caseKey: 'khong-co', version: draft.version }) },
  'dossiers.setApplies': { allow: OWNER_AND_OFFICE, input: () => ({ componentId: draft.components[0]?.id, applies: true }) },
  'dossiers.markSeen': { allow: OWNER_AND_OFFICE, input: () => ({ componentId: draft.components[0]?.id, seen: false }) },
  'dossiers.setFee': { allow: OWNER_AND_OFFICE, input: () => ({ id: draft.id, quantity: null }) },
  'pages.add': {
    allow: OWNER_AND_OFFICE,
    input: () => ({
      dossierId: draft.id,
      componentId: draft.components[0]?.id,
      fileName: 'a.jpg',
      bytes: jpeg,
    }),
  },
  'pages.rotate': { allow: OWNER_AND_OFFICE, input: (who) => ({ pageId: pageOf[who] }) },
  'pages.remove': { allow: OWNER_AND_OFFICE, input: (who) => ({ pageId: pageOf[who] }) },
  'pages.move': { allow: OWNER_AND_OFFICE, input: () => ({ pageId: keptPage, toIndex: 0 }) },
  // a stale expectation: refused with CONFLICT for those allowed, so the draft and page stay for the other calls
  'pages.moveToComponent': { allow: OWNER_AND_OFFICE, input: () => ({ pageId: keptPage, componentId: 0, fromComponentId: -1 }) },
  'dossiers.cancelDraft': { allow: OWNER_AND_OFFICE, input: () => ({ id: draft.id, expectedVersion: -1 }) },
  'dossiers.changeProcedure': { allow: OWNER_AND_OFFICE, input: () => ({ id: draft.id, procedureCode: LAND_DATA, expectedVersion: -1 }) },
  'pages.image': { allow: OWNER_AND_OFFICE, input: () => ({ pageId: keptPage, variant: 'thumb' }) },
  'pages.retryOcr': { allow: OWNER_AND_OFFICE, input: () => ({ pageId: keptPage }) },
  'ocr.focus': { allow: OWNER_AND_OFFICE, input: () => ({ dossierId: draft.id, pageId: keptPage }) },
  // a tiny test JPEG is warned about (low resolution): allowed callers keep it; accepting twice keeps the first
  'pages.acceptQuality': { allow: OWNER_AND_OFFICE, input: () => ({ pageId: keptPage }) },
  // the draft's applicant has no ID number yet: allowed callers meet VALIDATION, after the visibility check
  'pages.reuse': {
    allow: OWNER_AND_OFFICE,
    input: () => ({ dossierId: draft.id, componentId: draft.components[0]?.id, pageIds: [keptPage] }),
  },
  'documents.reusable': { allow: OWNER_AND_OFFICE, input: () => ({ dossierId: draft.id }) },
  // supervisors only; the draft has no ID number yet, so they meet VALIDATION and nothing is approved
  'reuse.approve': { allow: OFFICE, input: () => ({ dossierId: draft.id, reason: 'Đã đối chiếu giấy tờ gốc' }) },
  // the draft has no ID number yet, so nothing is reusable: every caller meets NOT_FOUND (no page leaks either way)
  'documents.reusableThumb': { allow: [], input: () => ({ dossierId: draft.id, pageId: keptPage }) },
  'idcard.read': {
    allow: OWNER_AND_OFFICE,
    input: () => ({ dossierId: draft.id, fileName: 'cccd.jpg', bytes: jpeg, attach: false }),
  },
  'scanner.status': { allow: EVERYONE, input: () => ({}) },
  'scanner.setTarget': {
    allow: OWNER_AND_OFFICE,
    input: () => ({ target: { dossierId: draft.id, componentId: draft.components[0]?.id } }),
  },
  'scanner.keepPages': { allow: OWNER_AND_OFFICE, input: () => ({ pageIds: [keptPage] }) },
  'documents.receipt': { allow: OWNER_AND_OFFICE, input: () => ({ dossierId: review.id }) },
  'documents.componentPdf': {
    allow: OWNER_AND_OFFICE,
    input: () => ({
      dossierId: review.id,
      componentId: review.components.find((c) => c.pages.length > 0)?.id,
    }),
  },
  'forms.get': { allow: OWNER_AND_OFFICE, input: () => ({ dossierId: draft.id }) },
  'forms.save': {
    allow: OWNER_AND_OFFICE,
    input: () => ({ dossierId: draft.id, formId: 'to-khai-khai-sinh', version: 1, data: {} }),
  },
  'forms.print': { allow: OWNER_AND_OFFICE, input: () => ({ dossierId: draft.id }) },
  'forms.prefillFromPage': { allow: OWNER_AND_OFFICE, input: () => ({ dossierId: draft.id, pageId: keptPage }) },
  'review.queue': { allow: OFFICE, input: () => ({}) },
  'review.approve': { allow: OFFICE, input: () => ({ id: review.id }) },
  'review.return': { allow: OFFICE, input: () => ({ id: review2.id, reason: 'Thiếu trang 2 của tờ khai' }) },
  'review.returned': { allow: EVERYONE, input: () => ({}) },
  'reports.dashboard': { allow: EVERYONE, input: () => ({}) },
  'reports.drill': { allow: EVERYONE, input: () => ({ bucket: 'day.taken' }) },
  'reports.dayReport': { allow: OFFICE, input: () => ({ date: today }) },
  'reports.dayReportPdf': { allow: OFFICE, input: () => ({ date: today }) },
  'reports.dayReportXlsx': { allow: OFFICE, input: () => ({ date: today }) },
  'reports.closeDay': { allow: OFFICE, input: () => ({ date: today }) },
  'reports.closures': { allow: OFFICE, input: () => ({}) },
  'reports.corrections': { allow: OFFICE, input: () => ({}) },
  'chase.list': { allow: EVERYONE, input: () => ({ kind: 'overdue' }) },
  'chase.addContact': {
    allow: OWNER_AND_OFFICE,
    input: () => ({ dossierId: draft.id, channel: 'phone', outcome: 'busy' }),
  },
  'chase.contacts': { allow: OWNER_AND_OFFICE, input: () => ({ dossierId: draft.id }) },
  'audit.list': { allow: OFFICE, input: () => ({}) },
  'audit.verify': { allow: OFFICE, input: () => ({}) },
  'sync.status': { allow: EVERYONE, input: () => ({}) },
  'sync.now': { allow: EVERYONE, input: () => ({}) },
  // the harness has no credential store: the admin passes the role check and meets VALIDATION
  'sync.configure': {
    allow: ADMIN,
    input: () => ({ portalUrl: 'http://127.0.0.1:9', agentCode: 'DL-X', secret: 'bi-mat' }),
  },
  'dossiers.syncTimeline': { allow: OWNER_AND_OFFICE, input: () => ({ id: draft.id }) },
  'supplements.list': { allow: EVERYONE, input: () => ({}) },
  'supplements.markSeen': { allow: OWNER_AND_OFFICE, input: () => ({ id: supplementId }) },
  'backup.status': { allow: EVERYONE, input: () => ({}) },
  'backup.configure': { allow: ADMIN, input: () => ({ folder: '', daily: true, dailyAt: '12:15', afterDayClose: true, keepLast: 7 }) },
  'backup.setPassphrase': { allow: ADMIN, input: () => ({ passphrase: 'cum-mat-khau-dai-2026', confirm: 'cum-mat-khau-dai-2026' }) },
  // no folder chosen: the allowed roles meet BACKUP_NOT_CONFIGURED
  'backup.run': { allow: OFFICE, input: () => ({}) },
  'backup.list': { allow: ADMIN, input: () => ({ folder: '/khong-co-thu-muc-nay' }) },
  'restore.inspect': { allow: ADMIN, input: () => ({ file: '/khong-co/tep.dvcbak', passphrase: 'x' }) },
  'restore.apply': { allow: ADMIN, input: () => ({ file: '/khong-co/tep.dvcbak', passphrase: 'x' }) },
  'consent.get': { allow: OWNER_AND_OFFICE, input: () => ({ dossierId: draft.id }) },
  // an outdated notice version: the allowed roles meet CONSENT_NOTICE_CHANGED, nothing is recorded
  'consent.record': {
    allow: OWNER_AND_OFFICE,
    input: () => ({ dossierId: draft.id, procedure: true, reuse: true, method: 'read_aloud', noticeVersion: 'cu' }),
  },
  // the draft has no re-use consent: the allowed roles meet CONSENT_NOT_GIVEN
  'consent.withdraw': { allow: OWNER_AND_OFFICE, input: () => ({ dossierId: draft.id, purpose: 'reuse' }) },
  'retention.get': { allow: OFFICE, input: () => ({}) },
  'retention.update': { allow: ADMIN, input: () => ({}) },
  'retention.preview': { allow: OFFICE, input: () => ({}) },
  'retention.run': { allow: ADMIN, input: () => ({}) },
  'retention.holds': { allow: OFFICE, input: () => ({}) },
  'retention.hold': { allow: OFFICE, input: () => ({ localCode: review2.localCode, reason: 'Giữ để đối chiếu khiếu nại' }) },
  'retention.release': { allow: OFFICE, input: () => ({ dossierId: review2.id, reason: 'Đã xong đối chiếu' }) },
  'accessLog.list': { allow: OFFICE, input: () => ({}) },
  'accessLog.export': { allow: OFFICE, input: () => ({ format: 'csv' }) },
  'accessLog.verify': { allow: OFFICE, input: () => ({}) },
  // no dossier of this number: the allowed roles meet CITIZEN_NOT_FOUND / ERASE_CONFIRM_MISMATCH
  'citizen.find': { allow: OFFICE, input: () => ({ idNumber: '001099000001' }) },
  'citizen.export': { allow: OFFICE, input: () => ({ idNumber: '001099000001' }) },
  'citizen.erase': { allow: OFFICE, input: () => ({ idNumber: '001099000001', confirm: '001099000002', reason: 'Người dân yêu cầu' }) },
  'pages.setKind': { allow: OWNER_AND_OFFICE, input: () => ({ pageId: keptPage, kind: 'document' }) },
};

let jpeg: Uint8Array;
const passwords: Record<Who, [string, string]> = {
  agent: ['nv.lan', 'tiepnhan01'],
  agent2: ['nv.hung', 'tiepnhan02'],
  supervisor: ['ts.mai', 'kiemsoat01'],
  admin: ['admin', 'quantri2026'],
};

beforeAll(async () => {
  h = await startHarness({ ocr: false });
  t = await setupOffice(h);
  jpeg = await tinyJpeg(77);
  await h.call('settings.update', t.admin, { approvalPolicy: 'all' });
  draft = await takeDossier(h, t.agent, { procedureCode: LAND_DATA, draft: true });
  await h.call('dossiers.saveDraft', t.agent, { id: draft.id, applicant: { fullName: 'Chưa Đủ Thông Tin' } });
  for (const who of EVERYONE) {
    const added = await h.call<{ pages: Page[] }>('pages.add', t.agent, {
      dossierId: draft.id,
      componentId: draft.components[0]?.id,
      fileName: `${who}.jpg`,
      bytes: await tinyJpeg(EVERYONE.indexOf(who)),
    });
    pageOf[who] = added.pages[0]?.id;
  }
  keptPage =
    (
      await h.call<{ pages: Page[] }>('pages.add', t.agent, {
        dossierId: draft.id,
        componentId: draft.components[0]?.id,
        fileName: 'giu.jpg',
        bytes: await tinyJpeg(99),
      })
    ).pages[0]?.id ?? '';
  review = await takeDossier(h, t.agent, { procedureCode: LAND_DATA });
  review2 = await takeDossier(h, t.agent, { procedureCode: LAND_DATA });
  // a supplement request the portal sent for the agent's dossier
  supplementId = Number(
    h.core.db.$client
      .prepare(
        `INSERT INTO portal_requests (dossier_id, portal_code, feed_seq, documents, note, at) VALUES (?, 'P-1', 1, '["Tờ khai"]', 'Bổ sung', 1)`,
      )
      .run(review.id).lastInsertRowid,
  );
  userId =
    (await h.call<{ id: string; username: string }[]>('users.list', t.admin, {})).find(
      (u) => u.username === 'nv.hung',
    )?.id ?? '';
});
afterAll(async () => h.close());

describe('every contract call, as every role', () => {
  it('has a rule for each call (a new call must be classified here)', () => {
    expect(callNames.filter((n) => !(n in rules))).toEqual([]);
  });

  for (const name of callNames) {
    it(name, async () => {
      const rule = rules[name];
      // refused roles first: a refusal must change nothing the allowed roles then rely on
      const order: Who[] = [
        ...EVERYONE.filter((w) => !rule.allow.includes(w)),
        ...EVERYONE.filter((w) => rule.allow.includes(w)),
      ];
      for (const who of order) {
        const token = rule.freshSession
          ? (
              await h.call<{ token: string }>('auth.login', null, {
                username: passwords[who][0],
                password: passwords[who][1],
              })
            ).token
          : t[who];
        const r = await h.core.router.dispatch(name, token, rule.input(who));
        const code = r.ok ? 'OK' : r.error.code;
        if (rule.allow.includes(who)) expect(REFUSED, `${name} as ${who}: ${code}`).not.toContain(code);
        else expect(REFUSED, `${name} as ${who}: ${code}`).toContain(code);
      }
      if (contract[name].access === 'user') {
        const anon = await h.core.router.dispatch(name, null, rule.input('agent'));
        expect(anon.ok ? 'OK' : anon.error.code, `${name} without a session`).toBe('UNAUTHENTICATED');
      }
    });
  }
});

describe('lists an agent may call show only their own work', () => {
  it('dossiers, drill-downs, chasing and returned lists', async () => {
    const mine = await h.call<{ items: DossierListItem[] }>('dossiers.list', t.agent2, {});
    expect(mine.items.every((i) => i.createdByName === 'Phạm Văn Hùng')).toBe(true);
    const drill = await h.call<{ items: DossierListItem[]; total: number }>('reports.drill', t.agent2, {
      bucket: 'day.taken',
      agentId: draft.createdBy.id,
    });
    expect(drill.items.every((i) => i.createdByName === 'Phạm Văn Hùng')).toBe(true);
    const office = await h.call<{ total: number }>('reports.drill', t.supervisor, {
      bucket: 'day.taken',
      agentId: draft.createdBy.id,
    });
    expect(office.total).toBeGreaterThan(drill.total);
    expect(
      (await h.call<{ total: number }>('review.returned', t.agent2, { agentId: draft.createdBy.id })).total,
    ).toBe(0);
    expect((await h.call<{ total: number }>('review.returned', t.agent, {})).total).toBe(1);
  });
});
