// Canary test: a full office day for a canary citizen leaves no trace of them in plaintext in the data folder, the temp
// folder the app used or the logs; also on a data folder first written by the plaintext versions and then upgraded.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  canaries,
  canaryNeedles,
  filesUnder,
  plaintextSignatures,
  searchFiles,
  type Canary,
  type Needle,
} from '../support/canary';
import { canaryPage, runCanaryFlow, type CanaryDirs, type CanaryOutcome } from '../support/canary-flow';
import { makeLegacyCanaryFolder } from '../support/legacy-data';

const roots: string[] = [];
/**
 * A flow starts an app (catalog import), runs real OCR and a sync: ~1 CPU-minute. On a shared 2-core machine under
 * heavy load its wall time has reached several minutes, so the default 180 s would cut it off mid-run.
 */
const FLOW_TIMEOUT_MS = 600_000;
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function dirsFor(name: string): CanaryDirs {
  const root = mkdtempSync(join(tmpdir(), `dvc-canary-${name}-`));
  roots.push(root);
  const dirs = { dataDir: join(root, 'data'), tmpDir: join(root, 'tmp'), logDir: join(root, 'logs'), portalDir: join(root, 'portal') };
  for (const d of [dirs.tmpDir, dirs.logDir, dirs.portalDir]) mkdirSync(d, { recursive: true });
  return dirs;
}

/** A 48-byte slice from the middle of a file's bytes: no other file holds it unless it holds that file. */
const middle = (label: string, bytes: Uint8Array): Needle => {
  const at = Math.floor(bytes.length / 2);
  return { label, bytes: Buffer.from(bytes.subarray(at, at + 48)) };
};

function needlesFor(c: Canary, o: CanaryOutcome, extraOcr: string[] = []): Needle[] {
  const ocrLines = [o.ocrText, ...extraOcr].flatMap((t) => t.split('\n')).map((l) => l.trim()).filter((l) => l.length >= 8);
  return [
    ...canaryNeedles(c, Object.fromEntries(ocrLines.map((l, i) => [`OCR line ${String(i + 1)}`, l]))),
    ...plaintextSignatures,
    middle('page image bytes', o.pageImage),
    middle('thumbnail bytes', o.thumbnail),
    middle('component PDF bytes', o.componentPdf),
    middle('receipt PDF bytes', o.receiptPdf),
    { label: 'print page (base64 of the receipt image)', bytes: Buffer.from(o.printHtml.slice(Math.floor(o.printHtml.length / 2), Math.floor(o.printHtml.length / 2) + 64)) },
  ];
}

function expectNoCanary(dirs: CanaryDirs, needles: Needle[], o: CanaryOutcome): void {
  const result = searchFiles([dirs.dataDir, dirs.tmpDir, dirs.logDir], needles);
  expect(result.findings).toEqual([]);
  // the search looked at something: the database, its blobs, the log
  expect(filesUnder(dirs.dataDir).some((f) => f.endsWith('dai-ly-dvc.sqlite'))).toBe(true);
  expect(filesUnder(join(dirs.dataDir, 'blobs')).length).toBeGreaterThanOrEqual(2);
  expect(filesUnder(dirs.logDir).length).toBe(1);
  console.log(
    `canary search: ${String(needles.length)} needles in ${String(result.files)} files (${(result.bytes / 1e6).toFixed(1)} MB), none found; ` +
      `steps (ms): ${o.steps.map(([k, v]) => `${k} ${String(v)}`).join(', ')}`,
  );
}

/**
 * The same search, with the same needles over the same folders, does find what a leak would leave: the page as a
 * plaintext blob, the receipt in the temp folder, the name in the log (UTF-16BE, NFD), the OCR text in a stray file.
 */
function expectPlantedLeaksFound(dirs: CanaryDirs, needles: Needle[], c: Canary, o: CanaryOutcome): void {
  const planted = [
    join(dirs.dataDir, 'blobs', 'ab', 'cd', 'planted-plaintext-page'),
    join(dirs.tmpDir, 'planted-receipt.pdf'),
    join(dirs.logDir, 'planted.log'),
    join(dirs.dataDir, 'planted-ocr.txt'),
  ];
  mkdirSync(join(dirs.dataDir, 'blobs', 'ab', 'cd'), { recursive: true });
  writeFileSync(planted[0] as string, o.pageImage);
  writeFileSync(planted[1] as string, o.receiptPdf);
  writeFileSync(planted[2] as string, Buffer.from(`x ${c.fullName.normalize('NFD')} y`, 'utf16le').swap16());
  writeFileSync(planted[3] as string, `...${o.ocrText.split('\n').find((l) => l.trim().length >= 8)?.trim() ?? ''}...`);
  try {
    const found = searchFiles([dirs.dataDir, dirs.tmpDir, dirs.logDir], needles).findings;
    const where = (file: string) => found.filter((f) => planted.some((p) => p.endsWith(f.file))).filter((f) => f.file.endsWith(file)).map((f) => f.needle);
    expect(where('planted-plaintext-page')).toContain('page image bytes');
    // the scan is a JPEG with an EXIF block (sharp's output), which the signatures catch on their own
    expect(where('planted-plaintext-page').some((n) => n === 'EXIF' || n === 'JPEG (JFIF)')).toBe(true);
    expect(where('planted-receipt.pdf')).toEqual(expect.arrayContaining(['receipt PDF bytes', 'PDF']));
    expect(where('planted.log')).toContain('name (NFD UTF-16BE)'); // (the OCR line that reads the name too)
    expect(where('planted-ocr.txt').some((n) => n.startsWith('OCR line'))).toBe(true);
    // and nothing but the planted files
    expect(found.filter((f) => !planted.some((p) => p.endsWith(f.file)))).toEqual([]);
  } finally {
    for (const f of planted) rmSync(f, { force: true });
  }
}

describe('the canary search itself', () => {
  it('finds a canary in each encoding it looks for, and a plaintext image', () => {
    const dirs = dirsFor('control');
    const c = canaries[0] as Canary;
    const needles = canaryNeedles(c);
    writeFileSync(join(dirs.tmpDir, 'utf16be.bin'), Buffer.concat([Buffer.from([1, 2, 3]), Buffer.from(c.fullName.normalize('NFD'), 'utf16le').swap16()]));
    writeFileSync(join(dirs.tmpDir, 'folded.txt'), 'xx khong thi thuy mien yy');
    writeFileSync(join(dirs.logDir, 'page.jpg'), Buffer.from('\xff\xd8\xff\xe0\x00\x10JFIF\x00', 'latin1'));
    const found = searchFiles([dirs.tmpDir, dirs.logDir], [...needles, ...plaintextSignatures]).findings.map((f) => f.needle);
    expect(found).toEqual(expect.arrayContaining(['name (NFD UTF-16BE)', 'name (folded) (NFC UTF-8)', 'JPEG (JFIF)']));
  });
});

describe('no canary on disk after a day at the counter', () => {
  it('a new office', async () => {
    const dirs = dirsFor('new');
    const c = canaries[1] as Canary;
    const o = await runCanaryFlow(c, dirs);
    // the canary really went through every step
    expect(o.ocrText).toContain(c.pageWord);
    expect(o.portalCode).not.toBe('');
    expect(o.reusedPages).toBeGreaterThanOrEqual(1);
    expect(o.printHtml).toContain('data:image/png;base64,');
    expect(o.upgraded).toBe(false);
    const needles = needlesFor(c, o);
    expectNoCanary(dirs, needles, o);
    expectPlantedLeaksFound(dirs, needles, c, o);
  }, FLOW_TIMEOUT_MS);

  it('an office whose data was written in plaintext by an earlier version, upgraded in place', async () => {
    const dirs = dirsFor('upgraded');
    const c = canaries[0] as Canary;
    const legacyPage = await canaryPage(c, 'Bản quét lần nộp trước');
    const legacyOcr = `${c.pageWord}\n${c.fullName}\n${c.idNumber}`;
    const legacy = await makeLegacyCanaryFolder(dirs.dataDir, c, legacyPage, legacyOcr);
    // before: the canary is there for anyone to read (in the WAL the crash left, and as a JPEG)
    const before = searchFiles([dirs.dataDir], canaryNeedles(c)).findings;
    expect(before.some((f) => f.file.endsWith('-wal') && f.needle.startsWith('name'))).toBe(true);
    expect(searchFiles([dirs.dataDir], [middle('legacy page', legacyPage)]).findings).toHaveLength(1);

    const o = await runCanaryFlow(c, dirs, { earlierPageId: legacy.pageId });
    expect(o.upgraded).toBe(true);
    expect(o.ocrText).toContain(c.pageWord);
    expect(o.portalCode).not.toBe('');
    expect(o.reusedPages).toBeGreaterThanOrEqual(1);
    // the earlier version's scan, sealed by the upgrade, still opens byte for byte (it is not offered for re-use: the
    // versions before consent recorded none)
    expect(Buffer.from(o.earlierImage ?? []).equals(Buffer.from(legacyPage))).toBe(true);
    expectNoCanary(dirs, [...needlesFor(c, o, [legacyOcr]), middle('legacy page image bytes', legacyPage)], o);
  }, FLOW_TIMEOUT_MS);
});
