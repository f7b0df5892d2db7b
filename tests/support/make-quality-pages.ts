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
export async function makeQualityCases(seed = 7): Promise<QualityCase[]> {
  const article = await makeArticlePage(seed);
  const page = article.png;
  const signature = await makeTextPage({ lines: ['Hà Nội, ngày 05 tháng 3 năm 2025', 'Người làm đơn', 'Trần Thị Mai Phương'], format: 'png' });
  const form = await makeFormPage(seed);
  return [
    { name: 'clean', expect: [], bytes: await jpeg(sharp(page)) },
    { name: 'scanned', expect: [], bytes: await scanLike(page, { seed }) },
    { name: 'form', expect: [], bytes: await scanLike(form.png, { seed, maxSkewDeg: 1.2 }) },
    { name: '200dpi', expect: [], bytes: await jpeg(sharp(page).resize(1654, 2339), 200) },
    { name: 'one-line', expect: [], bytes: await jpeg(sharp(signature)) },
    { name: 'blurry', expect: ['blurry'], bytes: await jpeg(sharp(page).blur(3)) },
    { name: 'slightly-blurry', expect: ['blurry'], bytes: await scanLike(await sharp(page).blur(2.2).png().toBuffer(), { seed }) },
    { name: 'dark', expect: ['too_dark'], bytes: await jpeg(sharp(page).linear(0.38, 0)) },
    { name: 'washed-out', expect: ['too_bright'], bytes: await jpeg(sharp(page).linear(0.22, 255 * 0.78)) },
    { name: '150dpi', expect: ['low_resolution'], bytes: await jpeg(sharp(page).resize(1240, 1754), 150) },
    { name: 'phone', expect: ['low_resolution'], bytes: await phoneLike(page, { seed }) },
    {
      name: 'cut-left',
      expect: ['cut_off'],
      bytes: await jpeg(
        sharp({ create: { ...A4, channels: 3, background: '#ffffff' } }).composite([
          { input: await sharp(page).extract({ left: 500, top: 0, width: A4.width - 500, height: A4.height }).toBuffer(), left: 0, top: 0 },
        ]),
      ),
    },
    {
      name: 'cut-bottom',
      expect: ['cut_off'],
      bytes: await jpeg(
        sharp({ create: { ...A4, channels: 3, background: '#ffffff' } }).composite([
          { input: await sharp(page).extract({ left: 0, top: 0, width: A4.width, height: 2000 }).toBuffer(), left: 0, top: A4.height - 2000 },
        ]),
      ),
    },
    { name: 'blank', expect: ['nearly_blank'], bytes: await blankSheet(seed) },
    { name: 'blank-show-through', expect: ['nearly_blank'], bytes: await blankSheet(seed + 1, page) },
  ];
}
