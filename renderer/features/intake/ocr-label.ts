// Per-page OCR status wording ("Đang nhận dạng…", "Độ tin cậy 92%", "Trang trắng").
import type { Page } from '../../../electron/common/contract';
import type { Translate } from '../../i18n/translate-types';

/** Confidence as a whole percent; tesseract reports 0-100, a 0-1 fraction is accepted too. */
export function confidencePercent(confidence: number): number {
  return Math.round(confidence <= 1 ? confidence * 100 : confidence);
}

/** The quality gate found the page blank, so OCR skipped it (done, no text). */
export function isBlankSkipped(page: Pick<Page, 'ocrStatus' | 'ocrText' | 'qualityWarnings'>): boolean {
  return page.ocrStatus === 'done' && !page.ocrText && (page.qualityWarnings ?? []).some((w) => w.code === 'nearly_blank');
}

export function ocrLabel(page: Pick<Page, 'ocrStatus' | 'ocrConfidence' | 'ocrText' | 'qualityWarnings'>, t: Translate): string {
  if (isBlankSkipped(page)) return t('page.ocrBlank');
  switch (page.ocrStatus) {
    case 'pending':
      return t('page.ocrPending');
    case 'running':
      return t('page.ocrRunning');
    case 'failed':
      return t('page.ocrFailed');
    case 'done':
      return page.ocrConfidence === null
        ? t('page.ocrDoneNoConfidence')
        : t('page.ocrDone', { confidence: confidencePercent(page.ocrConfidence) });
  }
}
