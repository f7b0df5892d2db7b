// Second look at a Giấy chứng sinh's written values: each value's line re-read from the image in a few views, then a vote.
import type { PageRotation } from '../files/page-image';
import type { OcrEngine, OcrWord } from '../ocr/ocr-engine';
import { extractBirthCertificate, type BirthCertificateExtraction } from './birth-certificate';
import { LOW_CONFIDENCE, type BirthCertificateField, type ExtractedField } from './extracted-field';
import type { OcrInput } from './ocr-lines';
import { NAME_MAY_BE_CUT } from './text-values';
import { pageRaster, patchOcr, readBox, spanBox, type CropSettings, type Replacement } from './value-reread';

/**
 * The handwritten values OCR misreads most. Sex ("Nam"/"Nữ") and the mother's year are read well at once; the place
 * is left to the first pass too: a crop of it lost its commas more often than it mended a word (tuning seeds).
 */
const REREAD: readonly BirthCertificateField[] = ['childFullName', 'dateOfBirth', 'motherFullName', 'motherIdNumber'];

type View = CropSettings & { fields: readonly BirthCertificateField[]; characters?: string };

/**
 * Views of each value's crop, chosen on the tuning seeds of bench:fields (41-88, docs/BENCHMARKS.md): enlarged to
 * letters 40 and 64 px tall, and 48 px after a median (speckle). Each view misreads other pages than the first pass
 * does, so the value the readings back most is more often right than any one reading. (A digits-only view of the ID
 * changed nothing there: tesseract gives its whitelisted words confidence 0, so it cannot weigh in.)
 */
const VIEWS: readonly View[] = [
  { letterHeight: 40, reach: 4, fields: REREAD },
  { letterHeight: 64, reach: 4, fields: REREAD },
  { letterHeight: 48, reach: 4, median: true, fields: REREAD },
];

/** The first pass's extraction re-read through one view: the page's OCR with the views' readings patched in. */
async function readView(
  engine: OcrEngine,
  raster: Awaited<ReturnType<typeof pageRaster>>,
  ocr: OcrInput,
  first: BirthCertificateExtraction,
  view: View,
): Promise<ExtractedField[]> {
  const replacements: Replacement[] = [];
  for (const key of view.fields) {
    const span = first.spans[key];
    const found = span && span.words.length > 0 ? spanBox(span, view) : null;
    if (!span || !found) continue;
    const by: OcrWord[] = await readBox(engine, raster, found, view, view.characters);
    replacements.push({ span, by });
  }
  if (replacements.length === 0) return [];
  const fields = extractBirthCertificate(patchOcr(ocr, replacements)).fields;
  return fields.filter((f) => view.fields.includes(f.field));
}

/**
 * Per field, the value the readings (the first pass and every view that re-read it) back most, by the sum of their
 * confidences (a sure reading outweighs two garbled ones that agree by chance); a tie goes to the first pass. Its
 * confidence is the best of the readings that gave it, scaled by the share of readings that agree: a value only one
 * reading in four gave is flagged for the agent even when tesseract was sure of it.
 */
export function voteReadings(first: readonly ExtractedField[], views: readonly ExtractedField[][]): ExtractedField[] {
  const names = new Set([...first.map((f) => f.field), ...views.flat().map((f) => f.field)]);
  const out: ExtractedField[] = [];
  for (const name of names) {
    const own = first.find((f) => f.field === name);
    const readings = [own, ...views.map((v) => v.find((f) => f.field === name))].filter(
      (f): f is ExtractedField => f !== undefined,
    );
    const voters = 1 + views.filter((v) => v.some((f) => f.field === name)).length;
    if (readings.length === 0 || voters === 1) {
      if (own) out.push(own);
      continue;
    }
    const counts = new Map<string, ExtractedField[]>();
    for (const r of readings) counts.set(r.value, [...(counts.get(r.value) ?? []), r]);
    const weight = (group: ExtractedField[]) => group.reduce((sum, r) => sum + r.confidence, 0);
    const ranked = [...counts.values()].sort(
      (a, b) =>
        weight(b) - weight(a) ||
        Number(own !== undefined && b.includes(own)) - Number(own !== undefined && a.includes(own)),
    );
    const winners = ranked[0] ?? [];
    const best = [...winners].sort((a, b) => b.confidence - a.confidence)[0];
    if (!best) continue;
    const share = winners.length / Math.max(voters, readings.length);
    // a reading that saw a garbled word after the name: a view that agrees on the syllables may just have lost that word
    // too (a crop that read "Đặng Tường" where the page had "Đặng Tường Luưa"), so the doubt stays
    const cut = winners.find((r) => r.notes.some((n) => n.startsWith(NAME_MAY_BE_CUT)));
    const voted = Math.round(best.confidence * (0.55 + 0.45 * share) * 100) / 100;
    const confidence = cut ? Math.min(voted, cut.confidence) : voted;
    const cutNote = cut && !best.notes.some((n) => n.startsWith(NAME_MAY_BE_CUT)) ? cut.notes.filter((n) => n.startsWith(NAME_MAY_BE_CUT)) : [];
    const notes =
      winners.length < readings.length
        ? [...best.notes, ...cutNote, `Đọc lại dòng này ${String(readings.length)} cách: ${String(winners.length)} cho cùng kết quả.`]
        : [...best.notes, ...cutNote];
    out.push({ ...best, confidence, lowConfidence: confidence < LOW_CONFIDENCE, notes });
  }
  // the first pass's order (the form's), then any field only a view found
  const order = (f: ExtractedField) => {
    const at = first.findIndex((g) => g.field === f.field);
    return at < 0 ? first.length : at;
  };
  return out.sort((a, b) => order(a) - order(b));
}

/**
 * The fields of a page whose first-pass OCR was `ocr`, each written value re-read from `image` in a few views and
 * decided by vote. Costs some 20 one-line recognitions (a few seconds on a loaded 2-core PC).
 */
export async function secondLook(
  engine: OcrEngine,
  image: Uint8Array,
  rotation: PageRotation,
  ocr: OcrInput,
): Promise<ExtractedField[]> {
  const first = extractBirthCertificate(ocr);
  if (Object.keys(first.spans).length === 0) return first.fields;
  const raster = await pageRaster(image, rotation);
  const views: ExtractedField[][] = [];
  for (const view of VIEWS) views.push(await readView(engine, raster, ocr, first, view));
  return voteReadings(first.fields, views);
}
