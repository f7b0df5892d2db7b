// One dossier under review: the typed data beside each page and its OCR text; approve, or return with a reason.
import { useState } from 'react';
import type { DossierDetail, Page } from '../../../electron/common/contract';
import { formatDate, formatDateTime } from '../../../electron/common/format';
import { useApi } from '../../api/api-context';
import { navigate, routeHref } from '../../app/router';
import { useSession } from '../../app/session-context';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { ErrorNotice } from '../../ui/Notice';
import { slotLabel } from '../intake/component-name';
import { caseAndSubjectRows, feeRows } from '../intake/fee-summary';
import { RequirementBadge } from '../intake/RequirementBadge';
import { DossierHeader } from '../intake/DossierHeader';
import { QualityNote } from '../intake/QualityNote';
import { usePageImage } from '../intake/use-page-image';
import { useDossier } from '../intake/use-dossier';
import { StatusTimeline } from '../queue/StatusTimeline';
import { ReturnDialog } from './ReturnDialog';
import { setReviewFlash } from './ReviewQueuePage';
import '../../ui/styles/supervisor.css';

export function ReviewDossier({ id }: { id: string }) {
  const t = useT();
  const { detail, loadError } = useDossier(id);
  if (!detail) {
    return loadError ? (
      <ErrorNotice>{t('intake.notFound', { message: errorText(loadError, t) })}</ErrorNotice>
    ) : (
      <p aria-busy="true">{t('common.loading')}</p>
    );
  }
  return (
    <div className="sv-page">
      <DossierHeader detail={detail} eyebrow={t('review.eyebrow')} aside={<Decision detail={detail} />} />
      {detail.readyOverrideReason ? (
        <p className="notice notice--error" role="note">
          {t('review.overrideNotice', { reason: detail.readyOverrideReason, missing: detail.missingRequired.join('; ') })}
        </p>
      ) : null}
      <div className="sv-review">
        <TypedData detail={detail} />
        <section className="sv-review__pages" aria-label={t('review.pagesLabel')}>
          {detail.components
            .filter((c) => c.pages.length > 0 || (c.required && c.kind === 'submit') || c.seen !== null)
            .map((c) => (
              <section key={c.id} className="card sv-component" aria-labelledby={`comp-${c.id}`}>
                <h2 id={`comp-${c.id}`} className="section-subtitle">
                  {slotLabel(c)}
                  <RequirementBadge slot={c} />
                  {c.seen ? <span className="tag tag--good">{t('checklist.seen')}</span> : null}
                </h2>
                {c.pages.length === 0 && c.seen ? (
                  <p className="muted">{t('checklist.seenBy', { name: c.seen.byName, time: formatDateTime(c.seen.at) })}</p>
                ) : c.pages.length === 0 ? (
                  <p className="sv-missing">{t('review.noPages')}</p>
                ) : (
                  c.pages.map((p, i) => <ReviewPage key={p.id} page={p} n={i + 1} />)
                )}
              </section>
            ))}
        </section>
      </div>
      <StatusTimeline history={detail.history} />
    </div>
  );
}

function Decision({ detail }: { detail: DossierDetail }) {
  const api = useApi();
  const t = useT();
  const { session } = useSession();
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const own = detail.createdBy.id === session.user.id;
  const waiting = detail.status === 'awaiting_review';
  const why = own ? t('review.ownExplain') : waiting ? '' : t('review.notWaiting');

  async function approve(): Promise<void> {
    setBusy(true);
    setError('');
    try {
      await api.call('review.approve', { id: detail.id });
      setReviewFlash(t('review.approved', { code: detail.localCode }));
      await navigate({ name: 'review' });
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  }

  return (
    <div className="sv-decision">
      <div className="form__actions">
        <a className="btn btn--ghost" href={routeHref({ name: 'review' })}>
          {t('review.back')}
        </a>
        <button
          type="button"
          className="btn btn--secondary"
          disabled={!waiting || own || busy}
          aria-describedby={why ? 'decision-why' : undefined}
          onClick={() => setReturning(true)}
        >
          {t('review.return')}
        </button>
        <button
          type="button"
          className="btn btn--primary"
          disabled={!waiting || own || busy}
          aria-describedby={why ? 'decision-why' : undefined}
          onClick={() => void approve()}
        >
          {t('review.approve')}
        </button>
      </div>
      {why ? (
        <p id="decision-why" className="sv-why">
          {why}
        </p>
      ) : null}
      <ErrorNotice>{error}</ErrorNotice>
      {returning ? (
        <ReturnDialog
          id={detail.id}
          onClose={() => setReturning(false)}
          onDone={() => {
            setReturning(false);
            setReviewFlash(t('review.returnedDone', { code: detail.localCode }));
            void navigate({ name: 'review' });
          }}
        />
      ) : null}
    </div>
  );
}

function TypedData({ detail }: { detail: DossierDetail }) {
  const t = useT();
  const a = detail.applicant;
  const rows: Array<[string, string]> = [
    [t('intake.fullName'), a.fullName ?? ''],
    [t('intake.idNumber'), a.idNumber ?? ''],
    [t('intake.dateOfBirth'), a.dateOfBirth ? formatDate(a.dateOfBirth) : ''],
    [t('intake.address'), a.address ?? ''],
    [t('intake.phone'), a.phone ?? ''],
    [t('intake.relationship'), a.relationship ?? ''],
    [t('intake.behalfName'), a.onBehalfOf?.fullName ?? ''],
    ...caseAndSubjectRows(detail, t),
    [t('intake.mode'), t(`mode.${detail.mode}`)],
    ...feeRows(detail, t),
    [t('intake.dueDate'), detail.dueDate ? formatDate(detail.dueDate) : ''],
  ];
  const problems = Object.values(detail.applicantProblems);
  return (
    <section className="card sv-review__data" aria-labelledby="typed-title">
      <h2 id="typed-title" className="section-title">
        {t('review.typed')}
      </h2>
      <dl className="sv-facts">
        {rows
          .filter(([, v]) => v.trim() !== '')
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {detail.missingRequired.length > 0 ? (
        <p className="sv-missing">{t('review.missingList', { names: detail.missingRequired.join('; ') })}</p>
      ) : null}
      {problems.length > 0 ? <p className="sv-missing">{problems.join(' ')}</p> : null}
    </section>
  );
}

function ReviewPage({ page, n }: { page: Page; n: number }) {
  const t = useT();
  const thumb = usePageImage(page.id, 'full', page.rotation);
  const label = t('review.pageAlt', { n, file: page.sourceName });
  return (
    <figure className="sv-page-pair">
      <div className="sv-page-pair__image">
        {thumb.url ? (
          <a href={thumb.url} target="_blank" rel="noreferrer" aria-label={t('review.openFull', { n })}>
            <img src={thumb.url} alt={label} />
          </a>
        ) : (
          <span className="muted">{thumb.failed ? t('review.imageFailed') : t('common.loading')}</span>
        )}
      </div>
      <figcaption className="sv-page-pair__text">
        <span className="cell-strong">{t('review.pageN', { n })}</span>
        <span className="cell-sub">{page.sourceName}</span>
        <QualityNote page={page} n={n} />
        {page.ocrText ? (
          <pre className="sv-ocr" aria-label={t('review.ocrOf', { n })}>
            {page.ocrText}
          </pre>
        ) : (
          <span className="muted">{page.ocrStatus === 'done' ? t('review.ocrEmpty') : t(`review.ocr.${page.ocrStatus}`)}</span>
        )}
      </figcaption>
    </figure>
  );
}
