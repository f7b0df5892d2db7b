// Large view of one page: the full image beside its OCR text and confidence.
import { useState } from 'react';
import type { Page } from '../../../electron/common/contract';
import { useT } from '../../i18n/i18n-context';
import { Dialog } from '../../ui/Dialog';
import { ocrLabel } from './ocr-label';
import { usePageImage } from './use-page-image';
import { useOcrPageFocus } from './use-dossier';

type PageViewerProps = { page: Page; index: number; componentName: string; onClose(): void };

export function PageViewer({ page, index, componentName, onClose }: PageViewerProps) {
  const t = useT();
  const n = index + 1;
  const image = usePageImage(page.id, 'full', page.rotation);
  useOcrPageFocus(page.id); // the page shown large is recognised next
  const [zoomed, setZoomed] = useState(false);
  return (
    <Dialog title={t('page.viewerTitle', { component: componentName, n })} onClose={onClose} wide>
      <div className="viewer">
        <div className="viewer__pane">
          {/* zoomed, the image scrolls inside this box, so the box takes focus for keyboard scrolling */}
          <div
            className={`viewer__image${zoomed ? ' viewer__image--zoomed' : ''}`}
            tabIndex={zoomed ? 0 : undefined}
            role={zoomed ? 'region' : undefined}
            aria-label={zoomed ? t('page.imageAlt', { n, component: componentName }) : undefined}
          >
            {image.url ? (
              <img src={image.url} alt={t('page.imageAlt', { n, component: componentName })} />
            ) : (
              <p className="viewer__status">
                {image.failed ? t('page.imageFailed') : t('page.imageLoading')}
              </p>
            )}
          </div>
          <button
            type="button"
            className="btn btn--small btn--secondary viewer__zoom"
            aria-pressed={zoomed}
            onClick={() => setZoomed((z) => !z)}
          >
            {zoomed ? t('page.zoomFit') : t('page.zoomFull')}
          </button>
        </div>
        <section className="viewer__text" aria-labelledby="viewer-ocr-title">
          <h3 id="viewer-ocr-title" className="section-title">
            {t('page.ocrText')}
          </h3>
          <p className={`ocr ocr--${page.ocrStatus}`}>{ocrLabel(page, t)}</p>
          {page.ocrText ? (
            <pre className="ocr-text">{page.ocrText}</pre>
          ) : (
            <p className="muted">{t('page.ocrTextEmpty')}</p>
          )}
          <p className="muted small">{t('page.source', { file: page.sourceName })}</p>
        </section>
      </div>
    </Dialog>
  );
}
