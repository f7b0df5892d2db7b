// Affine maps between the preprocessed image and the image as given, so OCR word boxes land on the original pixels.

/** (x, y) -> (a·x + b·y + c, d·x + e·y + f) */
export type Affine = readonly [a: number, b: number, c: number, d: number, e: number, f: number];

export const identity: Affine = [1, 0, 0, 0, 1, 0];

/** `outer ∘ inner`: first `inner`, then `outer`. */
export function compose(outer: Affine, inner: Affine): Affine {
  const [a1, b1, c1, d1, e1, f1] = outer;
  const [a2, b2, c2, d2, e2, f2] = inner;
  return [
    a1 * a2 + b1 * d2,
    a1 * b2 + b1 * e2,
    a1 * c2 + b1 * f2 + c1,
    d1 * a2 + e1 * d2,
    d1 * b2 + e1 * e2,
    d1 * c2 + e1 * f2 + f1,
  ];
}

export function applyAffine(m: Affine, x: number, y: number): [number, number] {
  return [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]];
}

export const translation = (dx: number, dy: number): Affine => [1, 0, dx, 0, 1, dy];

export const scaling = (s: number): Affine => [s, 0, 0, 0, s, 0];


/** Rotation by `degrees` about the origin, clockwise on screen (image y axis down), as sharp's rotate() turns. */
export function rotation(degrees: number): Affine {
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  return [cos, -sin, 0, sin, cos, 0];
}

export type Box = { x0: number; y0: number; x1: number; y1: number };

/** The axis-aligned box around the image of `box` under `m`, rounded outwards and clamped to width x height. */
export function mapBox(m: Affine, box: Box, width: number, height: number): Box {
  const corners = [
    applyAffine(m, box.x0, box.y0),
    applyAffine(m, box.x1, box.y0),
    applyAffine(m, box.x1, box.y1),
    applyAffine(m, box.x0, box.y1),
  ];
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
