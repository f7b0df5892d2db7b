// Fixture: how a Giấy chứng sinh reaches the agent: clean scan, noisy 200 DPI scan, or a phone photo on some desk.
import sharp from 'sharp';
import { int, pick, type Rng } from './birth-certificate-data';
import { phoneLike, scanLike } from './degrade-page';
import { seededRandom } from './vietnamese-corpus';

export const captureConditions = ['clean', 'scan', 'phone'] as const;
export type CaptureCondition = (typeof captureConditions)[number];

/** Clean flatbed scan: the page as rendered, JPEG 92, 300 DPI. */
async function cleanScan(png: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp(png).removeAlpha().withMetadata({ density: 300 }).jpeg({ quality: 92 }).toBuffer(),
  );
}

/** Noisy office scan: skew, sensor noise, dust, a streak (degrade-page scanLike), then saved at 200 DPI, JPEG 60-80. */
async function noisyScan(png: Uint8Array, seed: number, random: Rng): Promise<Uint8Array> {
  const scanned = await scanLike(png, {
    seed,
    maxSkewDeg: 1.5 + random() * 1.5,
    noise: 5 + random() * 6,
    dust: int(random, 20, 80),
  });
  const meta = await sharp(scanned).metadata();
  return new Uint8Array(
    await sharp(scanned)
      .resize(Math.round(meta.width * (200 / 300)))
      .withMetadata({ density: 200 })
      .jpeg({ quality: int(random, 60, 80) })
      .toBuffer(),
  );
}

type Desk = { name: string; rgb: [number, number, number]; grain: number };
const desks: readonly Desk[] = [
  { name: 'white table', rgb: [232, 230, 226], grain: 4 },
  { name: 'grey counter', rgb: [128, 130, 134], grain: 10 },
  { name: 'dark glass', rgb: [38, 44, 48], grain: 6 },
  { name: 'light wood', rgb: [196, 160, 118], grain: 14 },
  { name: 'blue cloth', rgb: [70, 96, 140], grain: 12 },
];

/** Homography mapping the 4 `from` points onto `to` (h33 = 1), by Gaussian elimination. */
function homography(from: [number, number][], to: [number, number][]): number[] {
  const a: number[][] = [];
  from.forEach(([x, y], i) => {
    const [u, v] = to[i] ?? [0, 0];
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u], [0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  });
  for (let col = 0; col < 8; col++) {
    let p = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(a[r]?.[col] ?? 0) > Math.abs(a[p]?.[col] ?? 0)) p = r;
    [a[col], a[p]] = [a[p] ?? [], a[col] ?? []];
    const pivot = a[col] ?? [];
    for (let r = 0; r < 8; r++) {
      const row = a[r] ?? [];
      if (r === col) continue;
      const f = (row[col] ?? 0) / (pivot[col] ?? 1);
      for (let c = col; c < 9; c++) row[c] = (row[c] ?? 0) - f * (pivot[c] ?? 0);
    }
  }
  return [...a.map((row, i) => (row[8] ?? 0) / (row[i] ?? 1)), 1];
}

/**
 * A phone photo unlike degrade-page's wood desk: one of several desks, the phone tilted towards any side (perspective),
 * turned up to ±8°, light falling off from a random point, sometimes a soft shadow, 150-200 DPI on the page.
 */
async function deskPhoto(png: Uint8Array, random: Rng): Promise<Uint8Array> {
  const dpi = int(random, 150, 200);
  const meta = await sharp(png).metadata();
  const srcImg = await sharp(png)
    .removeAlpha()
    .resize(Math.round(meta.width * (dpi / 300)))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const sw = srcImg.info.width;
  const sh = srcImg.info.height;
  const src = srcImg.data;
  const outW = Math.round(sw * (1.12 + random() * 0.15));
  const outH = Math.round(sh * (1.08 + random() * 0.12));
  const angle = ((random() - 0.5) * 16 * Math.PI) / 180;
  const tilt = 0.02 + random() * 0.06;
  const side = int(random, 0, 3); // which edge is further from the phone: it comes out shorter
  const hw = (sw * 0.97) / 2;
  const hh = (sh * 0.97) / 2;
  const base: [number, number][] = [
    [-hw, -hh],
    [hw, -hh],
    [hw, hh],
    [-hw, hh],
  ];
  const shrunk = base.map(([x, y], i): [number, number] => {
    const onTop = i < 2;
    const onLeft = i === 0 || i === 3;
    if (side === 0 && onTop) return [x * (1 - 2 * tilt), y];
    if (side === 1 && !onTop) return [x * (1 - 2 * tilt), y];
    if (side === 2 && onLeft) return [x, y * (1 - 2 * tilt)];
    if (side === 3 && !onLeft) return [x, y * (1 - 2 * tilt)];
    return [x, y];
  });
  const cx = outW / 2 + (random() - 0.5) * (outW - sw) * 0.6;
  const cy = outH / 2 + (random() - 0.5) * (outH - sh) * 0.6;
  const corners = shrunk.map(([x, y]): [number, number] => [
    cx + x * Math.cos(angle) - y * Math.sin(angle) + (random() - 0.5) * 14,
    cy + x * Math.sin(angle) + y * Math.cos(angle) + (random() - 0.5) * 14,
  ]);
  const [h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, h6 = 0, h7 = 0] = homography(corners, [
    [0, 0],
    [sw - 1, 0],
    [sw - 1, sh - 1],
    [0, sh - 1],
  ]);
  const desk = pick(random, desks);
  const lightX = random() * outW;
  const lightY = random() * outH;
  const falloff = 0.15 + random() * 0.25;
  const diag = Math.hypot(outW, outH);
  const shadow = random() < 0.5 ? 0.55 + random() * 0.3 : 1;
  const bandAngle = random() * Math.PI;
  const bandOffset = (random() - 0.5) * 0.6 * Math.min(outW, outH);
  const bandHalf = (0.05 + random() * 0.08) * outH;
  const out = Buffer.alloc(outW * outH * 3);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      const w = h6 * x + h7 * y + 1;
      const u = (h0 * x + h1 * y + h2) / w;
      const v = (h3 * x + h4 * y + h5) / w;
      const o = (y * outW + x) * 3;
      const light = 1 - falloff * (Math.hypot(x - lightX, y - lightY) / diag);
      const d = Math.abs(
        (x - outW / 2) * Math.cos(bandAngle) + (y - outH / 2) * Math.sin(bandAngle) - bandOffset,
      );
      const shade = shadow + (1 - shadow) * Math.min(1, Math.max(0, (d - bandHalf) / (bandHalf * 0.7)));
      for (let c = 0; c < 3; c++) {
        let value: number;
        if (u >= 0 && v >= 0 && u < sw - 1 && v < sh - 1) {
          const x0 = Math.floor(u);
          const y0 = Math.floor(v);
          const fx = u - x0;
          const fy = v - y0;
          const i = (y0 * sw + x0) * 3 + c;
          const r = sw * 3;
          value =
            ((src[i] ?? 0) * (1 - fx) + (src[i + 3] ?? 0) * fx) * (1 - fy) +
            ((src[i + r] ?? 0) * (1 - fx) + (src[i + r + 3] ?? 0) * fx) * fy;
        } else {
          value = (desk.rgb[c] ?? 0) + desk.grain * Math.sin(x * 0.013 + y * 0.002 + c) * Math.sin(y * 0.05);
        }
        out[o + c] = Math.max(0, Math.min(255, value * light * shade + (random() - 0.5) * 10));
      }
    }
  }
  return new Uint8Array(
    await sharp(out, { raw: { width: outW, height: outH, channels: 3 } })
      .blur(0.5 + random() * 0.4)
      .withMetadata({ density: 72 })
      .jpeg({ quality: int(random, 78, 90) })
      .toBuffer(),
  );
}

/** The page as captured in a condition; the same seed gives the same bytes. Phone photos: half degrade-page's, half desks. */
export async function capturePage(
  png: Uint8Array,
  condition: CaptureCondition,
  seed: number,
): Promise<{ bytes: Uint8Array; capture: string }> {
  const random = seededRandom(seed * 104729 + 3);
  switch (condition) {
    case 'clean':
      return { bytes: await cleanScan(png), capture: 'clean scan 300 DPI' };
    case 'scan':
      return { bytes: await noisyScan(png, seed, random), capture: 'noisy scan 200 DPI' };
    case 'phone':
      if (random() < 0.5)
        return {
          bytes: await phoneLike(png, { seed, dpi: int(random, 150, 190) }),
          capture: 'phone, wood desk',
        };
      return { bytes: await deskPhoto(png, random), capture: 'phone, other desk' };
  }
}
