// forms.prefillFromPage: a scanned Giấy chứng sinh of the dossier read into its form, from the page's stored OCR.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { pages } from '../../../db/schema';
import { AppError } from '../../common/errors';
import { leafFields, type FormDefinition } from '../../common/forms/form-definition';
import { normalizeValue } from '../../common/forms/field-values';
import { prefillFromDocument, type PrefillValue } from '../../common/forms/prefill';
import type { Actor } from '../auth/actor';
import { extractBirthCertificateFields, storedOcr, type ExtractedField } from '../extract';
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

export function createFormPagePrefill(deps: {
  db: Db;
  forms: FormService;
  /** false when this machine runs no OCR: a page that is not read yet will never be */
  ocrEnabled: boolean;
}) {
  const { db, forms } = deps;
  return {
    prefillFromPage(actor: Actor, input: { dossierId: string; pageId: string; document?: 'giay-chung-sinh' }): PagePrefillResult {
      // the dossier's form, as the agent may see it (owner or office): refused callers learn nothing of the page
      const def = forms.get(actor, { dossierId: input.dossierId }).schema;
      const page = db
        .select({ status: pages.ocrStatus, text: pages.ocrText, words: pages.ocrWords })
        .from(pages)
        .where(and(eq(pages.id, input.pageId), eq(pages.dossierId, input.dossierId)))
        .get();
      if (!page) throw new AppError('NOT_FOUND');
      if (page.status === 'failed') throw new AppError('OCR_FAILED');
      // the page's own OCR result is used as stored: no second recognition pass
      const ocr = page.status === 'done' ? storedOcr(page.text, page.words) : null;
      if (!ocr) {
        if (!deps.ocrEnabled) throw new AppError('OCR_UNAVAILABLE');
        return { status: 'pending' };
      }
      const fields = extractBirthCertificateFields(ocr);
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
