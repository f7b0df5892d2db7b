// Office identity: two PCs of one office, numbered at set-up, never print the same dossier code (DESIGN §11).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail, Settings } from '../../electron/common/contract';
import { adminLogin, office, startHarness, testClock, type Harness } from '../support/core-harness';
import { LAND_DATA, takeDossier } from '../support/review-fixtures';

const work = mkdtempSync(join(tmpdir(), 'dvc-counter-codes-'));
// both PCs start on the same morning (the bug of the issue: both printed DL001-yymmdd-0001)
const morning = Date.parse('2026-12-02T01:30:00Z');
let first: Harness;
let second: Harness;
const tokens: { first: string; second: string } = { first: '', second: '' };

async function setUp(h: Harness, counterNumber?: number): Promise<string> {
  return (await h.call<{ token: string }>('setup.complete', null, { office, admin: adminLogin, ...(counterNumber ? { counterNumber } : {}) })).token;
}

async function receiptText(h: Harness, token: string, dossierId: string): Promise<string> {
  const file = await h.call<{ bytes: Uint8Array }>('documents.receipt', token, { dossierId });
  const path = join(work, `receipt-${dossierId}.pdf`);
  writeFileSync(path, file.bytes);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).normalize('NFC');
}

beforeAll(async () => {
  first = await startHarness({ dataDir: join(work, 'pc-1'), clock: testClock(morning) });
  second = await startHarness({ dataDir: join(work, 'pc-2'), clock: testClock(morning) });
});

afterAll(async () => {
  await first.close();
  await second.close();
  rmSync(work, { recursive: true, force: true });
});

describe('counter number in local dossier codes', () => {
  it('set-up takes the counter number (01 when none is given) and refuses one outside 01..99', async () => {
    expect((await second.fail('setup.complete', null, { office, admin: adminLogin, counterNumber: 0 })).code).toBe('VALIDATION');
    expect((await second.fail('setup.complete', null, { office, admin: adminLogin, counterNumber: 100 })).code).toBe('VALIDATION');
    expect((await second.call<{ setupRequired: boolean }>('app.info', null, {})).setupRequired).toBe(true);
    // the first PC is set up as before (no number given: counter 01); the second one is told it is counter 02
    tokens.first = await setUp(first);
    tokens.second = await setUp(second, 2);
    expect((await first.call<Settings>('settings.get', tokens.first, {})).counterNumber).toBe(1);
  });

  it('two PCs of one office, same morning, same office code: every code differs and names its counter', async () => {
    const codes: Record<'first' | 'second', string[]> = { first: [], second: [] };
    for (let i = 0; i < 3; i++) {
      codes.first.push((await first.call<DossierDetail>('dossiers.create', tokens.first, { procedureCode: LAND_DATA })).localCode);
      codes.second.push((await second.call<DossierDetail>('dossiers.create', tokens.second, { procedureCode: LAND_DATA })).localCode);
    }
    expect(codes.first).toEqual(['DL001-01-261202-0001', 'DL001-01-261202-0002', 'DL001-01-261202-0003']);
    expect(codes.second).toEqual(['DL001-02-261202-0001', 'DL001-02-261202-0002', 'DL001-02-261202-0003']);
    expect(new Set([...codes.first, ...codes.second]).size).toBe(6);
  });

  it('the receipt each PC prints carries its own code', async () => {
    const d1 = await takeDossier(first, tokens.first, { procedureCode: LAND_DATA, dueDate: '2026-12-16' });
    const d2 = await takeDossier(second, tokens.second, { procedureCode: LAND_DATA, dueDate: '2026-12-16' });
    expect(d1.localCode.slice(-4)).toBe(d2.localCode.slice(-4)); // the same sequence number on both PCs
    const [r1, r2] = [await receiptText(first, tokens.first, d1.id), await receiptText(second, tokens.second, d2.id)];
    expect(r1).toContain(d1.localCode);
    expect(r2).toContain(d2.localCode);
    expect(r1).not.toContain(d2.localCode);
  });

  it('the admin can renumber a PC later; codes already printed keep their number, new ones take the new one', async () => {
    const before = (await second.call<DossierDetail>('dossiers.create', tokens.second, { procedureCode: LAND_DATA })).localCode;
    const settings = await second.call<Settings>('settings.get', tokens.second, {});
    expect(settings.counterNumber).toBe(2);
    await second.call('settings.update', tokens.second, { counterNumber: 7 });
    const after = (await second.call<DossierDetail>('dossiers.create', tokens.second, { procedureCode: LAND_DATA })).localCode;
    expect(before).toMatch(/^DL001-02-261202-\d{4}$/);
    expect(after).toMatch(/^DL001-07-261202-\d{4}$/);
    // the day's sequence goes on (never back to 0001), so even a renumbering to a used number cannot repeat a code
    expect(Number(after.slice(-4))).toBe(Number(before.slice(-4)) + 1);
    expect((await second.fail('settings.update', tokens.second, { counterNumber: 100 })).code).toBe('VALIDATION');
  });
});
