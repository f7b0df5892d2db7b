// Small JPEG previews of page images for lists and slot thumbnails.
import sharp from 'sharp';
import type { PageRotation } from './page-image';
import { decodeOptions } from './raster';

export type Thumbnail = { bytes: Uint8Array; width: number; height: number };

/**
 * A JPEG no larger than maxSide on either side, upright (EXIF orientation applied), then turned by
 * `rotation` clockwise degrees (the page's own rotation in the dossier).
 */
export async function makeThumbnail(
  bytes: Uint8Array,
  maxSide = 320,
  rotation: PageRotation = 0,
): Promise<Thumbnail> {
  const { data, info } = await sharp(bytes, decodeOptions({ autoOrient: true }))
    .rotate(rotation)
    .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 80 })
    .toBuffer({ resolveWithObject: true });
  return {
    bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    width: info.width,
    height: info.height,
  };
}

/**
 * Applies a clockwise rotation to the pixels and returns a PNG or JPEG (same type as the input).
 * Re-encodes a JPEG, so prefer storing the rotation in pages.rotation and applying it at display,
 * OCR and PDF time; use this only where a rotated file is really needed (e.g. export).
 */
export async function rotateImage(
  bytes: Uint8Array,
  rotation: PageRotation,
): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  const image = sharp(bytes, decodeOptions({ autoOrient: true })).rotate(rotation);
  const meta = await sharp(bytes).metadata();
  const out = meta.format === 'png' ? image.png() : image.jpeg({ quality: 92 });
  const { data, info } = await out.toBuffer({ resolveWithObject: true });
  return {
    bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    width: info.width,
    height: info.height,
  };
}
