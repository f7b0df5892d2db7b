// Core through the contract: first-run set-up, accounts and lockout, roles, intake, bad input, ready, receipt, queue.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail, DossierListItem, Page } from '../../electron/common/contract';
import type { ProcedureSummary } from '../../electron/common/catalog';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { giveConsent } from '../support/consent';

let h: Harness;
let tokens: Awaited<ReturnType<typeof setupOffice>>;

const applicant = {
  fullName: 'Nguyễn Thị Hoà',
  idNumber: '001160012345',
  dateOfBirth: '1960-05-12',
  sex: 'female',
  address: 'Số 5 ngõ 12 phố Đội Cấn, phường Ba Đình, Hà Nội',
  phone: '0912 345 678',
  relationship: 'bản thân',
};

/** a small page with dark "lines of text" (a white page is skipped by the quality gate as blank, never OCRed) */
async function jpeg(seed: number): Promise<Uint8Array> {
  const raw = Buffer.alloc(200 * 280 * 3, 255);
  for (let y = 30; y < 250; y += 14) {
    for (let dy = 0; dy < 5; dy++) {
      for (let x = 20; x < 180; x++) {
        if ((x + seed * 7 + y) % 23 < 17) raw.fill(30, ((y + dy) * 200 + x) * 3, ((y + dy) * 200 + x) * 3 + 3);
      }
    }
  }
  raw.writeUInt32LE(seed, 0);
  return new Uint8Array(await sharp(raw, { raw: { width: 200, height: 280, channels: 3 } }).jpeg().toBuffer());
}

function blobFileCount(dir: string): number {
  let n = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/^[0-9a-f]{64}$/.test(e.name)) n++;
    }
  };
  try {
    walk(dir);
  } catch {
    return 0;
  }
  return n;
}

beforeAll(async () => {
  h = await startHarness();
  tokens = await setupOffice(h);
});
afterAll(async () => h.close());

describe('first run and accounts', () => {
  it('is set up once; a second set-up is refused', async () => {
    const info = await h.call<{ setupRequired: boolean; office: { code: string } }>('app.info', null);
    expect(info.setupRequired).toBe(false);
    expect(info.office.code).toBe('DL001');
    const err = await h.fail('setup.complete', null, {
      office: { code: 'X', name: 'X', address: 'X' },
      admin: { username: 'other', fullName: 'Người khác', password: 'matkhau999' },
    });
    expect(err.code).toBe('SETUP_DONE');
  });

  it('locks an account for 15 minutes after 5 wrong passwords', async () => {
    await h.call('users.create', tokens.admin, { username: 'nv.khoa', fullName: 'Vũ Đăng Khoa', role: 'agent', password: 'dungmatkhau1' });
    for (let i = 0; i < 4; i++) expect((await h.fail('auth.login', null, { username: 'nv.khoa', password: 'sai-mat-khau1' })).code).toBe('BAD_CREDENTIALS');
    const fifth = await h.fail('auth.login', null, { username: 'nv.khoa', password: 'sai-mat-khau1' });
    expect(fifth.code).toBe('ACCOUNT_LOCKED');
    expect(fifth.message).toMatch(/15 phút/);
    expect((await h.fail('auth.login', null, { username: 'nv.khoa', password: 'dungmatkhau1' })).code).toBe('ACCOUNT_LOCKED');
    h.clock.advance(16 * 60_000);
    const ok = await h.call<{ token: string }>('auth.login', null, { username: 'nv.khoa', password: 'dungmatkhau1' });
    expect(ok.token).toBeTruthy();
    // the other sessions were idle while the clock jumped: log them in again
    tokens = { ...tokens, ...(await relogin()) };
  });

  it('ends a session idle past the timeout', async () => {
    const s = await h.call<{ token: string }>('auth.login', null, { username: 'nv.lan', password: 'tiepnhan01' });
    h.clock.advance(16 * 60_000);
    const err = await h.fail('dossiers.list', s.token, {});
    expect(err.code).toBe('UNAUTHENTICATED');
    tokens = { ...tokens, ...(await relogin()) };
  });

  it('refuses in core what an agent may not do', async () => {
    for (const [name, input] of [
      ['users.create', { username: 'hacker', fullName: 'Ai Đó', role: 'admin', password: 'matkhau123' }],
      ['users.list', {}],
      ['settings.update', { idleTimeoutMinutes: 240 }],
      ['catalog.import', { fileName: 'x.json', bytes: new Uint8Array([123, 125]) }],
    ] as const) {
      expect((await h.fail(name, tokens.agent, input)).code, name).toBe('FORBIDDEN');
    }
    expect((await h.fail('dossiers.list', null, {})).code).toBe('UNAUTHENTICATED');
    expect((await h.fail('dossiers.list', 'not-a-token', {})).code).toBe('UNAUTHENTICATED');
  });
});

async function relogin() {
  const login = async (username: string, password: string) => (await h.call<{ token: string }>('auth.login', null, { username, password })).token;
  return {
    admin: await login('admin', 'quantri2026'),
    agent: await login('nv.lan', 'tiepnhan01'),
    agent2: await login('nv.hung', 'tiepnhan02'),
    supervisor: await login('ts.mai', 'kiemsoat01'),
  };
}

describe('intake', () => {
  let dossier: DossierDetail;

  it('finds the birth registration without accents and opens a dossier with its checklist', async () => {
    const hits = await h.call<ProcedureSummary[]>('catalog.search', tokens.agent, { query: 'dang ky khai sinh' });
    expect(hits[0]?.code).toBe('1.001193');
    dossier = await h.call<DossierDetail>('dossiers.create', tokens.agent, { procedureCode: '1.001193' });
    expect(dossier.status).toBe('draft');
    expect(dossier.localCode).toMatch(/^DL001-01-261120-\d{4}$/);
    expect(dossier.components.length).toBeGreaterThan(0);
    expect(dossier.history[0]?.toStatus).toBe('draft');
    // the birth certificate belongs to a case (trường hợp): it joins the checklist when the agent picks that case
    expect(dossier.components.map((c) => c.docKey)).not.toContain('giay-chung-sinh');
    const picked = await h.call<{ detail: DossierDetail }>('dossiers.setCase', tokens.agent, {
      id: dossier.id,
      caseKey: 'co-giay-chung-sinh',
      version: dossier.version,
    });
    dossier = picked.detail;
    expect(dossier.components.map((c) => c.docKey)).toContain('giay-chung-sinh');
  });

  it('autosaves a partial applicant and reports what is still missing', async () => {
    const r = await h.call<{ applicantProblems: Record<string, string> }>('dossiers.saveDraft', tokens.agent, {
      id: dossier.id,
      applicant: { fullName: 'Nguyễn Thị Hoà' },
    });
    expect(Object.keys(r.applicantProblems)).toContain('idNumber');
    const wrong = await h.call<{ applicantProblems: Record<string, string> }>('dossiers.saveDraft', tokens.agent, {
      id: dossier.id,
      applicant: { ...applicant, idNumber: '001060012345' }, // century/sex digit says male, applicant is female
    });
    expect(wrong.applicantProblems.idNumber).toBeTruthy();
    const done = await h.call<{ applicantProblems: Record<string, string> }>('dossiers.saveDraft', tokens.agent, { id: dossier.id, applicant });
    expect(done.applicantProblems).toEqual({});
  });

  it('refuses bad files with a Vietnamese message and changes nothing', async () => {
    const comp = dossier.components[0];
    if (!comp) throw new Error('no component');
    const before = await h.call<DossierDetail>('dossiers.get', tokens.agent, { id: dossier.id });
    const blobsBefore = blobFileCount(join(h.dataDir, 'blobs'));
    const good = await jpeg(1);
    const cases: [string, Uint8Array, string][] = [
      ['trong.jpg', new Uint8Array(), 'FILE_EMPTY'],
      ['hong.jpg', good.subarray(0, Math.floor(good.length / 2)), 'FILE_CORRUPT'],
      ['van-ban.pdf', new TextEncoder().encode('đây không phải PDF'), 'FILE_TYPE_MISMATCH'],
      ['ghi-chu.txt', new TextEncoder().encode('ghi chú'), 'FILE_UNSUPPORTED'],
      ['../../etc/passwd.jpg', good, 'BAD_FILE_NAME'],
    ];
    for (const [fileName, bytes, code] of cases) {
      const err = await h.fail('pages.add', tokens.agent, { dossierId: dossier.id, componentId: comp.id, fileName, bytes });
      expect(err.code, fileName).toBe(code);
      expect(err.message.normalize('NFC')).toBe(err.message);
      expect(err.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    }
    const after = await h.call<DossierDetail>('dossiers.get', tokens.agent, { id: dossier.id });
    expect(after.components.flatMap((c) => c.pages)).toEqual(before.components.flatMap((c) => c.pages));
    expect(blobFileCount(join(h.dataDir, 'blobs'))).toBe(blobsBefore);
  });

  it('adds, rotates, reorders and removes pages; OCR fills in', async () => {
    const comp = dossier.components[0];
    if (!comp) throw new Error('no component');
    const added: Page[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await h.call<{ pages: Page[] }>('pages.add', tokens.agent, { dossierId: dossier.id, componentId: comp.id, fileName: `trang-${i + 1}.jpg`, bytes: await jpeg(100 + i) });
      added.push(...r.pages);
    }
    expect(added.map((p) => p.ord)).toEqual([0, 1, 2]);
    const rotated = await h.call<Page>('pages.rotate', tokens.agent, { pageId: added[0]?.id, clockwise: true });
    expect(rotated.rotation).toBe(90);
    await h.call('pages.move', tokens.agent, { pageId: added[2]?.id, toIndex: 0 });
    await h.call('pages.remove', tokens.agent, { pageId: added[1]?.id });
    const thumb = await h.call<{ mime: string; bytes: Uint8Array }>('pages.image', tokens.agent, { pageId: added[0]?.id, variant: 'thumb' });
    expect(thumb.mime).toBe('image/jpeg');
    const meta = await sharp(thumb.bytes).metadata();
    expect(meta.width ?? 0).toBeGreaterThan(meta.height ?? 0); // rotated 90°: the portrait page is now landscape
    // OCR runs in the background queue: wait until every remaining page says done (or 30 s pass), not a fixed time
    const ocrDone = (p: Page) => p.ocrStatus === 'done';
    let d = await h.call<DossierDetail>('dossiers.get', tokens.agent, { id: dossier.id });
    for (const end = Date.now() + 30_000; !(d.components[0]?.pages ?? []).every(ocrDone) && Date.now() < end; ) {
      await new Promise((r) => setTimeout(r, 50));
      d = await h.call<DossierDetail>('dossiers.get', tokens.agent, { id: dossier.id });
    }
    const pages = d.components[0]?.pages ?? [];
    expect(pages.map((p) => p.id)).toEqual([added[2]?.id, added[0]?.id]);
    expect(pages.every((p) => p.ocrStatus === 'done' && (p.ocrText ?? '').startsWith('Trang giả lập'))).toBe(true);
  });

  it('will not mark ready with a required component missing unless a reason is written', async () => {
    const d = await h.call<DossierDetail>('dossiers.get', tokens.agent, { id: dossier.id });
    if (d.missingRequired.length > 0) {
      const err = await h.fail('dossiers.markReady', tokens.agent, { id: dossier.id });
      expect(err.code).toBe('MISSING_COMPONENTS');
      for (const c of d.components.filter((c) => c.required && c.pages.length === 0)) {
        await h.call('pages.add', tokens.agent, { dossierId: dossier.id, componentId: c.id, fileName: 'bo-sung.jpg', bytes: await jpeg(900 + c.id) });
      }
    }
    // birth registration is settled within 1 working day (curated profile): Friday 20/11 -> Monday 23/11
    expect(d.suggestedDueDate).toBe('2026-11-23');
    expect((await h.fail('dossiers.markReady', tokens.agent, { id: dossier.id, dueDate: '2026-11-19' })).code).toBe('DUE_DATE_INVALID');
    await giveConsent(h, tokens.agent, dossier.id);
    const ready = await h.call<DossierDetail>('dossiers.markReady', tokens.agent, { id: dossier.id });
    expect(ready.status).toBe('ready');
    expect(ready.dueDate).toBe('2026-11-23');
    expect((await h.fail('dossiers.saveDraft', tokens.agent, { id: dossier.id, applicant })).code).toBe('INVALID_STATE');
  });

  it('asks for the appointment date when the catalog’s deadline cannot be counted', async () => {
    // 3.000182 (tuyển sinh THCS): the national record's deadline reads "1 (đơn vị khác)"
    const other = await h.call<DossierDetail>('dossiers.create', tokens.agent, { procedureCode: '3.000182' });
    await h.call('dossiers.saveDraft', tokens.agent, { id: other.id, applicant });
    for (const c of other.components.filter((c) => c.required && c.kind === 'submit')) {
      await h.call('pages.add', tokens.agent, { dossierId: other.id, componentId: c.id, fileName: 'giay-to.jpg', bytes: await jpeg(700 + c.id) });
    }
    expect(other.suggestedDueDate).toBeNull();
    const noDate = await h.fail('dossiers.markReady', tokens.agent, { id: other.id });
    expect(noDate.code).toBe('DUE_DATE_REQUIRED');
    expect(noDate.message).toContain(other.modes.find((m) => m.mode === other.mode)?.deadlineText);
    await giveConsent(h, tokens.agent, other.id);
    const ready = await h.call<DossierDetail>('dossiers.markReady', tokens.agent, { id: other.id, dueDate: '2026-11-30' });
    expect(ready.dueDate).toBe('2026-11-30');
  });

  it('gives a receipt PDF and component PDFs', async () => {
    const r = await h.call<{ fileName: string; bytes: Uint8Array }>('documents.receipt', tokens.agent, { dossierId: dossier.id });
    expect(Buffer.from(r.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(r.fileName).toContain(dossier.localCode);
    const comp = dossier.components[0];
    const pdf = await h.call<{ bytes: Uint8Array }>('documents.componentPdf', tokens.agent, { dossierId: dossier.id, componentId: comp?.id });
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
  });

  it('lists it by accentless name, ID number and code; other agents do not see it', async () => {
    for (const text of ['nguyen thi hoa', '001160012345', dossier.localCode.toLowerCase()]) {
      const list = await h.call<{ items: DossierListItem[] }>('dossiers.list', tokens.agent, { text });
      expect(list.items.map((i) => i.id), text).toContain(dossier.id);
    }
    const mine = await h.call<{ items: DossierListItem[] }>('dossiers.list', tokens.agent, { status: 'ready' });
    expect(mine.items[0]?.applicantName).toBe('Nguyễn Thị Hoà');
    const other = await h.call<{ items: DossierListItem[] }>('dossiers.list', tokens.agent2, {});
    expect(other.items.map((i) => i.id)).not.toContain(dossier.id);
    expect((await h.fail('dossiers.get', tokens.agent2, { id: dossier.id })).code).toBe('NOT_FOUND');
    const all = await h.call<{ items: DossierListItem[] }>('dossiers.list', tokens.supervisor, { text: 'hoa' });
    expect(all.items.map((i) => i.id)).toContain(dossier.id);
  });
});
