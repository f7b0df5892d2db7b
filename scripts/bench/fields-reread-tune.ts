// Tuning aid (scratch): second-look variants on stored first-pass OCR; writes every candidate per page to JSON.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractBirthCertificate } from '../../electron/core/extract/birth-certificate';
import type { BirthCertificateField } from '../../electron/core/extract/extracted-field';
import { pageRaster, patchOcr, readBox, spanBox, type CropSettings, type Replacement } from '../../electron/core/extract/value-reread';
import type { OcrResult } from '../../electron/core/ocr/ocr-engine';
import { createOcrEngine } from '../../electron/core/ocr/tesseract-engine';
import { resolveTessdataDir } from '../../electron/core/ocr/tessdata';
import { parseTruth, scoreFields } from './fields-pages';

const dir = process.argv[2] ?? '/tmp/fields-tune';
const out = process.argv[3] ?? join(dir, 'candidates.json');
const only = process.argv[4];
const keys: BirthCertificateField[] = ['childFullName', 'dateOfBirth', 'motherFullName', 'motherIdNumber'];
const variants: Record<string, { settings: CropSettings; digits: boolean }> = {
  h40: { settings: { letterHeight: 40, reach: 4 }, digits: false },
  h64: { settings: { letterHeight: 64, reach: 4 }, digits: false },
  m48: { settings: { letterHeight: 48, reach: 4, median: true }, digits: false },
};

const engine = createOcrEngine({ langPath: resolveTessdataDir(), workers: 1, preprocess: false, timeoutMs: 300_000 });
const results: unknown[] = [];
try {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ocr.json') && (!only || f.includes(only))).sort()) {
    const name = file.replace(/\.ocr\.json$/, '');
    const ocr = JSON.parse(readFileSync(join(dir, file), 'utf8')) as OcrResult;
    const truth = parseTruth(readFileSync(join(dir, `${name}.fields.json`), 'utf8'));
    const raster = await pageRaster(new Uint8Array(readFileSync(join(dir, `${name}.jpg`))));
    const first = extractBirthCertificate(ocr);
    const page: Record<string, unknown> = { name, truth, first: first.fields };
    const t0 = performance.now();
    for (const [vname, v] of Object.entries(variants)) {
      const replacements: Replacement[] = [];
      const crops: Record<string, string> = {};
      for (const key of keys) {
        const span = first.spans[key];
        if (!span || span.words.length === 0) continue;
        if (v.digits && key !== 'motherIdNumber') continue;
        const found = spanBox(span, v.settings);
        if (!found) continue;
        const by = await readBox(engine, raster, found, v.settings, v.digits ? '0123456789' : undefined);
        crops[key] = by.map((w) => `${w.text}(${w.confidence.toFixed(0)})`).join(' ');
        replacements.push({ span, by });
      }
      const fields = extractBirthCertificate(patchOcr(ocr, replacements)).fields;
      page[vname] = fields;
      page[`${vname}-crops`] = crops;
    }
    results.push(page);
    const line = ['first', ...Object.keys(variants)].map((v) => {
      const scores = scoreFields(page[v] as typeof first.fields, truth);
      return `${v} ${String(scores.filter((s) => s.ok).length)}`;
    });
    console.log(`${name} ${line.join(' ')} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    writeFileSync(out, JSON.stringify(results));
  }
} finally {
  await engine.terminate();
}
