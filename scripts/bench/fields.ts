// npm run bench:fields: exact-match rate of Giấy chứng sinh field extraction (app OCR + extract) per field and condition.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { LOW_CONFIDENCE, readBirthCertificate } from '../../electron/core/extract';
import { defaultOcrWorkers } from '../../electron/core/ocr/tesseract-engine';
import { appOcrEngine } from './app-ocr-engine';
import { captureConditions, type CaptureCondition } from '../../tests/support/make-birth-certificate';
import { makeTextPage } from '../../tests/support/make-text-page';
import {
  folderFieldPages,
  generatedFieldPages,
  scoreFields,
  SEEDS_LOOKED_AT,
  truthKeys,
  type FieldPage,
  type FieldScore,
} from './fields-pages';
import { mapPool } from './native-tesseract';
import { table } from './ocr-run';

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string' },
    'per-condition': { type: 'string', default: '12' },
    'first-seed': { type: 'string', default: '4509' },
    conditions: { type: 'string' },
    workers: { type: 'string' },
    save: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    /** preprocessing steps switched off, comma-separated (e.g. faint,leaders): an A/B on the same pages */
    off: { type: 'string' },
    /** extraction from the page's OCR only, without re-reading each value's line (an A/B of second-look.ts) */
    'first-pass-only': { type: 'boolean', default: false },
  },
});

const RELAXED_SIMD_FLAG = '--experimental-wasm-relaxed-simd';

/** As bench:ocr: Electron's V8 runs tesseract.js's relaxed-SIMD core; Node 20 needs the flag to measure the same. */
function reexecWithRelaxedSimd(): boolean {
  const [major = 0, minor = 0] = process.versions.v8.split('.').map(Number);
  if (
    major > 11 ||
    (major === 11 && minor >= 4) ||
    process.execArgv.includes(RELAXED_SIMD_FLAG) ||
    process.env.BENCH_FIELDS_NO_REEXEC
  )
    return false;
  const child = spawnSync(
    process.execPath,
    [RELAXED_SIMD_FLAG, ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
      env: { ...process.env, BENCH_FIELDS_NO_REEXEC: '1' },
    },
  );
  process.exitCode = child.status ?? 1;
  return true;
}

type PageResult = { page: FieldPage; capture: string; scores: FieldScore[]; ms: number };

/** The seeds a generated run covers. */
function seedRange(conditions: readonly CaptureCondition[]): { first: number; last: number } {
  const first = Number(args['first-seed']);
  return { first, last: first + Number(args['per-condition']) * conditions.length - 1 };
}

function chosenConditions(): CaptureCondition[] {
  const wanted = args.conditions ? args.conditions.split(',') : [...captureConditions];
  return captureConditions.filter((c: CaptureCondition) => wanted.includes(c));
}

/** The tuning ranges a generated run touches (none for a folder of pages). */
function tuningOverlap(): { first: number; last: number }[] {
  if (args.pages) return [];
  const run = seedRange(chosenConditions());
  return SEEDS_LOOKED_AT.filter((tuned) => run.first <= tuned.last && run.last >= tuned.first);
}

function choosePages(): FieldPage[] {
  if (args.pages) {
    const { pages, skipped } = folderFieldPages(args.pages);
    for (const s of skipped) console.warn(`skipped ${s}`);
    if (pages.length === 0) throw new Error(`no images with NAME.fields.json in ${args.pages}`);
    return pages;
  }
  const conditions = chosenConditions();
  const run = seedRange(conditions);
  for (const tuned of tuningOverlap()) {
    console.warn(
      `seeds ${String(run.first)}-${String(run.last)} include tuning seeds ${String(tuned.first)}-${String(tuned.last)}: these figures prove nothing`,
    );
  }
  return generatedFieldPages(conditions, Number(args['per-condition']), run.first, args.save);
}

const pct = (ok: number, n: number) => (n === 0 ? '-' : `${((100 * ok) / n).toFixed(1)}%`);

function summaryRow(label: string, results: PageResult[]): string[] {
  const scores = results.flatMap((r) => r.scores);
  const cells = truthKeys.map((key) => {
    const of = scores.filter((s) => s.key === key);
    return pct(of.filter((s) => s.ok).length, of.length);
  });
  const wrong = scores.filter((s) => !s.ok);
  const flagged = wrong.filter((s) => s.got === null || s.got.lowConfidence).length;
  const right = scores.filter((s) => s.ok);
  const rightFlagged = right.filter((s) => s.got?.lowConfidence).length;
  const seconds = results.reduce((n, r) => n + r.ms, 0) / 1000 / Math.max(1, results.length);
  return [
    label,
    String(results.length),
    ...cells,
    pct(right.length, scores.length),
    `${String(flagged)}/${String(wrong.length)}`,
    pct(rightFlagged, right.length),
    seconds.toFixed(1),
  ];
}

function printPage(r: PageResult): void {
  for (const s of r.scores.filter((x) => !x.ok || args.verbose)) {
    const got = s.got
      ? `${JSON.stringify(s.got.value)} (${s.got.confidence.toFixed(2)}${s.got.lowConfidence ? ', flagged' : ''})`
      : 'nothing';
    console.log(
      `  ${r.page.name}${r.capture ? ` [${r.capture}]` : ''} ${s.key}: ${s.ok ? 'ok' : 'WRONG'} ${got}; truth ${JSON.stringify(s.want)}`,
    );
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const workers = Number(args.workers ?? defaultOcrWorkers());
  const pages = choosePages();
  // as the app runs it (electron/core/app-core.ts, scripts/web-host.ts): preprocessing in a worker thread per slot
  const engine = appOcrEngine(workers, args.off ? Object.fromEntries(args.off.split(',').map((step) => [step, false])) : true);
  try {
    const warm = await makeTextPage({
      lines: ['Khởi động', 'Chạy thử trước khi đo'],
      format: 'jpeg',
      width: 1240,
      height: 600,
    });
    await Promise.all(Array.from({ length: workers }, () => engine.recognize(warm)));
    console.log(
      `Field extraction bench: ${String(pages.length)} Giấy chứng sinh pages (${args.pages ? `folder ${args.pages}` : `generated, seeds from ${args['first-seed'] ?? ''}${tuningOverlap().length > 0 ? ' (TUNING seeds: not a held-out figure)' : ''}; tuned on ${SEEDS_LOOKED_AT.map((r) => `${String(r.first)}-${String(r.last)}`).join(', ')}`}), ` +
        `${String(workers)} OCR workers, app preprocessing, ${args['first-pass-only'] ? 'first pass only' : 'values re-read (second look)'}; flagged = confidence < ${String(LOW_CONFIDENCE)}`,
    );
    const ocrStarted = performance.now();
    let ocrWallMs = 0;
    const results = await mapPool(pages, workers, async (page): Promise<PageResult> => {
      const { bytes, rotation, truth, capture = '' } = await page.load();
      const t0 = performance.now();
      // a page the engine gives up on (timeout, unreadable) counts with every field missed, as the agent would see it
      const fields = await readBirthCertificate(engine, bytes, {
        rotation,
        secondLook: !args['first-pass-only'],
      }).then(
        (read) => read.fields,
        (error: unknown) => {
          console.log(
            `  ${page.name}: OCR failed (${error instanceof Error ? error.message : String(error)})`,
          );
          return [];
        },
      );
      const result = { page, capture, scores: scoreFields(fields, truth), ms: performance.now() - t0 };
      ocrWallMs += result.ms;
      printPage(result);
      return result;
    });
    const conditions = [...new Set(results.map((r) => r.page.condition))];
    const rows = conditions.map((c) =>
      summaryRow(
        c,
        results.filter((r) => r.page.condition === c),
      ),
    );
    const scans = results.filter((r) => r.page.condition === 'clean' || r.page.condition === 'scan');
    if (!args.pages && scans.length > 0 && conditions.length > 2)
      rows.push(summaryRow('scans (clean + noisy)', scans));
    if (conditions.length > 1) rows.push(summaryRow('all', results));
    console.log(
      '\nExact match after NFC and whitespace collapse, per field; "wrong flagged": wrong or missing values the agent sees flagged (or not offered); "right flagged": right values flagged anyway; s/page: OCR + extraction per page (one worker).',
    );
    console.log(
      table(
        ['condition', 'pages', ...truthKeys, 'all fields', 'wrong flagged', 'right flagged', 's/page'],
        rows,
      ),
    );
    const wallMin = (performance.now() - ocrStarted) / 60_000;
    console.log(
      `\n${(pages.length / wallMin).toFixed(1)} pages/min with ${String(workers)} workers (page generation included); OCR busy ${(ocrWallMs / 1000).toFixed(0)} s; total ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  } finally {
    await engine.terminate();
  }
}

if (!reexecWithRelaxedSimd()) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
