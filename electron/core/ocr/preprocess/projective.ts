// Plane maps (3x3 homographies) between the preprocessed image and the image as given: word boxes land on the original.

/** Row-major 3x3: (x, y) -> ((a·x + b·y + c) / w, (d·x + e·y + f) / w) with w = g·x + h·y + i. */
export type Homography = readonly [number, number, number, number, number, number, number, number, number];

export type Point = readonly [number, number];

export const identity: Homography = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** `outer ∘ inner`: first `inner`, then `outer`. */
export function compose(outer: Homography, inner: Homography): Homography {
  const at = (h: Homography, i: number) => h[i] ?? 0;
  const m = (r: number, c: number) =>
    at(outer, r * 3) * at(inner, c) + at(outer, r * 3 + 1) * at(inner, 3 + c) + at(outer, r * 3 + 2) * at(inner, 6 + c);
  return [m(0, 0), m(0, 1), m(0, 2), m(1, 0), m(1, 1), m(1, 2), m(2, 0), m(2, 1), m(2, 2)];
}

export function apply(m: Homography, x: number, y: number): [number, number] {
  const w = m[6] * x + m[7] * y + m[8];
  return [(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w];
}

/** The inverse map (adjugate over determinant); throws on a degenerate map. */
export function invert(m: Homography): Homography {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-12) throw new Error('degenerate plane map');
  const k = 1 / det;
  return [
    A * k,
    -(b * i - c * h) * k,
    (b * f - c * e) * k,
    B * k,
    (a * i - c * g) * k,
    -(a * f - c * d) * k,
    C * k,
    -(a * h - b * g) * k,
    (a * e - b * d) * k,
  ];
}

export const translation = (dx: number, dy: number): Homography => [1, 0, dx, 0, 1, dy, 0, 0, 1];

export const scaling = (sx: number, sy = sx): Homography => [sx, 0, 0, 0, sy, 0, 0, 0, 1];

/** Rotation by `degrees` about the origin, clockwise on screen (image y axis down), as sharp's rotate() turns. */
export function rotation(degrees: number): Homography {
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  return [cos, -sin, 0, sin, cos, 0, 0, 0, 1];
}

/**
 * The homography taking each of the 4 points `from` to the matching one of `to` (h33 = 1): the 8x8 linear system
 * solved by Gaussian elimination with partial pivoting. Throws when three of the points are on one line.
 */
export function homographyFromQuad(from: readonly Point[], to: readonly Point[]): Homography {
  const rows: number[][] = [];
  for (let k = 0; k < 4; k++) {
    const [x, y] = from[k] ?? [0, 0];
    const [u, v] = to[k] ?? [0, 0];
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(rows[r]?.[col] ?? 0) > Math.abs(rows[pivot]?.[col] ?? 0)) pivot = r;
    const p = rows[pivot] ?? [];
    if (Math.abs(p[col] ?? 0) < 1e-12) throw new Error('degenerate quadrilateral');
    rows[pivot] = rows[col] ?? [];
    rows[col] = p;
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const row = rows[r] ?? [];
      const f = (row[col] ?? 0) / (p[col] ?? 1);
      if (f !== 0) for (let c = col; c < 9; c++) row[c] = (row[c] ?? 0) - f * (p[c] ?? 0);
    }
  }
  const h = rows.map((row, k) => (row[8] ?? 0) / (row[k] ?? 1));
  return [h[0] ?? 0, h[1] ?? 0, h[2] ?? 0, h[3] ?? 0, h[4] ?? 0, h[5] ?? 0, h[6] ?? 0, h[7] ?? 0, 1];
}

export type Box = { x0: number; y0: number; x1: number; y1: number };

/** The axis-aligned box around the image of `box` under `m`, rounded outwards and clamped to width x height. */
export function mapBox(m: Homography, box: Box, width: number, height: number): Box {
  const corners = [apply(m, box.x0, box.y0), apply(m, box.x1, box.y0), apply(m, box.x1, box.y1), apply(m, box.x0, box.y1)];
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  return {
    x0: clamp(Math.floor(Math.min(...xs)), width),
    y0: clamp(Math.floor(Math.min(...ys)), height),
    x1: clamp(Math.ceil(Math.max(...xs)), width),
    y1: clamp(Math.ceil(Math.max(...ys)), height),
  };
}
