// Fixture: good and bad page images for the quality gate (blur, exposure, resolution, cut-off, blank), seeded.
import sharp, { type Sharp } from 'sharp';
import { phoneLike, scanLike } from './degrade-page';
import { makeFormPage } from './make-form-page';
import { makeArticlePage } from './ocr-page-set';
import { makeTextPage } from './make-text-page';
import { seededRandom } from './vietnamese-corpus';

export type QualityCase = { name: string; expect: string[]; bytes: Uint8Array };

const A4 = { width: 2480, height: 3508 };

/** JPEG with the DPI a scanner would write (300 unless said otherwise). */
async function jpeg(pipeline: Sharp, density = 300): Promise<Uint8Array> {
  return new Uint8Array(await pipeline.withMetadata({ density }).jpeg({ quality: 85 }).toBuffer());
}

/** A sheet with nothing printed: paper tone, sensor noise, a few dust specks; optionally the other side showing through. */
export async function blankSheet(seed: number, showThrough?: Uint8Array): Promise<Uint8Array> {
  const random = seededRandom(seed);
  const { width, height } = A4;
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = 238 + Math.round((random() + random() + random() - 1.5) * 8);
  for (let s = 0; s < 25; s++) {
    const cx = Math.floor(random() * width);
    const cy = Math.floor(random() * height);
    for (let y = cy; y < Math.min(height, cy + 3); y++) data.fill(90, y * width + cx, y * width + Math.min(width, cx + 3));
  }
  let page = sharp(data, { raw: { width, height, channels: 1 } });
  if (showThrough) {
    // the back page's text, mirrored and faded to ~8% contrast, as thin paper shows it
    const ghost = await sharp(showThrough).flop().greyscale().linear(0.08, 255 * 0.92).toBuffer();
    page = sharp(await page.png().toBuffer()).composite([{ input: ghost, blend: 'multiply' }]);
  }
  return jpeg(page);
}

/**
 * Pages the gate must pass (clean, scanned, a form with a stamp, a 200 DPI scan, a single signed line) and pages each
 * warning must catch, with the warning codes expected.
 */
export async function makeQualityCases(seed = 7, only?: readonly string[]): Promise<QualityCase[]> {
  const article = await makeArticlePage(seed);
  const page = article.png;
  const signature = () => makeTextPage({ lines: ['Hà Nội, ngày 05 tháng 3 năm 2025', 'Người làm đơn', 'Trần Thị Mai Phương'], format: 'png' });
  // each image is made only when asked for (`only`: a test that needs 3 of the 15 skips ~18 s of CPU)
  const recipes: (Omit<QualityCase, 'bytes'> & { make: () => Promise<Uint8Array> })[] = [
    { name: 'clean', expect: [], make: async () => jpeg(sharp(page)) },
    { name: 'scanned', expect: [], make: async () => scanLike(page, { seed }) },
    { name: 'form', expect: [], make: async () => scanLike((await makeFormPage(seed)).png, { seed, maxSkewDeg: 1.2 }) },
    { name: '200dpi', expect: [], make: async () => jpeg(sharp(page).resize(1654, 2339), 200) },
    { name: 'one-line', expect: [], make: async () => jpeg(sharp(await signature())) },
    { name: 'blurry', expect: ['blurry'], make: async () => jpeg(sharp(page).blur(3)) },
    { name: 'slightly-blurry', expect: ['blurry'], make: async () => scanLike(await sharp(page).blur(2.2).png().toBuffer(), { seed }) },
    { name: 'dark', expect: ['too_dark'], make: async () => jpeg(sharp(page).linear(0.38, 0)) },
    { name: 'washed-out', expect: ['too_bright'], make: async () => jpeg(sharp(page).linear(0.22, 255 * 0.78)) },
    { name: '150dpi', expect: ['low_resolution'], make: async () => jpeg(sharp(page).resize(1240, 1754), 150) },
    { name: 'phone', expect: ['low_resolution'], make: async () => phoneLike(page, { seed }) },
    {
      name: 'cut-left',
      expect: ['cut_off'],
      make: async () => jpeg(
        sharp({ create: { ...A4, channels: 3, background: '#ffffff' } }).composite([
          { input: await sharp(page).extract({ left: 500, top: 0, width: A4.width - 500, height: A4.height }).toBuffer(), left: 0, top: 0 },
        ]),
      ),
    },
    {
      name: 'cut-bottom',
      expect: ['cut_off'],
      make: async () => jpeg(
        sharp({ create: { ...A4, channels: 3, background: '#ffffff' } }).composite([
          { input: await sharp(page).extract({ left: 0, top: 0, width: A4.width, height: 2000 }).toBuffer(), left: 0, top: A4.height - 2000 },
        ]),
      ),
    },
    { name: 'blank', expect: ['nearly_blank'], make: async () => blankSheet(seed) },
    { name: 'blank-show-through', expect: ['nearly_blank'], make: async () => blankSheet(seed + 1, page) },
  ];
  const cases: QualityCase[] = [];
  for (const r of recipes) if (!only || only.includes(r.name)) cases.push({ name: r.name, expect: r.expect, bytes: await r.make() });
  return cases;
}
