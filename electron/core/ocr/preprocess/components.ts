// Connected components of a page's ink (8-connected, union-find), for leader and speck removal.
import { otsuThreshold, type GreyImage } from './raster';

export type Component = { x0: number; y0: number; x1: number; y1: number; area: number; root: number };

/** 8-connected components of the pixels under `threshold`: bounding box and pixel count of each. */
export function components(img: GreyImage, threshold: number): Component[] {
  const { width, height, data } = img;
  const labels = new Int32Array(width * height);
  const parent: number[] = [0];
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
  const union = (a: number, b: number): number => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return ra;
    const [lo, hi] = ra < rb ? [ra, rb] : [rb, ra];
    parent[hi] = lo;
    return lo;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if ((data[i] ?? 255) >= threshold) continue;
      let label = 0;
      for (let k = 0; k < 4; k++) {
        const n = k === 0 ? (x > 0 ? i - 1 : -1) : y === 0 ? -1 : k === 1 ? (x > 0 ? i - width - 1 : -1) : k === 2 ? i - width : x < width - 1 ? i - width + 1 : -1;
        const l = n >= 0 ? (labels[n] ?? 0) : 0;
        if (l === 0) continue;
        label = label === 0 ? l : union(label, l);
      }
      if (label === 0) {
        label = parent.length;
        parent.push(label);
      }
      labels[i] = label;
    }
  }
  const byRoot = new Map<number, Component>();
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i] ?? 0;
    if (l === 0) continue;
    const root = find(l);
    labels[i] = root;
    const x = i % width;
    const y = (i - x) / width;
    const c = byRoot.get(root);
    if (c) {
      c.area++;
      if (x < c.x0) c.x0 = x;
      if (x > c.x1) c.x1 = x;
      if (y > c.y1) c.y1 = y;
    } else {
      byRoot.set(root, { x0: x, y0: y, x1: x, y1: y, area: 1, root });
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
