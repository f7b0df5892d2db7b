// Tables of the OCR benchmark: CER and throughput per condition against the aims, and the preprocessing ablation.
import { createOcrEngine } from '../../electron/core/ocr/tesseract-engine';
import { preprocessSteps, type PreprocessStep } from '../../electron/core/ocr/preprocess';
import { pooledCer } from './cer';
import type { BenchImage } from './ocr-pages';
import { cpuPerPage, pagesPerMinute, percent, runPass, table, type PassResult } from './ocr-run';

export type Row = { condition: string; app: PassResult; raw: PassResult; native: PassResult | null };

/** Issue 14's aim for photos and forms: at most 3% CER, and never worse than without preprocessing. */
const CER_AIM = 0.03;
/** ...and on scanned pages at least 70% of native tesseract's pages per minute. */
const THROUGHPUT_AIM = 0.7;

const ratio = (a: number, b: number): string => (b > 0 ? (a / b).toFixed(2) : '-');

function merge(passes: PassResult[]): PassResult {
  const sum = (pick: (p: PassResult) => number) => passes.reduce((n, p) => n + pick(p), 0);
  return { pages: sum((p) => p.pages), wallMs: sum((p) => p.wallMs), cpuMs: sum((p) => p.cpuMs), counts: passes.flatMap((p) => p.counts), perPage: [] };
}

function verdict(row: Row): string {
  const app = pooledCer(row.app.counts);
  const raw = pooledCer(row.raw.counts);
  const notes: string[] = [];
  if (row.condition !== 'scanned' && row.condition !== 'clean') notes.push(app <= CER_AIM ? 'CER ok' : `CER over ${percent(CER_AIM)}`);
  notes.push(app <= raw ? 'no worse' : 'WORSE than w/o');
  if (row.condition === 'scanned' && row.native) {
    const r = pagesPerMinute(row.app) / Math.max(1e-9, pagesPerMinute(row.native));
    notes.push(r >= THROUGHPUT_AIM ? 'speed ok' : `speed under ${String(THROUGHPUT_AIM)}`);
  }
  return notes.join(', ');
}

export function printRows(rows: Row[], workers: number): void {
  const all: Row = {
    condition: 'all',
    app: merge(rows.map((r) => r.app)),
    raw: merge(rows.map((r) => r.raw)),
    native: rows.every((r) => r.native) ? merge(rows.map((r) => r.native as PassResult)) : null,
  };
  const lines = [...rows, ...(rows.length > 1 ? [all] : [])].map((r) => {
    const n = r.native;
    const cer = (p: PassResult) => percent(pooledCer(p.counts));
    return [
      r.condition,
      String(r.app.pages),
      cer(r.app),
      cer(r.raw),
      n ? cer(n) : '-',
      pagesPerMinute(r.app).toFixed(1),
      n ? pagesPerMinute(n).toFixed(1) : '-',
      n ? ratio(pagesPerMinute(r.app), pagesPerMinute(n)) : '-',
      n ? ratio(cpuPerPage(n), cpuPerPage(r.app)) : '-',
      r === all ? '' : verdict(r),
    ];
  });
  console.log(
    `\nCER = Levenshtein / ground-truth chars (NFC, whitespace collapsed). "app" = the app's pipeline with preprocessing; "w/o" = ` +
      `the same engine without it; "native" = tesseract CLI (${String(workers)} processes, OMP_THREAD_LIMIT=1, PSM 6, same model). ` +
      'app/native: pages per minute (wall clock, same run) and CPU seconds per page, as ratios.',
  );
  console.log(
    table(['condition', 'pages', 'CER app', 'CER w/o', 'CER native', 'p/min app', 'p/min native', 'app/native', 'app/native (cpu)', 'against the aims'], lines),
  );
}

/** 0.05 points of CER: smaller differences are a character or two on these pages, not a step's doing. */
const NOISE = 0.0005;

/**
 * Each preprocessing step switched off in turn, on the same pages: CER per condition, and per step the conditions
 * where it helps (CER rises without it) and where it hurts (CER falls without it).
 */
export async function ablate(pages: BenchImage[], modelDir: string, workers: number, only?: readonly PreprocessStep[]): Promise<void> {
  const tested = only && only.length > 0 ? preprocessSteps.filter((step) => only.includes(step)) : preprocessSteps;
  const conditions = [...new Set(pages.map((p) => p.condition))];
  const cerOf = new Map<string, number[]>();
  const rows: string[][] = [];
  for (const step of ['none', ...tested] as const) {
    const engine = createOcrEngine({ langPath: modelDir, workers, preprocess: step === 'none' ? true : { [step]: false } });
    const cells: number[] = [];
    let cpuMs = 0;
    let count = 0;
    for (const condition of conditions) {
      const group = pages.filter((p) => p.condition === condition);
      const pass = await runPass(group, (img) => engine.recognize(img.bytes, { rotation: img.rotation }), group.length);
      cells.push(pooledCer(pass.counts));
      cpuMs += pass.cpuMs;
      count += pass.pages;
    }
    await engine.terminate();
    cerOf.set(step, cells);
    rows.push([step === 'none' ? 'all steps on' : `without ${step}`, ...cells.map(percent), (cpuMs / 1000 / count).toFixed(2)]);
  }
  console.log(`\nAblation (${String(pages.length)} pages): CER per condition with one preprocessing step switched off`);
  console.log(table(['engine', ...conditions, 'cpu s/page'], rows));
  const base = cerOf.get('none') ?? [];
  const summary = tested.map((step) => {
    const without = cerOf.get(step) ?? [];
    const helps = conditions.filter((_, i) => (without[i] ?? 0) - (base[i] ?? 0) > NOISE);
    const hurts = conditions.filter((_, i) => (base[i] ?? 0) - (without[i] ?? 0) > NOISE);
    return [step, helps.join(' ') || '-', hurts.join(' ') || '-'];
  });
  console.log(`\nWhat each step is worth (a difference over ${percent(NOISE)} of CER)`);
  console.log(table(['step', 'helps (CER rises without it)', 'hurts (CER falls without it)'], summary));
}
