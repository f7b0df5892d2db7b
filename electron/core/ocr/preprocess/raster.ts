// Raw pixel buffers for preprocessing: decode with sharp (EXIF orientation + page rotation), resize, rotate, encode.
import sharp, { type Sharp } from 'sharp';
import { compose, rotation, scaling, translation, type Homography } from './projective';

export type GreyImage = { data: Uint8Array; width: number; height: number };
export type RgbImage = { data: Uint8Array; width: number; height: number };

/** 100 MP: the upload limit (page-image.ts); the OCR path never decodes more than what was accepted. */
const PIXEL_LIMIT = 100_000_000;

function view(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function decoder(image: Uint8Array, rotationDeg: number): Sharp {
  return sharp(image, { autoOrient: true, limitInputPixels: PIXEL_LIMIT }).rotate(rotationDeg).flatten({ background: '#ffffff' });
}

/** The page as a viewer shows it (EXIF orientation applied), turned `rotation` degrees clockwise, as 8-bit sRGB. */
export async function decodeRgb(image: Uint8Array, rotationDeg: number, longSide?: number): Promise<RgbImage> {
  let pipeline = decoder(image, rotationDeg);
  if (longSide) pipeline = pipeline.resize(longSide, longSide, { fit: 'inside' });
  const { data, info } = await pipeline.toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  if (info.channels === 3) return { data: view(data), width: info.width, height: info.height };
  // grey or grey+alpha input: sharp keeps the channel count it decoded; widen to RGB
  const rgb = new Uint8Array(info.width * info.height * 3);
  for (let p = 0, i = 0; p < info.width * info.height; p++, i += info.channels) rgb.fill(data[i] ?? 0, p * 3, p * 3 + 3);
  return { data: rgb, width: info.width, height: info.height };
}

/** Same geometry as decodeRgb, straight to luminance in libvips (no RGB copy in JavaScript). */
export async function decodeGrey(image: Uint8Array, rotationDeg: number): Promise<GreyImage> {
  const { data, info } = await decoder(image, rotationDeg).greyscale().extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { data: view(data), width: info.width, height: info.height };
}

export async function resizeRgb(img: RgbImage, width: number, height: number): Promise<RgbImage> {
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .resize(width, height, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: view(data), width: info.width, height: info.height };
}

/** Resizes with sharp (area-averaging when shrinking, Lanczos when enlarging). */
export async function resizeGrey(img: GreyImage, width: number, height: number): Promise<GreyImage> {
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .resize(width, height, { fit: 'fill' })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: view(data), width: info.width, height: info.height };
}

/**
 * The final image for tesseract in one libvips pass: turned `degrees` clockwise about its centre and scaled by `scale`
 * (one affine resampling, a third of the time of a rotate then a resize), onto a white canvas that holds it whole.
 * Returns the map from its pixels back to `img`'s.
 */
export async function finishGrey(img: GreyImage, degrees: number, scale: number): Promise<{ image: GreyImage; toInput: Homography }> {
  const t = (degrees * Math.PI) / 180;
  const [a, b, c, d] = [scale * Math.cos(t), -scale * Math.sin(t), scale * Math.sin(t), scale * Math.cos(t)];
  const image: GreyImage =
    degrees === 0 && scale === 1
      ? img
      : await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
          .affine([a, b, c, d], { background: '#ffffff', interpolator: sharp.interpolators.bilinear })
          .extractChannel(0)
          .raw()
          .toBuffer({ resolveWithObject: true })
          .then(({ data, info }) => ({ data: view(data).subarray(0, info.width * info.height), width: info.width, height: info.height }));
  // libvips centres the result: out = centre_out + M (in - centre_in), so in = centre_in + M⁻¹ (out - centre_out)
  const toInput = compose(
    translation(img.width / 2, img.height / 2),
    compose(rotation(-degrees), compose(scaling(1 / scale), translation(-image.width / 2, -image.height / 2))),
  );
  return { image, toInput };
}

/**
 * A binary PGM (P5) of the image: no compression to pay for on either side (a PNG of a noisy scan took ~100-150 ms
 * to write).
 */
export function toPgm(img: GreyImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${String(img.width)} ${String(img.height)}\n255\n`);
  const pgm = new Uint8Array(header.length + img.width * img.height);
  pgm.set(header);
  pgm.set(img.data.subarray(0, img.width * img.height), header.length);
  return pgm;
}

export function cropGrey(img: GreyImage, left: number, top: number, width: number, height: number): GreyImage {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const from = (top + y) * img.width + left;
    data.set(img.data.subarray(from, from + width), y * width);
  }
  return { data, width, height };
}

/** Otsu's threshold of a 256-bin histogram. */
export function otsuThreshold(histogram: ArrayLike<number>): number {
  let total = 0;
  let sum = 0;
  for (let v = 0; v < 256; v++) {
    total += histogram[v] ?? 0;
    sum += v * (histogram[v] ?? 0);
  }
  let weightB = 0;
  let sumB = 0;
  let best = 0;
  let threshold = 127;
  for (let v = 0; v < 256; v++) {
    weightB += histogram[v] ?? 0;
    if (weightB === 0) continue;
    const weightF = total - weightB;
    if (weightF === 0) break;
    sumB += v * (histogram[v] ?? 0);
    const between = weightB * weightF * (sumB / weightB - (sum - sumB) / weightF) ** 2;
    if (between > best) {
      best = between;
      threshold = v;
    }
  }
  return threshold;
}
