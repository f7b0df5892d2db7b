// npm run bench:ocr: CER and pages/min of the app's OCR (with and without preprocessing) against native tesseract.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createOcrEngine, defaultOcrWorkers } from '../../electron/core/ocr/tesseract-engine';
import { resolveTessdataDir } from '../../electron/core/ocr/tessdata';
import { preprocessSteps, type PreprocessStep } from '../../electron/core/ocr/preprocess';
import { BENCH_FIRST_SEED, extraConditions, isTuningSeed, ocrConditions, tunedSeedsText, type OcrCondition } from '../../tests/support/ocr-page-set';
import { makeTextPage } from '../../tests/support/make-text-page';
import { gunzipModel, nativeTesseractVersion, runNativeTesseract } from './native-tesseract';
import { folderPages, generatedPages, type BenchImage } from './ocr-pages';
import { ablate, printRows, type Row } from './ocr-report';
import { percent, runPass, type PassResult } from './ocr-run';

const RELAXED_SIMD_FLAG = '--experimental-wasm-relaxed-simd';

/**
 * Electron's V8 (like Node 22+) runs wasm relaxed SIMD, and tesseract.js then loads its faster relaxed-SIMD core.
 * Node 20's V8 11.3 has it behind a flag only: re-run under the flag so the bench measures what the app runs.
 */
function relaxedSimdOn(): boolean {
  const [major = 0, minor = 0] = process.versions.v8.split('.').map(Number);
  return major > 11 || (major === 11 && minor >= 4) || process.execArgv.includes(RELAXED_SIMD_FLAG);
}

function reexecWithRelaxedSimd(): boolean {
  if (relaxedSimdOn()) return false;
  if (process.env.BENCH_OCR_NO_REEXEC) return false;
  const child = spawnSync(process.execPath, [RELAXED_SIMD_FLAG, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_OCR_NO_REEXEC: '1' },
  });
  process.exitCode = child.status ?? 1;
  return true;
}

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string' },
    'pages-per-condition': { type: 'string', default: '3' },
    /** first seed of the generated pages: held-out by default (never the tuning seeds 1-20) */
    'first-seed': { type: 'string', default: String(BENCH_FIRST_SEED) },
    help: { type: 'boolean', default: false },
    conditions: { type: 'string' },
    workers: { type: 'string' },
    'no-native': { type: 'boolean', default: false },
    /** preprocessing steps to switch off in the app column, e.g. --without downscale,deskew */
    without: { type: 'string' },
    ablate: { type: 'boolean', default: false },
    /** pages per condition in the ablation (its 10 passes cost 10 times the main run); default all */
    'ablate-per-condition': { type: 'string' },
    /** only these steps in the ablation, e.g. --ablate-steps faint,leaderBands (default: every step) */
    'ablate-steps': { type: 'string' },
    save: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  const workers = Number(args.workers ?? defaultOcrWorkers());
  const modelDir = resolveTessdataDir();
  const tmp = mkdtempSync(join(tmpdir(), 'bench-ocr-'));
  try {
    const started = performance.now();
    const pages = await loadPages(tmp);
    const native = args['no-native'] ? null : nativeTesseractVersion();
    const nativeModel = native ? gunzipModel(modelDir, join(tmp, 'tessdata')) : '';
    const first = Number(args['first-seed']);
    const seeds = `seeds ${String(first)}-${String(first + Number(args['pages-per-condition']) - 1)} per condition`;
    const perCondition = Number(args['pages-per-condition']);
    const anyTuned = Array.from({ length: perCondition }, (_, i) => first + i).some(isTuningSeed);
    const tuned = anyTuned ? ` (TUNING SEEDS, tuned on ${tunedSeedsText()}: not a held-out figure)` : ` (held out; tuned on seeds ${tunedSeedsText()})`;
    console.log(
      `OCR bench: ${String(pages.length)} pages${args.pages ? '' : `, ${seeds}${tuned}`}, ${String(workers)} workers, model ${modelDir.split(/[/\\]/).pop() ?? ''}, ` +
        `tesseract.js wasm relaxed SIMD ${relaxedSimdOn() ? 'on' : 'off'}, ` +
        `native: ${native ?? 'not installed (skipped)'}${args.without ? `; app without ${args.without}` : ''}; pages ready in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );

    const off = (args.without ?? '').split(',').filter((step) => (preprocessSteps as readonly string[]).includes(step));
    // as in the app (scripts/web-host.ts, electron/main/bootstrap.ts): preprocessing in a worker thread per slot
    // the app's 120 s a page is for a counter PC; a benchmark on a loaded machine waits longer rather than abort
    const timeoutMs = 900_000;
    const app = createOcrEngine({
      langPath: modelDir,
      workers,
      timeoutMs,
      preprocess: Object.fromEntries(off.map((step) => [step, false])),
      preprocessWorker: { entry: new URL('../../electron/workers/preprocess-worker.ts', import.meta.url), loader: import.meta.resolve('tsx/esm/api') },
    });
    const raw = createOcrEngine({ langPath: modelDir, workers, preprocess: false, timeoutMs });
    await warmUp([app, raw], workers);
    const rows: Row[] = [];
    for (const condition of [...new Set(pages.map((p) => p.condition))]) {
      const group = pages.filter((p) => p.condition === condition);
      // side by side, interleaved per condition: the machine's load drifts, ratios within a condition stay fair
      const appPass = await runPass(group, (img) => app.recognize(img.bytes, { rotation: img.rotation }), group.length);
      const nativePass = native ? await runPass(group, (img) => runNativeTesseract(img.file, nativeModel, `${img.file}.native`), workers) : null;
      const rawPass = await runPass(group, (img) => raw.recognize(img.bytes, { rotation: img.rotation }), group.length);
      rows.push({ condition, app: appPass, raw: rawPass, native: nativePass });
      if (args.verbose) printPerPage(condition, appPass, rawPass, nativePass);
    }
    await Promise.all([app.terminate(), raw.terminate()]);
    printRows(rows, workers);
    if (args.ablate) {
      const k = Number(args['ablate-per-condition'] ?? args['pages-per-condition']);
      const firstOf = new Map<string, number>();
      const subset = pages.filter((p) => {
        const n = firstOf.get(p.condition) ?? 0;
        firstOf.set(p.condition, n + 1);
        return n < k;
      });
      const only = (args['ablate-steps'] ?? '').split(',').filter((step): step is PreprocessStep => (preprocessSteps as readonly string[]).includes(step));
      await ablate(subset, modelDir, workers, only);
    }
    console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function loadPages(tmp: string): Promise<BenchImage[]> {
  if (args.pages) {
    const { pages, skipped } = await folderPages(args.pages, tmp);
    for (const s of skipped) console.warn(`skipped ${s}`);
    if (pages.length === 0) throw new Error(`no images with NAME.gt.txt in ${args.pages}`);
    return pages;
  }
  const wanted = args.conditions ? args.conditions.split(',') : [...ocrConditions];
  const conditions = [...ocrConditions, ...extraConditions].filter((c: OcrCondition) => wanted.includes(c));
  return generatedPages(Number(args['pages-per-condition']), conditions, tmp, args.save, Number(args['first-seed']));
}

/** Starts every worker (wasm + model load) and warms the preprocessing code on a full page, outside the timed passes. */
async function warmUp(engines: { recognize(image: Uint8Array): Promise<unknown> }[], workers: number): Promise<void> {
  const strip = await makeTextPage({ lines: ['Khởi động'], format: 'png', width: 800, height: 300 });
  const page = await makeTextPage({ lines: ['Khởi động', 'Chạy thử trước khi đo'], format: 'jpeg' });
  await Promise.all(engines.flatMap((e) => Array.from({ length: workers }, () => e.recognize(strip))));
  for (const e of engines) await e.recognize(page);
}

function printPerPage(condition: string, app: PassResult, raw: PassResult, native: PassResult | null): void {
  for (const [i, page] of app.perPage.entries()) {
    const n = native?.perPage[i];
    console.log(`  ${condition} ${page.name}: app ${percent(page.cer)} · no preprocessing ${percent(raw.perPage[i]?.cer ?? 0)}${n ? ` · native ${percent(n.cer)}` : ''}${page.about ? ` · ${page.about}` : ''}`);
  }
}

const HELP = `npm run bench:ocr -- [options]
  --conditions a,b        conditions to run (default all): ${[...ocrConditions, ...extraConditions].join(', ')}
  --pages-per-condition N pages per condition (default 3)
  --first-seed N          first generated seed (default ${String(BENCH_FIRST_SEED)}; tuned on ${tunedSeedsText()}: report on others)
  --pages DIR             a folder of images with .txt ground truth instead of generated pages
  --workers N             OCR workers of the app column (default: the app's)
  --no-native             skip native tesseract
  --without a,b           switch preprocessing steps off in the app column (${preprocessSteps.join(', ')})
  --ablate                also run each step switched off; --ablate-per-condition N, --ablate-steps a,b
  --save DIR              keep the preprocessed pages
  --verbose               per-page CER and what the generator drew`;

if (args.help) console.log(HELP);
else if (!reexecWithRelaxedSimd()) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
