// EXIF cut down to what shows a page correctly (orientation, resolution): everything else (GPS, camera, owner, dates,
// maker notes, thumbnails) is personal data nobody at the portal needs. Hand-written: the four tags are all we read.

/** IFD0 tags kept: Orientation, XResolution, YResolution, ResolutionUnit. */
const ORIENTATION = 0x0112;
const X_RESOLUTION = 0x011a;
const Y_RESOLUTION = 0x011b;
const RESOLUTION_UNIT = 0x0128;
const SHORT = 3;
const RATIONAL = 5;

export type KeptExif = {
  orientation?: number;
  xResolution?: [number, number];
  yResolution?: [number, number];
  resolutionUnit?: number;
};

/** Reads the kept tags from a TIFF-structured EXIF block ("II*\0" / "MM\0*" first); null when it is not one. */
export function readKeptExif(tiff: Uint8Array): KeptExif | null {
  if (tiff.length < 8) return null;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = String.fromCharCode(tiff[0] ?? 0, tiff[1] ?? 0);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  if (view.getUint16(2, le) !== 42) return null;
  const ifd = view.getUint32(4, le);
  if (ifd + 2 > tiff.length) return null;
  const count = view.getUint16(ifd, le);
  const kept: KeptExif = {};
  for (let i = 0; i < count; i += 1) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > tiff.length) break;
    const tag = view.getUint16(at, le);
    const type = view.getUint16(at + 2, le);
    if ((tag === ORIENTATION || tag === RESOLUTION_UNIT) && type === SHORT) {
      const value = view.getUint16(at + 8, le);
      if (tag === ORIENTATION && value >= 1 && value <= 8) kept.orientation = value;
      if (tag === RESOLUTION_UNIT && value >= 1 && value <= 3) kept.resolutionUnit = value;
    } else if ((tag === X_RESOLUTION || tag === Y_RESOLUTION) && type === RATIONAL) {
      const offset = view.getUint32(at + 8, le);
      if (offset + 8 > tiff.length) continue;
      const ratio: [number, number] = [view.getUint32(offset, le), view.getUint32(offset + 4, le)];
      if (ratio[1] === 0) continue;
      if (tag === X_RESOLUTION) kept.xResolution = ratio;
      else kept.yResolution = ratio;
    }
  }
  return kept;
}

/** A big-endian TIFF block with only the kept tags (IFD0, no next IFD); null when there is nothing to keep. */
export function writeKeptExif(kept: KeptExif): Uint8Array | null {
  const entries: { tag: number; type: number; value: number | [number, number] }[] = [];
  if (kept.orientation !== undefined && kept.orientation !== 1) entries.push({ tag: ORIENTATION, type: SHORT, value: kept.orientation });
  if (kept.xResolution) entries.push({ tag: X_RESOLUTION, type: RATIONAL, value: kept.xResolution });
  if (kept.yResolution) entries.push({ tag: Y_RESOLUTION, type: RATIONAL, value: kept.yResolution });
  if (kept.resolutionUnit !== undefined) entries.push({ tag: RESOLUTION_UNIT, type: SHORT, value: kept.resolutionUnit });
  if (entries.length === 0) return null;
  const ifdSize = 2 + entries.length * 12 + 4;
  const rationals = entries.filter((e) => Array.isArray(e.value)).length;
  const out = new Uint8Array(8 + ifdSize + rationals * 8);
  const view = new DataView(out.buffer);
  out.set([0x4d, 0x4d, 0x00, 0x2a]);
  view.setUint32(4, 8);
  view.setUint16(8, entries.length);
  let extra = 8 + ifdSize;
  entries.forEach((e, i) => {
    const at = 10 + i * 12;
    view.setUint16(at, e.tag);
    view.setUint16(at + 2, e.type);
    view.setUint32(at + 4, 1);
    if (Array.isArray(e.value)) {
      view.setUint32(at + 8, extra);
      view.setUint32(extra, e.value[0]);
      view.setUint32(extra + 4, e.value[1]);
      extra += 8;
    } else {
      view.setUint16(at + 8, e.value);
    }
  });
  view.setUint32(10 + entries.length * 12, 0); // no IFD1: no thumbnail
  return out;
}

/** Tags a scanner or an image library writes about the picture itself (IFD0 and the Exif sub-IFD): nothing personal. */
const BENIGN_IFD0 = new Set([0x0100, 0x0101, 0x0102, 0x0106, 0x0112, 0x0115, 0x011a, 0x011b, 0x0128, 0x0213, 0x8769]);
const BENIGN_EXIF = new Set([0x9000, 0x9101, 0xa000, 0xa001, 0xa002, 0xa003]);
const EXIF_IFD_POINTER = 0x8769;
const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 };

/**
 * True when an EXIF block says only how the picture is drawn (orientation, resolution, colour space, size), with no
 * thumbnail, GPS or other sub-IFD, and no byte that no tag accounts for (data hidden between the structures). Such a
 * block is kept as it is, so a scan with no personal metadata stays byte-identical.
 */
export function isBenignExif(tiff: Uint8Array): boolean {
  if (tiff.length < 8) return false;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = String.fromCharCode(tiff[0] ?? 0, tiff[1] ?? 0);
  if (order !== 'II' && order !== 'MM') return false;
  const le = order === 'II';
  let accounted = 8;
  const walk = (offset: number, allowed: ReadonlySet<number>): number | null => {
    if (offset + 2 > tiff.length) return null;
    const count = view.getUint16(offset, le);
    const end = offset + 2 + count * 12 + 4;
    if (end > tiff.length || view.getUint32(offset + 2 + count * 12, le) !== 0) return null; // an IFD1 is a thumbnail
    accounted += 2 + count * 12 + 4;
    let exifIfd = 0;
    for (let i = 0; i < count; i += 1) {
      const at = offset + 2 + i * 12;
      const tag = view.getUint16(at, le);
      if (!allowed.has(tag)) return null;
      const size = (TYPE_SIZES[view.getUint16(at + 2, le)] ?? 0) * view.getUint32(at + 4, le);
      if (size === 0) return null;
      if (size > 4) accounted += size;
      if (tag === EXIF_IFD_POINTER) exifIfd = view.getUint32(at + 8, le);
    }
    return exifIfd;
  };
  const exifIfd = walk(view.getUint32(4, le), BENIGN_IFD0);
  if (exifIfd === null) return false;
  if (exifIfd !== 0 && walk(exifIfd, BENIGN_EXIF) === null) return false;
  return accounted >= tiff.length;
}
