// forms.prefillFromPage: a scanned Giấy chứng sinh of the dossier read into its form, from its OCR and a second look.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { pages } from '../../../db/schema';
import { AppError } from '../../common/errors';
import { leafFields, type FormDefinition } from '../../common/forms/form-definition';
import { normalizeValue } from '../../common/forms/field-values';
import { prefillFromDocument, type PrefillValue } from '../../common/forms/prefill';
import type { Actor } from '../auth/actor';
import { extractBirthCertificateFields, storedOcr, type ExtractedField, type OcrInput } from '../extract';
import { asRotation, type PageRotation } from '../files/page-image';
import type { FormService } from './form-service';

export type PagePrefillResult = { status: 'pending' } | { status: 'done'; values: Record<string, PrefillValue>; found: number };
export type FormPagePrefill = ReturnType<typeof createFormPagePrefill>;

/**
 * What the agent must look at beside a doubtful value: the low confidence and the extractor's notes on it (what it
 * repaired or checked). A confident value needs no words: its percentage is shown beside it.
 */
function warningOf(field: ExtractedField): string | undefined {
  if (!field.lowConfidence) return undefined;
  return ['Đọc không chắc chắn từ ảnh Giấy chứng sinh: hãy so kỹ với giấy.', ...field.notes].join(' ').slice(0, 500);
}

/**
 * Extractor values in the form's stored shape (dd/MM/yyyy -> yyyy-MM-dd, "Nữ" -> female, a written place of birth ->
 * an address), so the renderer shows them in its controls as if typed, each with its confidence and warning.
 */
export function documentPrefill(def: FormDefinition, fields: readonly ExtractedField[], normalize: (path: string, value: string) => unknown): Record<string, PrefillValue> {
  const byKey = Object.fromEntries(fields.map((f) => [f.field, { value: f.value, confidence: f.confidence }]));
  const values = prefillFromDocument(def, 'giay-chung-sinh', byKey);
  const extracted = new Map(fields.map((f) => [f.field, f]));
  const refOf = new Map(leafFields(def).map(({ path, field }) => [path, field.prefill?.ocr?.split('.')[1]]));
  for (const [path, v] of Object.entries(values)) {
    const source = extracted.get((refOf.get(path) ?? '') as ExtractedField['field']);
    const warning = source ? warningOf(source) : undefined;
    values[path] = { ...v, value: typeof v.value === 'string' ? normalize(path, v.value) : v.value, ...(warning ? { warning } : {}) };
  }
  return values;
}

/** Re-reads a page's written values from its image (extract/second-look.ts); absent when this machine runs no OCR. */
export type SecondLook = (page: { blobSha256: string; rotation: PageRotation }, ocr: OcrInput) => Promise<ExtractedField[]>;

export function createFormPagePrefill(deps: {
  db: Db;
  forms: FormService;
  /** false when this machine runs no OCR: a page that is not read yet will never be */
  ocrEnabled: boolean;
  /** the second look at the written values (scans 84.7% -> 92.4% exact on held-out seeds, docs/BENCHMARKS.md) */
  secondLook?: SecondLook;
  logger?: { warn(message: string, data?: Record<string, unknown>): void };
}) {
  const { db, forms } = deps;
  /**
   * Second looks by page, for the OCR text they were made from: it takes some 20 one-line recognitions, so it runs in
   * the background while the renderer asks again ("pending"), and is kept until the page is OCRed anew.
   */
  const looks = new Map<string, { text: string; fields: ExtractedField[] | null }>();
  function lookedFields(pageId: string, page: { blobSha256: string; rotation: number; text: string | null }, ocr: OcrInput): ExtractedField[] | null {
    const look = deps.secondLook;
    if (!look) return extractBirthCertificateFields(ocr);
    const text = page.text ?? '';
    const known = looks.get(pageId);
    if (known && known.text === text) return known.fields;
    const entry: { text: string; fields: ExtractedField[] | null } = { text, fields: null };
    looks.set(pageId, entry);
    look({ blobSha256: page.blobSha256, rotation: asRotation(page.rotation) }, ocr).then(
      (fields) => {
        entry.fields = fields;
      },
      (error: unknown) => {
        // the first pass is still a reading: the agent gets it, flagged as usual where it is doubtful
        deps.logger?.warn('forms: second look failed, first pass used', { error: error instanceof Error ? error.name : 'unknown' });
        entry.fields = extractBirthCertificateFields(ocr);
      },
    );
    return null;
  }
  return {
    prefillFromPage(actor: Actor, input: { dossierId: string; pageId: string; document?: 'giay-chung-sinh' }): PagePrefillResult {
      // the dossier's form, as the agent may see it (owner or office): refused callers learn nothing of the page
      const def = forms.get(actor, { dossierId: input.dossierId }).schema;
      const page = db
        .select({ status: pages.ocrStatus, text: pages.ocrText, words: pages.ocrWords, blobSha256: pages.blobSha256, rotation: pages.rotation })
        .from(pages)
        .where(and(eq(pages.id, input.pageId), eq(pages.dossierId, input.dossierId)))
        .get();
      if (!page) throw new AppError('NOT_FOUND');
      if (page.status === 'failed') throw new AppError('OCR_FAILED');
      // the page's stored OCR, then its written values looked at again in the image (in the background)
      const ocr = page.status === 'done' ? storedOcr(page.text, page.words) : null;
      if (!ocr) {
        if (!deps.ocrEnabled) throw new AppError('OCR_UNAVAILABLE');
        return { status: 'pending' };
      }
      const fields = lookedFields(input.pageId, page, ocr);
      if (!fields) return { status: 'pending' };
      const byPath = new Map(leafFields(def).map((f) => [f.path, f.field]));
      const units = forms.registry.units;
      const values = documentPrefill(def, fields, (path, value) => {
        const field = byPath.get(path);
        return field ? normalizeValue(field, value, units) : value;
      });
      return { status: 'done', values, found: fields.length };
    },
  };
}
