// Access log (who looked, chained, tamper-evident, exportable) and a citizen's requests: export everything, erase with what stays.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../electron/common/contract';
import type { AccessItem, CitizenSummary, EraseReport } from '../../electron/common/privacy-contract';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { tamperable } from '../support/log-tamper';
import { advance, BIRTH, relogin, takeDossier, type Tokens } from '../support/review-fixtures';

let h: Harness;
let t: Tokens;
let done: DossierDetail;
let atPortal: DossierDetail;
let theirs: DossierDetail;
const HOUR = 3_600_000;

type Access = { items: AccessItem[]; total: number };
const list = (input: object = {}) => h.call<Access>('accessLog.list', t.supervisor, input);

beforeAll(async () => {
  h = await startHarness({ ocr: false });
  await setupOffice(h);
  t = await relogin(h);
  done = await takeDossier(h, t.agent, { procedureCode: BIRTH });
  const citizen = (await h.call<DossierDetail>('dossiers.get', t.agent, { id: done.id })).applicant;
  advance(h, done.id, ['queued', 'submitting', 'submitted', 'received', 'processing', 'result_ready', 'completed'], h.clock.now());
  // the same citizen's second dossier, now at the portal
  atPortal = await takeDossier(h, t.agent, { procedureCode: BIRTH, draft: true });
  await h.call('dossiers.saveDraft', t.agent, { id: atPortal.id, applicant: citizen });
  await h.call('dossiers.markReady', t.agent, { id: atPortal.id, dueDate: '2026-11-27' });
  advance(h, atPortal.id, ['queued', 'submitting', 'submitted'], h.clock.now());
  theirs = await takeDossier(h, t.agent2, { procedureCode: BIRTH });
  done = await h.call<DossierDetail>('dossiers.get', t.agent, { id: done.id });
});
afterAll(async () => h?.close());

describe('access log', () => {
  it("logs the agent's views: full images every time, thumbnails once per page per hour, PDFs, searches by ID number", async () => {
    const page = done.components.flatMap((c) => c.pages)[0];
    const comp = done.components.find((c) => c.pages.length > 0);
    await h.call('pages.image', t.agent, { pageId: page?.id, variant: 'thumb' });
    await h.call('pages.image', t.agent, { pageId: page?.id, variant: 'thumb' });
    await h.call('pages.image', t.agent, { pageId: page?.id, variant: 'full' });
    await h.call('documents.receipt', t.agent, { dossierId: done.id });
    await h.call('documents.componentPdf', t.agent, { dossierId: done.id, componentId: comp?.id });
    await h.call('dossiers.list', t.agent, { text: done.applicant.idNumber });
    h.clock.advance(HOUR + 1);
    t = await relogin(h);
    await h.call('pages.image', t.agent, { pageId: page?.id, variant: 'thumb' });
    const mine = await list({ idNumber: done.applicant.idNumber });
    expect(mine.items.map((i) => i.action).reverse()).toEqual([
      'page.thumb',
      'page.full',
      'pdf.receipt',
      'pdf.component',
      'search.id_number',
      'page.thumb',
    ]);
    expect(mine.items.every((i) => i.actorName === 'Lê Thị Lan')).toBe(true);
    expect(mine.items[0]).toMatchObject({ localCode: done.localCode, actionLabel: 'Xem ảnh thu nhỏ', target: page?.id });
    // the log holds no ID number in clear
    const raw = JSON.stringify(h.core.db.$client.prepare('SELECT * FROM access_log').all());
    expect(raw).not.toContain(done.applicant.idNumber);
    // by user; agents cannot read it
    const byUser = await list({ actorId: (await h.call<{ id: string; fullName: string }[]>('users.directory', t.agent)).find((u) => u.fullName === 'Phạm Văn Hùng')?.id });
    expect(byUser.items.every((i) => i.actorName === 'Phạm Văn Hùng')).toBe(true);
    expect((await h.fail('accessLog.list', t.agent, {})).code).toBe('FORBIDDEN');
  });

  it('exports as CSV and XLSX (the export itself is logged)', async () => {
    const csv = await h.call<{ fileName: string; bytes: Uint8Array }>('accessLog.export', t.supervisor, { format: 'csv', idNumber: done.applicant.idNumber });
    // a byte-order mark first, so Excel opens the Vietnamese as UTF-8
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(csv.bytes);
    expect(text.split('\r\n')[0]).toBe('Thời gian,Người xem,Hành động,Mã hồ sơ,Đối tượng,Lý do');
    expect(text).toContain(`Lê Thị Lan,Xem ảnh trang,${done.localCode}`);
    const xlsx = await h.call<{ bytes: Uint8Array }>('accessLog.export', t.supervisor, { format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(xlsx.bytes).buffer);
    const ws = wb.getWorksheet('Nhật ký truy cập');
    expect(ws?.getRow(2).getCell(3).value).toBe('Hành động');
    expect(ws?.rowCount).toBeGreaterThan(7);
    expect((await list()).items[0]?.action).toBe('access_log.export');
  });

  it('is hash-chained: the check passes, and an edited or deleted row is found', async () => {
    expect(await h.call('accessLog.verify', t.supervisor)).toMatchObject({ ok: true, brokenAtId: null });
    // the append-only triggers dropped first, as an attacker holding the key could (security-logs tests the triggers)
    const sqlite = tamperable(h.core.db.$client);
    const second = (sqlite.prepare('SELECT id, reason FROM access_log ORDER BY id LIMIT 1 OFFSET 1').get() as { id: number; reason: string | null });
    sqlite.prepare('UPDATE access_log SET reason = ? WHERE id = ?').run('sửa lén', second.id);
    expect(await h.call('accessLog.verify', t.supervisor)).toMatchObject({ ok: false, brokenAtId: second.id });
    sqlite.prepare('UPDATE access_log SET reason = ? WHERE id = ?').run(second.reason, second.id);
    expect(await h.call('accessLog.verify', t.supervisor)).toMatchObject({ ok: true });
    const third = (sqlite.prepare('SELECT * FROM access_log ORDER BY id LIMIT 1 OFFSET 2').get() as Record<string, unknown>);
    sqlite.prepare('DELETE FROM access_log WHERE id = ?').run(third.id);
    expect(await h.call('accessLog.verify', t.supervisor)).toMatchObject({ ok: false, brokenAtId: (third.id as number) + 1 });
    const cols = Object.keys(third);
    sqlite.prepare(`INSERT INTO access_log (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => third[c]));
    expect(await h.call('accessLog.verify', t.supervisor)).toMatchObject({ ok: true });
    // the audit log shares the chain code and still verifies
    expect(await h.call('audit.verify', t.supervisor)).toMatchObject({ ok: true });
  });
});

describe("a citizen's requests", () => {
  it('exports everything held about one ID number: JSON with the pages, and a PDF summary with an embedded font', async () => {
    const id = done.applicant.idNumber ?? '';
    const found = await h.call<CitizenSummary>('citizen.find', t.supervisor, { idNumber: id });
    expect(found.dossiers.map((d) => d.localCode)).toEqual([done.localCode, atPortal.localCode]);
    const out = await h.call<{ json: { bytes: Uint8Array }; pdf: { bytes: Uint8Array } }>('citizen.export', t.supervisor, { idNumber: id });
    const json = JSON.parse(new TextDecoder().decode(out.json.bytes)) as {
      controller: { name: string };
      dossiers: { localCode: string; applicant: { fullName: string }; consents: unknown[]; history: unknown[]; pages: { imageBase64: string | null }[] }[];
      accessLog: { action: string }[];
      keptAfterErasure: string[];
    };
    expect(json.controller.name).toBe('Bưu điện văn hoá xã Thử Nghiệm');
    expect(json.dossiers.map((d) => d.localCode)).toEqual([done.localCode, atPortal.localCode]);
    expect(json.dossiers[0]?.applicant.fullName).toBe(done.applicant.fullName);
    expect(json.dossiers[0]?.consents.length).toBe(1);
    expect(json.dossiers[0]?.pages.every((p) => (p.imageBase64 ?? '').length > 100)).toBe(true);
    expect(json.accessLog.map((a) => a.action)).toContain('Xem ảnh trang');
    expect(json.keptAfterErasure.length).toBeGreaterThan(2);
    const dir = mkdtempSync(join(tmpdir(), 'dvc-citizen-'));
    try {
      writeFileSync(join(dir, 'x.pdf'), out.pdf.bytes);
      const text = execFileSync('pdftotext', [join(dir, 'x.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('DỮ LIỆU CÁ NHÂN ĐẠI LÝ ĐANG LƯU');
      expect(text).toContain(done.localCode);
      expect(execFileSync('pdffonts', [join(dir, 'x.pdf')], { encoding: 'utf8' })).toMatch(/NotoSans.*yes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const logged = await list({ idNumber: id });
    expect(logged.items.slice(0, 2).map((i) => i.action)).toEqual(['citizen.export', 'citizen.find']);
  });

  it('erases on request after a typed confirmation, keeps the skeleton and what the portal holds, and explains it', async () => {
    const id = done.applicant.idNumber ?? '';
    expect((await h.fail('citizen.erase', t.supervisor, { idNumber: id, confirm: '000000000000', reason: 'Người dân yêu cầu tại quầy' })).code).toBe('ERASE_CONFIRM_MISMATCH');
    expect((await h.fail('citizen.erase', t.agent, { idNumber: id, confirm: id, reason: 'Người dân yêu cầu tại quầy' })).code).toBe('FORBIDDEN');
    const shas = h.core.db.$client.prepare('SELECT blob_sha256 AS s FROM pages WHERE dossier_id = ?').all(done.id).map((r) => (r as { s: string }).s);
    const erased = await h.call<EraseReport>('citizen.erase', t.supervisor, { idNumber: id, confirm: id, reason: 'Người dân yêu cầu tại quầy' });
    expect(erased.erased).toEqual([done.localCode]);
    expect(erased.skipped).toEqual([{ localCode: atPortal.localCode, reason: expect.stringContaining('đang được cơ quan giải quyết') as string }]);
    expect(erased.kept.join(' ')).toContain('Luật Kế toán');
    for (const sha of shas) expect(existsSync(join(h.dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha))).toBe(false);
    const after = await h.call<DossierDetail>('dossiers.get', t.supervisor, { id: done.id });
    expect(after.applicant).toEqual({});
    expect(after.localCode).toBe(done.localCode);
    expect(after.feeVnd).toBe(done.feeVnd);
    expect(after.history.map((e) => e.toStatus)).toContain('completed');
    expect(after.components.flatMap((c) => c.pages).every((p) => p.purgedAt !== null)).toBe(true);
    // another citizen's dossier is untouched; the audit chain still holds; the erasure is in both logs
    expect((await h.call<DossierDetail>('dossiers.get', t.supervisor, { id: theirs.id })).applicant.fullName).toBeTruthy();
    expect(await h.call('audit.verify', t.supervisor)).toMatchObject({ ok: true });
    expect((await list({ idNumber: id })).items[0]?.action).toBe('citizen.erase');
    const audit = h.core.db.$client.prepare("SELECT details FROM audit_log WHERE action = 'citizen.erase'").get() as { details: string };
    expect(audit.details).not.toContain(id);
    // only the dossier at the portal is left under this number
    expect((await h.call<CitizenSummary>('citizen.find', t.supervisor, { idNumber: id })).dossiers.map((d) => d.localCode)).toEqual([atPortal.localCode]);
  });
});
