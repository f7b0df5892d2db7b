// Fixture: turns a clean 300 DPI page into what agents really get: a flatbed scan or a phone photo, seeded.
import sharp from 'sharp';
import { compose, rotation, translation, type Homography } from '../../electron/core/ocr/preprocess/projective';
import { seededRandom } from './vietnamese-corpus';

type Rgb = { data: Uint8Array; width: number; height: number };

async function toRgb(image: Uint8Array | Buffer): Promise<Rgb> {
  const { data, info } = await sharp(image).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

function gaussian(random: () => number): number {
  const u = Math.max(1e-9, random());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);

function addNoise(img: Rgb, sigma: number, random: () => number): void {
  const { data } = img;
  for (let i = 0; i < data.length; i += 3) {
    const n = gaussian(random) * sigma; // luminance noise, as sensors mostly give
    data[i] = clamp((data[i] ?? 0) + n);
    data[i + 1] = clamp((data[i + 1] ?? 0) + n);
    data[i + 2] = clamp((data[i + 2] ?? 0) + n);
  }
}

function jpeg(img: Rgb, quality: number, density: number): Promise<Buffer> {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .withMetadata({ density })
    .jpeg({ quality })
    .toBuffer();
}

export type ScanOptions = { seed: number; maxSkewDeg?: number; noise?: number; quality?: number; dust?: number };

/** Flatbed scan: 0.8-2° skew, greyish paper, sensor noise, dust specks, a faint streak, JPEG 70. */
export async function scanLike(page: Uint8Array, opts: ScanOptions): Promise<Uint8Array> {
  return (await scanWithGeometry(page, opts)).bytes;
}

/** A scan and where its pixels come from: scan pixel -> pixel of the page given (the skew, about the centre). */
export async function scanWithGeometry(page: Uint8Array, opts: ScanOptions): Promise<{ bytes: Uint8Array; scanToPage: Homography }> {
  const random = seededRandom(opts.seed);
  const meta = await sharp(page).metadata();
  const maxSkew = opts.maxSkewDeg ?? 2;
  const angle = (0.8 + random() * (maxSkew - 0.8)) * (random() < 0.5 ? -1 : 1);
  const rotated = await sharp(page)
    .removeAlpha()
    .rotate(angle, { background: '#ffffff' })
    .toBuffer({ resolveWithObject: true });
  const left = Math.max(0, Math.round((rotated.info.width - meta.width) / 2));
  const top = Math.max(0, Math.round((rotated.info.height - meta.height) / 2));
  // sharp turns clockwise about the centre of a canvas grown to hold the page: undo that, then the crop
  const scanToPage = compose(
    translation(meta.width / 2, meta.height / 2),
    compose(rotation(-angle), translation(left - rotated.info.width / 2, top - rotated.info.height / 2)),
  );
  const img = await toRgb(
    await sharp(rotated.data).extract({ left, top, width: meta.width, height: meta.height }).linear(0.93, 6).toBuffer(),
  );
  addNoise(img, opts.noise ?? 7, random);
  const { data, width, height } = img;
  for (let s = 0; s < (opts.dust ?? 50); s++) {
    const cx = random() * width;
    const cy = random() * height;
    const r = 1 + random() * 2.5;
    const shade = 40 + random() * 80;
    for (let y = Math.floor(cy - r); y <= cy + r; y++) {
      for (let x = Math.floor(cx - r); x <= cx + r; x++) {
        if (x < 0 || y < 0 || x >= width || y >= height || (x - cx) ** 2 + (y - cy) ** 2 > r * r) continue;
        data.fill(shade, (y * width + x) * 3, (y * width + x) * 3 + 3);
      }
    }
  }
  const streakX = Math.floor(random() * width);
  for (let y = 0; y < height; y++) {
    const i = (y * width + streakX) * 3;
    for (let c = 0; c < 3; c++) data[i + c] = clamp((data[i + c] ?? 0) - 35);
  }
  return { bytes: new Uint8Array(await jpeg(img, opts.quality ?? 70, 300)), scanToPage };
}

/** Homography taking each of `from` to `to` (4 points), solved by Gaussian elimination (h33 = 1). */
function homography(from: [number, number][], to: [number, number][]): number[] {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i] ?? [0, 0];
    const [u, v] = to[i] ?? [0, 0];
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(a[r]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = r;
    [a[col], a[pivot]] = [a[pivot] ?? [], a[col] ?? []];
    const p = a[col] ?? [];
    for (let r = 0; r < 8; r++) {
      const row = a[r] ?? [];
      if (r === col) continue;
      const f = (row[col] ?? 0) / (p[col] ?? 1);
      for (let c = col; c < 9; c++) row[c] = (row[c] ?? 0) - f * (p[c] ?? 0);
    }
  }
  return [...a.map((row, i) => (row[8] ?? 0) / (row[i] ?? 1)), 1];
}

export type PhotoOptions = { seed: number; dpi?: number; minSkewDeg?: number; maxSkewDeg?: number; shadow?: number };

/**
 * Phone photo of a page on a desk: ~150 DPI, keystone and 3-6° rotation, wood-coloured background around the page,
 * light falling off across the page, a soft shadow band (a hand or the phone), warm cast, noise, slight blur, JPEG 85.
 */
export async function phoneLike(page: Uint8Array, opts: PhotoOptions): Promise<Uint8Array> {
  const random = seededRandom(opts.seed);
  const meta = await sharp(page).metadata();
  const scale = (opts.dpi ?? 150) / 300;
  const src = await toRgb(await sharp(page).resize(Math.round(meta.width * scale)).toBuffer());
  const outW = Math.round(src.width * 1.22);
  const outH = Math.round(src.height * 1.15);
  const lo = opts.minSkewDeg ?? 3;
  const angle = ((lo + random() * ((opts.maxSkewDeg ?? 6) - lo)) * (random() < 0.5 ? -1 : 1) * Math.PI) / 180;
  const keystone = 0.03 + random() * 0.03;
  const pw = src.width * 0.98;
  const ph = src.height * 0.98;
  const corners: [number, number][] = [
    [-pw / 2 + pw * keystone, -ph / 2],
    [pw / 2 - pw * keystone, -ph / 2],
    [pw / 2, ph / 2],
    [-pw / 2, ph / 2],
  ].map(([x = 0, y = 0]) => {
    const jx = (random() - 0.5) * 16;
    const jy = (random() - 0.5) * 16;
    return [
      outW / 2 + x * Math.cos(angle) - y * Math.sin(angle) + jx,
      outH / 2 + x * Math.sin(angle) + y * Math.cos(angle) + jy,
    ];
  });
  const h = homography(corners, [
    [0, 0],
    [src.width - 1, 0],
    [src.width - 1, src.height - 1],
    [0, src.height - 1],
  ]);
  const out = new Uint8Array(outW * outH * 3);
  const [h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, h6 = 0, h7 = 0] = h;
  // light: falls off from one corner to the opposite one, and a soft shadow band crosses the page
  const lx = random() < 0.5 ? 0 : outW;
  const ly = random() < 0.5 ? 0 : outH;
  const diag = Math.hypot(outW, outH);
  const bandAngle = random() * Math.PI;
  const bandNx = Math.cos(bandAngle);
  const bandNy = Math.sin(bandAngle);
  const bandOffset = (random() - 0.5) * 0.5 * Math.min(outW, outH);
  const bandHalf = 0.08 * outH;
  const shadow = opts.shadow ?? 0.55;
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      const o = (y * outW + x) * 3;
      const w = h6 * x + h7 * y + 1;
      const u = (h0 * x + h1 * y + h2) / w;
      const v = (h3 * x + h4 * y + h5) / w;
      let r: number;
      let g: number;
      let b: number;
      if (u >= 0 && v >= 0 && u < src.width - 1 && v < src.height - 1) {
        const x0 = Math.floor(u);
        const y0 = Math.floor(v);
        const fx = u - x0;
        const fy = v - y0;
        const i00 = (y0 * src.width + x0) * 3;
        const i10 = i00 + 3;
        const i01 = i00 + src.width * 3;
        const i11 = i01 + 3;
        const s = src.data;
        const mix = (c: number) =>
          ((s[i00 + c] ?? 0) * (1 - fx) + (s[i10 + c] ?? 0) * fx) * (1 - fy) +
          ((s[i01 + c] ?? 0) * (1 - fx) + (s[i11 + c] ?? 0) * fx) * fy;
        r = mix(0);
        g = mix(1);
        b = mix(2);
      } else {
        const grain = 14 * Math.sin(y * 0.045 + Math.sin(x * 0.004) * 6) + 6 * Math.sin(y * 0.31);
        r = 112 + grain;
        g = 82 + grain * 0.8;
        b = 58 + grain * 0.6;
      }
      const fall = 1 - 0.3 * (Math.hypot(x - lx, y - ly) / diag);
      const d = Math.abs(x * bandNx + y * bandNy - outW / 2 * bandNx - outH / 2 * bandNy - bandOffset);
      const t = Math.min(1, Math.max(0, (d - bandHalf) / (bandHalf * 0.6)));
      const light = fall * (shadow + (1 - shadow) * t);
      out[o] = clamp(r * light);
      out[o + 1] = clamp(g * light * 0.96);
      out[o + 2] = clamp(b * light * 0.86);
    }
  }
  const img: Rgb = { data: out, width: outW, height: outH };
  addNoise(img, 5, random);
  const soft = await sharp(out, { raw: { width: outW, height: outH, channels: 3 } }).blur(0.7).raw().toBuffer();
  return new Uint8Array(await jpeg({ data: new Uint8Array(soft), width: outW, height: outH }, 85, 72));
}

/** The page turned clockwise by a quarter turn or more, as when fed into the scanner the wrong way. */
export async function turnPage(image: Uint8Array, degrees: 90 | 180 | 270): Promise<Uint8Array> {
  const meta = await sharp(image).metadata();
  const out = sharp(image).rotate(degrees);
  return new Uint8Array(meta.format === 'png' ? await out.png().toBuffer() : await out.jpeg({ quality: 90 }).toBuffer());
}
