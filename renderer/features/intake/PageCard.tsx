// One scanned page in a component slot: thumbnail, OCR status, quality warnings, and rotate / move / delete / view actions.
import { useState, type ReactNode } from 'react';
import type { Page } from '../../../electron/common/contract';
import { pageKindSchema } from '../../../electron/common/privacy-contract';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { DownIcon, ExpandIcon, MoveIcon, RetryIcon, RotateIcon, TrashIcon, UpIcon } from '../../ui/icons';
import { ocrLabel } from './ocr-label';
import { QualityNote } from './QualityNote';
import { usePageImage } from './use-page-image';

export type PageAction = 'rotate' | 'delete' | 'up' | 'down' | 'view' | 'retryOcr' | 'acceptQuality' | 'moveTo';

type PageCardProps = {
  page: Page;
  index: number;
  count: number;
  componentName: string;
  readOnly: boolean;
  busy: boolean;
  onAction(action: PageAction): void;
};

export function PageCard({ page, index, count, componentName, readOnly, busy, onAction }: PageCardProps) {
  const t = useT();
  const api = useApi();
  const n = index + 1;
  const image = usePageImage(page.id, 'thumb', page.rotation);
  const [kindError, setKindError] = useState('');
  const iconButton = (action: PageAction, label: string, icon: ReactNode, disabled = false) => (
    <button
      type="button"
      className="btn btn--icon btn--ghost"
      aria-label={label}
      title={label}
      disabled={busy || disabled}
      onClick={() => onAction(action)}
    >
      {icon}
    </button>
  );

  return (
    <li
      className={`page-card${(page.qualityWarnings?.length ?? 0) > 0 && !page.qualityAccepted ? ' page-card--warn' : ''}`}
      aria-label={t('page.label', { n })}
    >
      <button
        type="button"
        className="page-card__thumb"
        onClick={() => onAction('view')}
      >
        {/* the button is named by its content, so what is seen and what is read out agree */}
        {image.url ? (
          <img src={image.url} alt={t('page.view', { n })} title={t('page.imageAlt', { n, component: componentName })} />
        ) : (
          <>
            <span className="visually-hidden">{t('page.view', { n })}</span>
            <span className="page-card__placeholder" aria-hidden="true">
              {image.failed ? t('page.imageFailed') : t('page.imageLoading')}
            </span>
          </>
        )}
        <span className="page-card__expand" aria-hidden="true">
          <ExpandIcon />
        </span>
      </button>
      <div className="page-card__meta">
        <span className="page-card__number">{t('page.label', { n })}</span>
        <span className={`ocr ocr--${page.ocrStatus}`}>{ocrLabel(page, t)}</span>
      </div>
      {page.purgedAt ? <p className="page-card__note">{t('page.purged')}</p> : null}
      {page.kind && !page.purgedAt ? (
        // what the page is, as data (retention keeps ID card images the shortest); the core re-sends the dossier after
        <label className="page-card__kind">
          {t('page.kind')}
          {/* named with the page number in aria-label, not hidden text: "Trang 2" stays the card's only such text */}
          <select
            aria-label={`${t('page.kind')} (${t('page.label', { n })})`}
            value={page.kind}
            disabled={readOnly || busy}
            onChange={(e) => {
              setKindError('');
              api.call('pages.setKind', { pageId: page.id, kind: pageKindSchema.parse(e.target.value) }).catch((err: unknown) => setKindError(errorText(err, t)));
            }}
          >
            {pageKindSchema.options.map((k) => (
              <option key={k} value={k}>
                {t(`page.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {kindError ? (
        <p className="page-card__note" role="alert">
          {kindError}
        </p>
      ) : null}
      {page.autoRotated ? <p className="page-card__note">{t('page.autoRotated')}</p> : null}
      <QualityNote page={page} n={n} busy={busy} onAccept={readOnly ? undefined : () => onAction('acceptQuality')} />
      {readOnly && page.ocrText ? (
        <details className="page-card__text">
          <summary>{t('page.ocrText')}</summary>
          <pre className="ocr-text">{page.ocrText}</pre>
        </details>
      ) : null}
      {readOnly ? null : (
        <div className="page-card__actions">
          {iconButton('up', t('page.moveUp', { n }), <UpIcon />, index === 0)}
          {iconButton('down', t('page.moveDown', { n }), <DownIcon />, index === count - 1)}
          {iconButton('rotate', t('page.rotate', { n }), <RotateIcon />)}
          {iconButton('moveTo', t('page.moveTo', { n }), <MoveIcon />)}
          {page.ocrStatus === 'failed'
            ? iconButton('retryOcr', t('page.retryOcr', { n }), <RetryIcon />)
            : null}
          {iconButton('delete', t('page.delete', { n }), <TrashIcon />)}
        </div>
      )}
    </li>
  );
}
