// secure_delete: once a page is removed and the applicant overwritten, the old name, ID number, OCR text and file name
// are gone from the database file itself, read page by page with the key as a forensic tool would (free space too).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DossierDetail, Page } from '../../electron/common/contract';
import type { OcrEngine } from '../../electron/core/ocr/ocr-engine';
import { DATABASE_FILE } from '../../electron/core/storage/encryption-upgrade';
import { canaries, type Canary } from '../support/canary';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { makeTextPage } from '../support/make-text-page';
import { dataKeysOf } from '../support/encrypted-data';
import { applicantFor, LAND_DATA } from '../support/review-fixtures';
import { decryptSqlcipherPages } from '../support/sqlcipher-pages';

const c = canaries[0] as Canary;
const OCR_TEXT = `${c.pageWord} GIẤY XÁC NHẬN CƯ TRÚ của ${c.fullName}, số định danh ${c.idNumber}`;
/** the real engine would read the page; a fixed answer keeps this test about the database */
const canaryOcr: OcrEngine = {
  recognize: () => Promise.resolve({ text: OCR_TEXT, confidence: 90, words: [{ text: c.pageWord, confidence: 90, bbox: { x0: 1, y0: 1, x1: 50, y1: 20 } }], durationMs: 1 }),
  terminate: () => Promise.resolve(),
};
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const oldValues = {
  name: c.fullName,
  'ID number': c.idNumber,
  'OCR text': c.pageWord,
  'file name': c.fileName,
  address: c.address,
};

/** Which of the old values the database file holds, decrypted page by page after a checkpoint. */
function oldValuesIn(h: Harness): string[] {
  h.core.db.$client.pragma('wal_checkpoint(TRUNCATE)');
  const pages = decryptSqlcipherPages(join(h.dataDir, DATABASE_FILE), dataKeysOf(h.dataDir).databaseHex);
  return Object.entries(oldValues)
    .filter(([, v]) => pages.includes(Buffer.from(v, 'utf8')))
    .map(([k]) => k);
}

/** A citizen's page is scanned and read, then removed; the applicant is then overwritten with someone else. */
async function removeAndOverwrite(secureDelete: boolean): Promise<{ before: string[]; after: string[]; newName: boolean }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dvc-secure-delete-'));
  dirs.push(dataDir);
  const h = await startHarness({ dataDir, ocr: canaryOcr });
  try {
    // control: the same steps with SQLite's default, to show what the test would catch
    if (!secureDelete) h.core.db.$client.pragma('secure_delete = OFF');
    const { agent } = await setupOffice(h);
    const d = await h.call<DossierDetail>('dossiers.create', agent, { procedureCode: LAND_DATA });
    const applicant = { ...applicantFor(1), fullName: c.fullName, idNumber: c.idNumber, dateOfBirth: c.dateOfBirth, sex: c.sex, address: c.address };
    await h.call('dossiers.saveDraft', agent, { id: d.id, applicant });
    // not blank: a blank page is not sent to OCR
    const scan = await makeTextPage({ lines: ['GIẤY XÁC NHẬN CƯ TRÚ', 'Số 12/XN'], width: 900, height: 360, format: 'jpeg' });
    const [page] = (await h.call<{ pages: Page[] }>('pages.add', agent, { dossierId: d.id, componentId: d.components[0]?.id, fileName: c.fileName, bytes: scan })).pages;
    for (let waited = 0; ; waited += 50) {
      const row = h.core.db.$client.prepare('SELECT ocr_status AS s FROM pages WHERE id = ?').get(page?.id) as { s: string };
      if (row.s === 'done') break;
      if (waited > 10_000) throw new Error('OCR did not finish');
      await new Promise((r) => setTimeout(r, 50));
    }
    const before = oldValuesIn(h);
    await h.call('pages.remove', agent, { pageId: page?.id });
    const other = applicantFor(2);
    await h.call('dossiers.saveDraft', agent, { id: d.id, applicant: other });
    const after = oldValuesIn(h);
    const decrypted = decryptSqlcipherPages(join(h.dataDir, DATABASE_FILE), dataKeysOf(h.dataDir).databaseHex);
    return { before, after, newName: decrypted.includes(Buffer.from(other.fullName, 'utf8')) };
  } finally {
    await h.close();
  }
}

describe('secure_delete', () => {
  it('leaves no trace of the removed page and the overwritten applicant in the database file', async () => {
    const r = await removeAndOverwrite(true);
    expect(r.before).toEqual(Object.keys(oldValues)); // the decryption sees everything before
    expect(r.newName).toBe(true); // and the new applicant after
    expect(r.after).toEqual([]);
  });

  it('(control) without it the old values stay readable in free space', async () => {
    const r = await removeAndOverwrite(false);
    expect(r.after.length).toBeGreaterThan(0);
    console.log(`secure_delete off: still in the file after removal and overwrite: ${r.after.join(', ')}`);
  });
});
