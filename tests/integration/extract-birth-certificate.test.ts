// Giấy chứng sinh fields read off generated pages by the app's OCR (real tesseract, preprocessing on), and bench:fields --pages.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { readBirthCertificate } from '../../electron/core/extract';
import { createOcrEngine } from '../../electron/core/ocr/tesseract-engine';
import { resolveTessdataDir } from '../../electron/core/ocr/tessdata';
import type { OcrEngine } from '../../electron/core/ocr/ocr-engine';
import { makeBirthCertificate, type CapturedBirthCertificate } from '../support/make-birth-certificate';

const root = join(import.meta.dirname, '..', '..');
// seed 3001: outside the tuning seeds (1-40) and the bench's reported ones (1001+); the first seed tried for this test
const SEED = 3001;

let dir = '';
let engine: OcrEngine;
let clean: CapturedBirthCertificate;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'extract-gcs-'));
  engine = createOcrEngine({ langPath: resolveTessdataDir(), workers: 1, preprocess: true });
  clean = await makeBirthCertificate(SEED, 'clean');
});

afterAll(async () => {
  await engine.terminate();
  rmSync(dir, { recursive: true, force: true });
});

const asRecord = (fields: { field: string; value: string }[]) =>
  Object.fromEntries(fields.map((f) => [f.field, f.value]));

describe('readBirthCertificate', () => {
  it('fills the six fields of a clean scan exactly, each with a confidence and the words it was read from', async () => {
    const { fields, ocr } = await readBirthCertificate(engine, clean.bytes);
    expect(asRecord(fields)).toMatchObject(clean.truth);
    expect(asRecord(fields).timeOfBirth).toBe(clean.timeOfBirth);
    const { width = 0, height = 0 } = await sharp(clean.bytes).metadata();
    for (const f of fields) {
      expect(f.confidence).toBeGreaterThan(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
      expect(f.evidence.words.length).toBeGreaterThan(0);
      // from the page's OCR or from a second look at the value's line: either way boxes on the page, where the value is
      for (const w of f.evidence.words) {
        expect(w.bbox.x0).toBeGreaterThanOrEqual(0);
        expect(w.bbox.x1).toBeLessThanOrEqual(width);
        expect(w.bbox.y1).toBeLessThanOrEqual(height);
      }
    }
    // the child's name sits on the line of its label ("Dự định đặt tên con là")
    const label = ocr.words.find((w) => w.text === 'đặt');
    if (!label) throw new Error('the label "Dự định đặt tên con là" was not read');
    const child = fields.find((f) => f.field === 'childFullName');
    const centre = (b: { y0: number; y1: number }) => (b.y0 + b.y1) / 2;
    for (const w of child?.evidence.words ?? []) expect(Math.abs(centre(w.bbox) - centre(label.bbox))).toBeLessThan(40);
  });

  it('reads a phone photo of a page on a desk: most fields right, and none wrong without a flag', async () => {
    const photo = await makeBirthCertificate(SEED, 'phone');
    const { fields } = await readBirthCertificate(engine, photo.bytes);
    const outcomes = Object.entries(photo.truth).map(([key, want]) => {
      const got = fields.find((f) => f.field === key);
      return got?.value === want
        ? 'right'
        : got?.lowConfidence
          ? 'flagged'
          : `wrong ${key}: ${got?.value ?? 'missing'}`;
    });
    expect(outcomes.filter((o) => o === 'right').length).toBeGreaterThanOrEqual(5);
    expect(outcomes.filter((o) => o.startsWith('wrong'))).toEqual([]);
  });
});

describe('npm run bench:fields -- --pages DIR', () => {
  it('measures a folder of images against NAME.fields.json, and says which files it skipped and why', () => {
    writeFileSync(join(dir, 'gcs-a.jpg'), clean.bytes);
    // one value of the truth changed on purpose: the bench must count it as missed
    writeFileSync(
      join(dir, 'gcs-a.fields.json'),
      JSON.stringify({ ...clean.truth, motherIdNumber: '001190000000' }),
    );
    writeFileSync(join(dir, 'no-truth.jpg'), clean.bytes);
    writeFileSync(join(dir, 'bad-keys.jpg'), clean.bytes);
    writeFileSync(join(dir, 'bad-keys.fields.json'), JSON.stringify({ ...clean.truth, childName: 'x' }));
    const run = spawnSync(
      join(root, 'node_modules', '.bin', 'tsx'),
      ['scripts/bench/fields.ts', '--pages', dir, '--workers', '1'],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, BENCH_FIELDS_NO_REEXEC: '1' },
      },
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('skipped no-truth.jpg: no no-truth.fields.json');
    expect(run.stderr).toContain('skipped bad-keys.fields.json: unknown keys childName');
    const out = run.stdout;
    expect(out).toContain(`gcs-a.jpg motherIdNumber: WRONG "${clean.truth.motherIdNumber}"`);
    const row = out.split('\n').find((line) => line.startsWith(dir.split('/').pop() ?? '?')) ?? '';
    // pages, then the six fields in the fixed order, then all fields
    expect(row.split(/\s{2,}/).slice(1, 9)).toEqual([
      '1',
      '100.0%',
      '100.0%',
      '100.0%',
      '100.0%',
      '100.0%',
      '0.0%',
      '83.3%',
    ]);
  });
});
