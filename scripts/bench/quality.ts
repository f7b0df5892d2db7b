// npm run bench:quality: the quality gate's metrics on good and bad pages, and blur against OCR errors.
import sharp from 'sharp';
import { createOcrEngine } from '../../electron/core/ocr/tesseract-engine';
import { resolveTessdataDir } from '../../electron/core/ocr/tessdata';
import { judgeQuality, measurePage, type QualityMetrics } from '../../electron/core/quality';
import { scanLike } from '../../tests/support/degrade-page';
import { makeQualityCases } from '../../tests/support/make-quality-pages';
import { makeArticlePage } from '../../tests/support/ocr-page-set';
import { countErrors } from './cer';
import { table } from './ocr-run';

const pct = (v: number) => `${(v * 100).toFixed(3)}%`;

function row(name: string, expected: string, m: QualityMetrics): string[] {
  const edges = Object.entries(m.edges)
    .filter(([, e]) => e.coverage > 0)
    .map(([side, e]) => `${side} ${pct(e.coverage)}/${String(e.runs)}`)
    .join(' ');
  return [
    name,
    expected || '-',
    judgeQuality(m).map((f) => f.code).join(',') || '-',
    String(m.declaredDpi ?? `~${String(m.a4Dpi)}`),
    String(m.paperLevel),
    String(m.paperLevel - m.inkLevel),
    pct(m.markRatio),
    m.sharpness.toFixed(2),
    edges || '-',
  ];
}

async function main(): Promise<void> {
  const seeds = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const rows: string[][] = [];
  for (const seed of seeds.length > 0 ? seeds : [7, 11]) {
    for (const c of await makeQualityCases(seed)) rows.push(row(`${c.name} #${String(seed)}`, c.expect.join(','), await measurePage(c.bytes)));
  }
  console.log('Quality gate metrics (contrast = paper - ink level; marks = pixels >= 35 levels under their paper)');
  console.log(table(['page', 'expected', 'found', 'dpi', 'paper', 'contrast', 'marks', 'sharpness', 'ink at edges (coverage/runs)'], rows));

  // where does blur start to cost OCR? scanned pages blurred with a growing Gaussian radius (300 DPI pixels)
  const engine = createOcrEngine({ langPath: resolveTessdataDir(), workers: 2, preprocess: true });
  const blurRows: string[][] = [];
  try {
    for (const sigma of [0, 1, 1.5, 2, 2.5, 3, 4]) {
      let errors = 0;
      let chars = 0;
      let sharpness = 0;
      await Promise.all(
        [21, 22].map(async (seed) => {
          const article = await makeArticlePage(seed);
          const blurred = sigma > 0 ? await sharp(article.png).blur(sigma).png().toBuffer() : article.png;
          const page = await scanLike(blurred, { seed });
          const measured = (await measurePage(page)).sharpness;
          const count = countErrors((await engine.recognize(page)).text, article.groundTruth);
          sharpness += measured / 2;
          errors += count.errors;
          chars += count.chars;
        }),
      );
      blurRows.push([String(sigma), sharpness.toFixed(2), pct(errors / chars)]);
    }
  } finally {
    await engine.terminate();
  }
  console.log('\nBlur against OCR (2 scanned A4 pages per radius, app pipeline with preprocessing)');
  console.log(table(['blur sigma (px at 300 DPI)', 'sharpness', 'CER'], blurRows));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
