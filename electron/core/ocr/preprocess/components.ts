// Connected components of a page's ink (8-connected, union-find), for leader, speck and furniture-ink analysis.
import { otsuThreshold, type GreyImage } from './raster';

export type Component = { x0: number; y0: number; x1: number; y1: number; area: number };

/** A component with the second moments of its pixels, for its thickness across its main direction. */
export type Moments = Component & { sx: number; sy: number; sxx: number; syy: number; sxy: number };

export type Run = { y: number; x0: number; x1: number; root: number };

/**
 * Horizontal runs of the pixels under `threshold`, each with the label of its 8-connected component: a run joins the
 * previous row's runs it touches (diagonals included), a few times faster than pixel by pixel labelling.
 */
export function labelRuns(img: GreyImage, threshold: number): { runs: Run[] } {
  const { width, height, data } = img;
  const parent: number[] = [];
  const find = (a: number): number => {
    let r = a;
    while (parent[r] !== r) r = parent[r] ?? r;
    while (parent[a] !== r) {
      const next = parent[a] ?? r;
      parent[a] = r;
      a = next;
    }
    return r;
  };
  const runY: number[] = [];
  const runX0: number[] = [];
  const runX1: number[] = [];
  const runLabel: number[] = [];
  let prevFrom = 0;
  let prevTo = 0;
  for (let y = 0; y < height; y++) {
    const rowFrom = runX0.length;
    const row = y * width;
    let q = prevFrom;
    let x = 0;
    while (x < width) {
      while (x < width && (data[row + x] ?? 255) >= threshold) x++;
      if (x >= width) break;
      const start = x;
      while (x < width && (data[row + x] ?? 255) < threshold) x++;
      const end = x - 1;
      let label = -1;
      while (q < prevTo && (runX1[q] ?? 0) < start - 1) q++;
      for (let k = q; k < prevTo && (runX0[k] ?? 0) <= end + 1; k++) {
        const other = find(runLabel[k] ?? 0);
        if (label < 0) label = other;
        else if (other !== label) {
          const [lo, hi] = other < label ? [other, label] : [label, other];
          parent[hi] = lo;
          label = lo;
        }
      }
      if (label < 0) {
        label = parent.length;
        parent.push(label);
      }
      runY.push(y);
      runX0.push(start);
      runX1.push(end);
      runLabel.push(label);
    }
    prevFrom = rowFrom;
    prevTo = runX0.length;
  }
  const runs: Run[] = runX0.map((x0, r) => ({ y: runY[r] ?? 0, x0, x1: runX1[r] ?? 0, root: find(runLabel[r] ?? 0) }));
  return { runs };
}

/** 8-connected components of the pixels under `threshold`: bounding box and pixel count of each. */
export function components(img: GreyImage, threshold: number): Component[] {
  const byRoot = new Map<number, Component>();
  for (const { y, x0, x1, root } of labelRuns(img, threshold).runs) {
    const c = byRoot.get(root);
    if (c) {
      c.area += x1 - x0 + 1;
      if (x0 < c.x0) c.x0 = x0;
      if (x1 > c.x1) c.x1 = x1;
      if (y < c.y0) c.y0 = y;
      if (y > c.y1) c.y1 = y;
    } else {
      byRoot.set(root, { x0, y0: y, x1, y1: y, area: x1 - x0 + 1 });
    }
  }
  return [...byRoot.values()];
}

/**
 * Components of `mask`'s set pixels with their moments (sums of x, y, x², y², xy), by the same run-based labelling
 * (each run's sums in closed form).
 */
export function componentMoments(mask: Uint8Array, width: number, height: number): Moments[] {
  const img = new Uint8Array(mask.length);
  for (let p = 0; p < mask.length; p++) img[p] = mask[p] ? 0 : 255;
  const found = labelRuns({ data: img, width, height }, 128);
  const byRoot = new Map<number, Moments>();
  for (const run of found.runs) {
    const n = run.x1 - run.x0 + 1;
    const sx = (n * (run.x0 + run.x1)) / 2;
    const sxx = (run.x1 * (run.x1 + 1) * (2 * run.x1 + 1) - (run.x0 - 1) * run.x0 * (2 * run.x0 - 1)) / 6;
    const m = byRoot.get(run.root);
    if (m) {
      m.area += n;
      m.x0 = Math.min(m.x0, run.x0);
      m.x1 = Math.max(m.x1, run.x1);
      m.y1 = Math.max(m.y1, run.y);
      m.sx += sx;
      m.sy += n * run.y;
      m.sxx += sxx;
      m.syy += n * run.y * run.y;
      m.sxy += run.y * sx;
    } else {
      byRoot.set(run.root, { x0: run.x0, y0: run.y, x1: run.x1, y1: run.y, area: n, sx, sy: n * run.y, sxx, syy: n * run.y * run.y, sxy: run.y * sx });
    }
  }
  return [...byRoot.values()];
}

/** Extent (±2σ) of a component across its main direction: a word's height even when the word is tilted. */
export function thickness(m: Moments): number {
  const n = m.area;
  const vx = m.sxx / n - (m.sx / n) ** 2 + 1 / 12;
  const vy = m.syy / n - (m.sy / n) ** 2 + 1 / 12;
  const cxy = m.sxy / n - (m.sx / n) * (m.sy / n);
  const minor = (vx + vy) / 2 - Math.sqrt(((vx - vy) / 2) ** 2 + cxy * cxy);
  return 4 * Math.sqrt(Math.max(0, minor));
}

/** Components of the ink of a flattened page, thresholded at Otsu's level (never under 64). */
export function inkComponents(img: GreyImage): Component[] {
  const hist = new Uint32Array(256);
  for (const v of img.data) hist[v] = (hist[v] ?? 0) + 1;
  return components(img, Math.max(64, otsuThreshold(hist)));
}

/** Square dilation of a 0/1 mask by `radius` pixels (separable: along rows, then columns). */
export function dilateMask(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const across = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) if (mask[row + x]) across.fill(1, row + Math.max(0, x - radius), row + Math.min(width, x + radius + 1));
  }
  const out = new Uint8Array(mask.length);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      if (!across[y * width + x]) continue;
      for (let d = Math.max(0, y - radius); d <= Math.min(height - 1, y + radius); d++) out[d * width + x] = 1;
    }
  }
  return out;
}

/** Marks bucketed by the columns of width `column` they span: their neighbours above or beside are found in a few buckets. */
export function byColumns(list: readonly Component[], column: number): Map<number, Component[]> {
  const buckets = new Map<number, Component[]>();
  for (const c of list) {
    for (let k = Math.floor(c.x0 / column); k <= Math.floor(c.x1 / column); k++) {
      const bucket = buckets.get(k);
      if (bucket) bucket.push(c);
      else buckets.set(k, [c]);
    }
  }
  return buckets;
}
