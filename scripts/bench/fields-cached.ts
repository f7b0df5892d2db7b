// Tuning aid for bench:fields: the whole read (first pass, second look, plain-page pass) on tuning seeds, every OCR call cached on disk.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readBirthCertificate } from '../../electron/core/extract';
import type { OcrEngine, OcrResult, RecognizeOptions } from '../../electron/core/ocr/ocr-engine';
import { appOcrEngine } from './app-ocr-engine';
import { captureConditions, type CaptureCondition } from '../../tests/support/make-birth-certificate';
import { generatedFieldPages, scoreFields, TUNING_SEEDS } from './fields-pages';
import { mapPool } from './native-tesseract';

const { values: args } = parseArgs({
  options: {
    cache: { type: 'string', default: '/tmp/fields-cache' },
    'per-condition': { type: 'string', default: '8' },
    'first-seed': { type: 'string', default: '89' },
    conditions: { type: 'string' },
    workers: { type: 'string', default: '1' },
    verbose: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
  },
});

/**
 * The app's engine behind a disk cache keyed by the image and the options: a change to extraction or to the vote
 * replays in seconds; only crops that moved are recognised again.
 */
function cachedEngine(dir: string, real: () => OcrEngine): OcrEngine & { misses: () => number } {
  let misses = 0;
  return {
    async recognize(image: Uint8Array, opts?: RecognizeOptions): Promise<OcrResult> {
      const key = createHash('sha1')
        .update(image)
        .update(JSON.stringify(opts ?? {}))
        .digest('hex');
      const file = join(dir, `${key}.json`);
      const hit = existsSync(file);
      if (!hit) misses++;
      const result = hit
        ? (JSON.parse(readFileSync(file, 'utf8')) as OcrResult)
        : await real().recognize(image, opts);
      if (!hit) writeFileSync(file, JSON.stringify(result));
      if (args.trace)
        console.log(
          `  ${opts?.layout ?? 'page'} ${opts?.preprocess === false ? 'plain' : ''}: ${result.words.map((w) => `${w.text}(${w.confidence.toFixed(0)})`).join(' ')}`,
        );
      return result;
    },
    terminate: () => Promise.resolve(),
    misses: () => misses,
  };
}

async function main(): Promise<void> {
  const first = Number(args['first-seed']);
  const per = Number(args['per-condition']);
  const wanted = args.conditions ? args.conditions.split(',') : [...captureConditions];
  const conditions = captureConditions.filter((c: CaptureCondition) => wanted.includes(c));
  if (first < TUNING_SEEDS.first || first + per * conditions.length - 1 > TUNING_SEEDS.last)
    throw new Error(`only tuning seeds ${String(TUNING_SEEDS.first)}-${String(TUNING_SEEDS.last)} here`);
  const pageDir = join(args.cache, 'pages');
  mkdirSync(pageDir, { recursive: true });
  const pages = generatedFieldPages(conditions, per, first);
  const workers = Number(args.workers);
  let engine: OcrEngine | null = null;
  const real = () =>
    (engine ??= appOcrEngine(workers));
  const cached = cachedEngine(args.cache, real);
  const tally = new Map<string, { ok: number; n: number }>();
  try {
    await mapPool(pages, workers, async (page) => {
      const stored = join(pageDir, `${page.name}.bin`);
      const loaded = existsSync(stored)
        ? (JSON.parse(readFileSync(stored, 'utf8')) as {
            bytes: number[];
            truth: Parameters<typeof scoreFields>[1];
          })
        : null;
      const { bytes, truth } = loaded
        ? { bytes: new Uint8Array(loaded.bytes), truth: loaded.truth }
        : await page.load().then((p) => {
            writeFileSync(stored, JSON.stringify({ bytes: [...p.bytes], truth: p.truth }));
            writeFileSync(join(pageDir, `${page.name}.jpg`), p.bytes);
            return p;
          });
      const t0 = performance.now();
      const read = await readBirthCertificate(cached, bytes);
      const scores = scoreFields(read.fields, truth);
      const t = tally.get(page.condition) ?? { ok: 0, n: 0 };
      t.ok += scores.filter((s) => s.ok).length;
      t.n += scores.length;
      tally.set(page.condition, t);
      for (const s of scores.filter((x) => !x.ok || args.verbose))
        console.log(
          `${page.name} ${s.key}: ${s.ok ? 'ok' : 'WRONG'} ${JSON.stringify(s.got?.value ?? null)} (${s.got?.confidence ?? '-'}) want ${JSON.stringify(s.want)} | ${s.got?.notes.join(' ') ?? ''}`,
        );
      if (args.verbose) console.log(`${page.name} ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    });
  } finally {
    await (engine as OcrEngine | null)?.terminate();
  }
  for (const [c, t] of tally)
    console.log(`${c}: ${String(t.ok)}/${String(t.n)} ${((100 * t.ok) / t.n).toFixed(1)}%`);
  console.log(`OCR calls not in the cache: ${String(cached.misses())}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
