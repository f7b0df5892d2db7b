// Fixture: a randomised phone photo of a page on any desk (dark wood to white table, glass), any light, true perspective.
import sharp from 'sharp';
import { compose, homographyFromQuad, scaling, type Homography, type Point } from '../../electron/core/ocr/preprocess/projective';
import { seededRandom } from './vietnamese-corpus';

export type DeskKind = 'wood' | 'dark-cloth' | 'glass' | 'grey-counter' | 'white-table' | 'light-wood';
/** dark: desk luminance under ~110; light: over ~170; any: anything from near black to white */
export type DeskTone = 'dark' | 'light' | 'any';
/** The side of the page farthest from the camera, which the perspective narrows. */
export type KeystoneSide = 'top' | 'bottom' | 'left' | 'right';
export type ShadowShape = 'none' | 'edge' | 'band' | 'blob' | 'corner';

export type SceneOptions = {
  seed: number;
  desk?: DeskTone;
  keystone?: KeystoneSide | 'any';
  /** perspective tilt of the page plane, degrees; default 3-20 */
  tiltDeg?: readonly [number, number];
  /** in-plane rotation, degrees either way; default 0-8 */
  rollDeg?: readonly [number, number];
  /** pixels per inch of the page at its centre in the photo; default 140-190 */
  dpi?: readonly [number, number];
  /** the page image's own resolution; default 300 */
  pageDpi?: number;
  /** light left inside the first shadow, as a fraction of the lit paper (default 0.35-0.75, as any other shadow) */
  shadowDepth?: readonly [number, number];
  /** at least one shadow (by default 15% of scenes have none) */
  shadowed?: boolean;
};

/** What was drawn, for reports and for tests that pick their cases. */
export type Scene = {
  desk: DeskKind;
  deskLevel: number;
  keystone: KeystoneSide;
  tilt: number;
  roll: number;
  dpi: number;
  shadows: ShadowShape[];
  /** darkening of the desk right at the paper's edge (0: the paper's edge cannot be seen on a desk of its tone) */
  edgeShadow: number;
};

export type PhotoScene = {
  /** JPEG, 72 DPI as phones write */
  bytes: Uint8Array;
  width: number;
  height: number;
  /** the page's corners in the photo: top-left, top-right, bottom-right, bottom-left of the page as printed */
  corners: Point[];
  /** photo pixel -> pixel of the page image given */
  photoToPage: Homography;
  scene: Scene;
};

type Rgb = [number, number, number];
type Random = () => number;

const between = (random: Random, lo: number, hi: number) => lo + random() * (hi - lo);
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)] ?? (list[0] as T);
const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);

/** A smooth value noise in [0, 1) on a lattice of `cell` pixels (deterministic hash), for stone and cloth textures. */
function hash(x: number, y: number, salt: number): number {
  let h = Math.imul(x | 0, 374761393) + Math.imul(y | 0, 668265263) + Math.imul(salt, 2147483647);
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

type Desk = { kind: DeskKind; level: number; colour: (x: number, y: number) => Rgb };

function makeDesk(random: Random, tone: DeskTone, salt: number): Desk {
  const kinds: DeskKind[] =
    tone === 'dark' ? ['wood', 'dark-cloth', 'glass'] : tone === 'light' ? ['grey-counter', 'white-table', 'light-wood'] : ['wood', 'dark-cloth', 'glass', 'grey-counter', 'white-table', 'light-wood'];
  const kind = pick(random, kinds);
  const grainAngle = random() * Math.PI;
  const [gc, gs] = [Math.cos(grainAngle), Math.sin(grainAngle)];
  const tint: Rgb = [between(random, 0.96, 1.04), between(random, 0.96, 1.04), between(random, 0.94, 1.06)];
  const woodLike = (level: number): Desk => {
    const hue: Rgb = [1.25, 0.93, 0.68]; // brown: red over green over blue
    return {
      kind,
      level,
      colour: (x, y) => {
        const along = x * gc + y * gs;
        const across = -x * gs + y * gc;
        const grain = 0.12 * Math.sin(across * 0.045 + Math.sin(along * 0.004) * 6) + 0.05 * Math.sin(across * 0.31);
        const v = level * (1 + grain);
        return [v * hue[0] * tint[0], v * hue[1] * tint[1], v * hue[2] * tint[2]];
      },
    };
  };
  switch (kind) {
    case 'wood':
      return woodLike(tone === 'dark' ? between(random, 55, 100) : between(random, 55, 150));
    case 'light-wood':
      return woodLike(between(random, 170, 195));
    case 'dark-cloth': {
      const level = between(random, 15, 55);
      return { kind, level, colour: (x, y) => { const n = 1 + 0.25 * (hash(x >> 1, y >> 1, salt) - 0.5); return [level * n * tint[0], level * n * tint[1], level * n * tint[2]]; } };
    }
    case 'glass': {
      // dark glass with a tint, and bright soft reflections of the ceiling lights across it
      const level = between(random, 25, 85);
      const glassTint: Rgb = [0.9, 1.0, between(random, 0.95, 1.15)];
      const streaks = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
        angle: random() * Math.PI,
        offset: random(),
        width: between(random, 0.02, 0.1),
        gain: between(random, 60, 170),
      }));
      return {
        kind,
        level,
        colour: (x, y) => {
          let add = 0;
          for (const s of streaks) {
            const d = (x * Math.cos(s.angle) + y * Math.sin(s.angle)) / 2000 - s.offset;
            add += s.gain * Math.exp(-((d / s.width) ** 2));
          }
          return [level * glassTint[0] + add, level * glassTint[1] + add, level * glassTint[2] + add];
        },
      };
    }
    case 'grey-counter': {
      // stone: fine specks darker and lighter than the counter, as granite and terrazzo are
      const level = tone === 'light' ? between(random, 170, 205) : between(random, 105, 205);
      const speckle = between(random, 0.05, 0.25);
      return {
        kind,
        level,
        colour: (x, y) => {
          const fine = hash(x >> 1, y >> 1, salt);
          const coarse = hash(x >> 3, y >> 3, salt + 1);
          const n = 1 + speckle * (fine - 0.5) + (coarse > 0.93 ? -0.35 : coarse < 0.04 ? 0.2 : 0);
          return [level * n * tint[0], level * n * tint[1], level * n * tint[2]];
        },
      };
    }
    case 'white-table': {
      const level = between(random, 215, 250);
      return { kind, level, colour: (x, y) => { const n = 1 + 0.02 * Math.sin(x * 0.002 + y * 0.0013); return [level * n * tint[0], level * n * tint[1], level * n * tint[2]]; } };
    }
  }
}

type Shadow = { shape: ShadowShape; factor: (x: number, y: number) => number };

/** A shadow over the scene (a hand, the phone, a head, a monitor's corner), with a soft edge of its own width. */
function makeShadow(random: Random, w: number, h: number, depthRange: readonly [number, number] = [0.35, 0.75]): Shadow {
  const shape = pick(random, ['edge', 'band', 'blob', 'corner'] as const);
  const diag = Math.hypot(w, h);
  const depth = between(random, ...depthRange); // light left inside the shadow
  const soft = between(random, 0.005, 0.12) * diag; // penumbra width
  const ramp = (d: number) => {
    const t = Math.min(1, Math.max(0, d / soft + 0.5)); // 0 inside, 1 outside
    const s = t * t * (3 - 2 * t);
    return depth + (1 - depth) * s;
  };
  const angle = random() * Math.PI * 2;
  const [nx, ny] = [Math.cos(angle), Math.sin(angle)];
  const cx = between(random, 0.2, 0.8) * w;
  const cy = between(random, 0.2, 0.8) * h;
  switch (shape) {
    case 'edge':
      return { shape, factor: (x, y) => ramp((x - cx) * nx + (y - cy) * ny) };
    case 'band': {
      const half = between(random, 0.04, 0.15) * diag;
      return { shape, factor: (x, y) => ramp(Math.abs((x - cx) * nx + (y - cy) * ny) - half) };
    }
    case 'blob': {
      const [rx, ry] = [between(random, 0.12, 0.3) * w, between(random, 0.1, 0.25) * h];
      return { shape, factor: (x, y) => ramp((Math.hypot((x - cx) / rx, (y - cy) / ry) - 1) * Math.min(rx, ry)) };
    }
    case 'corner': {
      const corner = Math.floor(random() * 4);
      const [kx, ky] = [corner % 2 === 0 ? 0 : w, corner < 2 ? 0 : h];
      const r = between(random, 0.3, 0.6) * diag;
      return { shape, factor: (x, y) => ramp(Math.hypot(x - kx, y - ky) - r) };
    }
  }
}

/** Where the page's corners land: a tilted plane seen by a pinhole camera, turned in the image plane. */
function perspectiveCorners(random: Random, pw: number, ph: number, side: KeystoneSide, tiltDeg: number, rollDeg: number): Point[] {
  const far: Point = side === 'top' ? [0, -1] : side === 'bottom' ? [0, 1] : side === 'left' ? [-1, 0] : [1, 0];
  // a little of the orthogonal direction too: real photos are rarely tilted along one axis only
  const mix = between(random, -0.3, 0.3);
  const sx = far[0] + mix * far[1];
  const sy = far[1] - mix * far[0];
  const norm = Math.hypot(sx, sy);
  const s: Point = [sx / norm, sy / norm];
  const t = (tiltDeg * Math.PI) / 180;
  const distance = Math.hypot(pw, ph) * between(random, 0.9, 1.4);
  const roll = (rollDeg * Math.PI) / 180;
  const project = ([x, y]: Point): Point => {
    const d = x * s[0] + y * s[1];
    const px = x - s[0] * d * (1 - Math.cos(t));
    const py = y - s[1] * d * (1 - Math.cos(t));
    const z = distance + d * Math.sin(t);
    const u = (px * distance) / z;
    const v = (py * distance) / z;
    return [u * Math.cos(roll) - v * Math.sin(roll), u * Math.sin(roll) + v * Math.cos(roll)];
  };
  return ([[-pw / 2, -ph / 2], [pw / 2, -ph / 2], [pw / 2, ph / 2], [-pw / 2, ph / 2]] as Point[]).map(project);
}

async function toRgb(image: Uint8Array | Buffer): Promise<{ data: Uint8Array; width: number; height: number }> {
  const { data, info } = await sharp(image).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

/**
 * A smooth per-pixel map (light, glare) computed on a grid of 4 px and enlarged by sharp: shadows' soft edges are
 * wider than that; values are stored as 200 x the factor (factors up to 1.27 fit a byte).
 */
async function lightMap(w: number, h: number, at: (x: number, y: number) => number): Promise<Uint8Array> {
  const [gw, gh] = [Math.ceil(w / 4), Math.ceil(h / 4)];
  const grid = new Uint8Array(gw * gh);
  for (let y = 0; y < gh; y++) for (let x = 0; x < gw; x++) grid[y * gw + x] = clamp(Math.round(200 * at(x * 4 + 2, y * 4 + 2)));
  const big = await sharp(grid, { raw: { width: gw, height: gh, channels: 1 } }).resize(w, h, { fit: 'fill', kernel: 'cubic' }).extractChannel(0).raw().toBuffer();
  return new Uint8Array(big.buffer, big.byteOffset, big.byteLength);
}

function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(Math.max(1e-9, random()))) * Math.cos(2 * Math.PI * random());
}

/**
 * Photographs `page` (a PNG or JPEG of the page, `pageDpi` pixels per inch) lying on a desk: every choice is drawn
 * from the seed (desk kind and tone, paper tint, tilt towards any side, rotation, light fall-off, 0-2 shadows of any
 * shape with soft or hard edges, a glare, white balance, noise, blur, JPEG quality).
 */
export async function photographPage(page: Uint8Array, opts: SceneOptions): Promise<PhotoScene> {
  const random = seededRandom(opts.seed * 7919 + 17);
  const pageDpi = opts.pageDpi ?? 300;
  const meta = await sharp(page).metadata();
  const dpi = between(random, ...(opts.dpi ?? [140, 190]));
  const k = dpi / pageDpi;
  const src = await toRgb(await sharp(page).resize(Math.round(meta.width * k)).toBuffer());
  const side: KeystoneSide = !opts.keystone || opts.keystone === 'any' ? pick(random, ['top', 'bottom', 'left', 'right'] as const) : opts.keystone;
  const tilt = between(random, ...(opts.tiltDeg ?? [3, 20]));
  const roll = between(random, ...(opts.rollDeg ?? [0, 8])) * (random() < 0.5 ? -1 : 1);
  const projected = perspectiveCorners(random, src.width, src.height, side, tilt, roll);
  const xs = projected.map((p) => p[0]);
  const ys = projected.map((p) => p[1]);
  const [bw, bh] = [Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
  const outW = Math.round(bw / between(random, 0.72, 0.9));
  const outH = Math.round(bh / between(random, 0.74, 0.92));
  const ox = Math.min(...xs) - between(random, 0.25, 0.75) * (outW - bw);
  const oy = Math.min(...ys) - between(random, 0.25, 0.75) * (outH - bh);
  const corners: Point[] = projected.map(([x, y]) => [x - ox, y - oy]);
  const toSrc = homographyFromQuad(corners, [[0, 0], [src.width, 0], [src.width, src.height], [0, src.height]]);

  const desk = makeDesk(random, opts.desk ?? 'any', opts.seed);
  // the count is drawn the same way whatever the options: conditions that fix nothing about shadows keep their scenes
  const drawnCount = random() < 0.15 ? 0 : random() < 0.7 ? 1 : 2;
  const shadowCount = opts.shadowed ? Math.max(1, drawnCount) : drawnCount;
  const shadows = Array.from({ length: shadowCount }, (_, i) => makeShadow(random, outW, outH, i === 0 ? opts.shadowDepth : undefined));
  const paper: Rgb = [between(random, 0.9, 1), 0, 0];
  paper[1] = paper[0] * between(random, 0.97, 1.0);
  paper[2] = paper[0] * between(random, 0.9, 1.0);
  const exposure = between(random, 0.85, 1.05);
  const fallAngle = random() * Math.PI * 2;
  const fall = between(random, 0, 0.35);
  const edgeShadow = random() < 0.2 ? 0 : between(random, 0.04, 0.3);
  const edgeReach = between(random, 1, 5);
  const glare = random() < 0.25 ? { x: random() * outW, y: random() * outH, r: between(random, 0.1, 0.3) * outW, a: between(random, 0.1, 0.3) } : null;
  const [fx, fy] = [Math.cos(fallAngle), Math.sin(fallAngle)];
  const diag = Math.hypot(outW, outH);
  const balance: Rgb = pick(random, [[1, 0.96, 0.86], [1, 1, 1], [0.93, 0.97, 1], [1, 0.98, 0.93]] as Rgb[]);

  const light = await lightMap(outW, outH, (x, y) => {
    let value = exposure * (1 - fall * (0.5 + ((x - outW / 2) * fx + (y - outH / 2) * fy) / diag));
    value *= 1 - 0.25 * (((x - outW / 2) ** 2 + (y - outH / 2) ** 2) / (diag / 2) ** 2); // lens vignetting
    for (const shadow of shadows) value *= shadow.factor(x, y);
    return value;
  });
  const glareMap = glare ? await lightMap(outW, outH, (x, y) => glare.a * Math.exp(-(((x - glare.x) ** 2 + (y - glare.y) ** 2) / glare.r ** 2))) : null;
  const out = new Uint8Array(outW * outH * 3);
  const s = src.data;
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = toSrc;
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      const w = h6 * (x + 0.5) + h7 * (y + 0.5) + h8;
      const u = (h0 * (x + 0.5) + h1 * (y + 0.5) + h2) / w;
      const v = (h3 * (x + 0.5) + h4 * (y + 0.5) + h5) / w;
      let r: number;
      let g: number;
      let b: number;
      if (u >= 0 && v >= 0 && u < src.width - 1 && v < src.height - 1) {
        const x0 = Math.floor(u);
        const y0 = Math.floor(v);
        const ax = u - x0;
        const ay = v - y0;
        const i00 = (y0 * src.width + x0) * 3;
        const i01 = i00 + src.width * 3;
        const w00 = (1 - ax) * (1 - ay);
        const w10 = ax * (1 - ay);
        const w01 = (1 - ax) * ay;
        const w11 = ax * ay;
        r = ((s[i00] ?? 0) * w00 + (s[i00 + 3] ?? 0) * w10 + (s[i01] ?? 0) * w01 + (s[i01 + 3] ?? 0) * w11) * paper[0];
        g = ((s[i00 + 1] ?? 0) * w00 + (s[i00 + 4] ?? 0) * w10 + (s[i01 + 1] ?? 0) * w01 + (s[i01 + 4] ?? 0) * w11) * paper[1];
        b = ((s[i00 + 2] ?? 0) * w00 + (s[i00 + 5] ?? 0) * w10 + (s[i01 + 2] ?? 0) * w01 + (s[i01 + 5] ?? 0) * w11) * paper[2];
      } else {
        [r, g, b] = desk.colour(x, y);
        // the paper's thickness casts a thin shadow on the desk along its edge (distance in photo pixels, roughly)
        const du = u < 0 ? -u : u > src.width ? u - src.width : 0;
        const dv = v < 0 ? -v : v > src.height ? v - src.height : 0;
        const d = Math.sqrt(du * du + dv * dv);
        if (edgeShadow > 0 && d < edgeReach * 4) {
          const f = 1 - edgeShadow * Math.exp(-d / edgeReach);
          r *= f;
          g *= f;
          b *= f;
        }
      }
      const p = y * outW + x;
      const l = (light[p] ?? 255) / 200;
      const a = glareMap ? (glareMap[p] ?? 0) / 200 : 0;
      const o = p * 3;
      out[o] = clamp(r * l * balance[0] * (1 - a) + 255 * a);
      out[o + 1] = clamp(g * l * balance[1] * (1 - a) + 255 * a);
      out[o + 2] = clamp(b * l * balance[2] * (1 - a) + 255 * a);
    }
  }
  const noise = between(random, 2, 6);
  // sensor noise: mostly luminance, a little colour; drawn from a table of normal deviates (a draw per pixel is slow)
  const table = Float32Array.from({ length: 65536 }, () => gaussian(random) * noise);
  let t = Math.floor(random() * 65536);
  for (let i = 0; i < out.length; i += 3) {
    t = (t * 1103515245 + 12345) >>> 0;
    const n = table[t >>> 16] ?? 0;
    const c = (table[t & 0xffff] ?? 0) * 0.3;
    out[i] = clamp((out[i] ?? 0) + n + c);
    out[i + 1] = clamp((out[i + 1] ?? 0) + n);
    out[i + 2] = clamp((out[i + 2] ?? 0) + n - c);
  }
  const jpeg = await sharp(out, { raw: { width: outW, height: outH, channels: 3 } })
    .blur(between(random, 0.5, 1.1))
    .withMetadata({ density: 72 })
    .jpeg({ quality: Math.round(between(random, 78, 92)) })
    .toBuffer();
  return {
    bytes: new Uint8Array(jpeg),
    width: outW,
    height: outH,
    corners: corners.map(([x, y]) => [x, y]),
    photoToPage: compose(scaling(1 / k), toSrc),
    scene: { desk: desk.kind, deskLevel: Math.round(desk.level), keystone: side, tilt, roll, dpi, shadows: shadows.map((sh) => sh.shape), edgeShadow },
  };
}
