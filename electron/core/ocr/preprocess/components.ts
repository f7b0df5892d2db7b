// Connected components of a page's ink (8-connected, union-find), for leader and speck removal.
import { otsuThreshold, type GreyImage } from './raster';

export type Component = { x0: number; y0: number; x1: number; y1: number; area: number };

/**
 * 8-connected components of the pixels under `threshold`: bounding box and pixel count of each. Works on horizontal
 * runs of ink (a run joins the previous row's runs it touches, diagonals included), a few times faster than pixel
 * by pixel labelling.
 */
export function components(img: GreyImage, threshold: number): Component[] {
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
  const byRoot = new Map<number, Component>();
  for (let r = 0; r < runX0.length; r++) {
    const root = find(runLabel[r] ?? 0);
    const y = runY[r] ?? 0;
    const x0 = runX0[r] ?? 0;
    const x1 = runX1[r] ?? 0;
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

/** Components of the ink of a flattened page, thresholded at Otsu's level (never under 64). */
export function inkComponents(img: GreyImage): Component[] {
  const hist = new Uint32Array(256);
  for (const v of img.data) hist[v] = (hist[v] ?? 0) + 1;
  return components(img, Math.max(64, otsuThreshold(hist)));
}
