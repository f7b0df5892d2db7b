// Tuning aid for bench:fields: OCRs generated Giấy chứng sinh pages once and stores image, truth and OCR result to a folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { appOcrEngine } from './app-ocr-engine';
import { captureConditions, type CaptureCondition } from '../../tests/support/make-birth-certificate';
import { generatedFieldPages, TUNING_SEEDS } from './fields-pages';
import { mapPool } from './native-tesseract';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: '/tmp/fields-tune' },
    'per-condition': { type: 'string', default: '12' },
    'first-seed': { type: 'string', default: String(TUNING_SEEDS.first) },
    conditions: { type: 'string' },
    workers: { type: 'string', default: '1' },
  },
});

async function main(): Promise<void> {
  const out = args.out;
  mkdirSync(out, { recursive: true });
  const wanted = args.conditions ? args.conditions.split(',') : [...captureConditions];
  const conditions = captureConditions.filter((c: CaptureCondition) => wanted.includes(c));
  const pages = generatedFieldPages(conditions, Number(args['per-condition']), Number(args['first-seed']), out);
  const workers = Number(args.workers);
  const engine = appOcrEngine(workers);
  try {
    await mapPool(pages, workers, async (page) => {
      const { bytes } = await page.load();
      const t0 = performance.now();
      const ocr = await engine.recognize(bytes);
      writeFileSync(join(out, `${page.name}.ocr.json`), JSON.stringify(ocr));
      console.log(`${page.name} ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    });
  } finally {
    await engine.terminate();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
