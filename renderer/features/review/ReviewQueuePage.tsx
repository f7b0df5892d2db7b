// Supervisor's review queue (review.queue): dossiers waiting for approval, with the agent, pages and what is missing.
import { useState } from 'react';
import { formatDate, formatDateTime } from '../../../electron/common/format';
import type { ReviewQueueItem } from '../../../electron/common/report-contract';
import { useApiQuery } from '../../api/query';
import { useT, type Translate } from '../../i18n/i18n-context';
import { applicantColumn, pagesColumn, procedureColumn } from '../../ui/dossier-columns';
import { DossierTable, type DossierColumn } from '../../ui/DossierTable';
import { errorText } from '../../ui/error-text';
import { SelectField, TextField } from '../../ui/Field';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';
import { useDebouncedValue } from '../../ui/use-debounced';
import '../../ui/styles/supervisor.css';

let flash = '';
/** A message for the queue to show once, after a decision taken on a dossier. */
export function setReviewFlash(message: string): void {
  flash = message;
}

function reviewColumns(t: Translate): ReadonlyArray<DossierColumn<ReviewQueueItem>> {
  return [
    applicantColumn(t),
    procedureColumn(t, (d) => (
      <span className="cell-sub">
        {t(`mode.${d.mode}`)}
        {d.dueDate ? ` · ${t('review.due', { date: formatDate(d.dueDate) })}` : ''}
      </span>
    )),
    {
      header: t('review.colAgentSent'),
      cell: (d) => (
        <>
          {d.agent.fullName}
          {d.ownDossier ? <span className="tag sv-own">{t('review.own')}</span> : null}
          {d.sentAt ? (
            <span className="cell-sub">{t('review.sentAt', { at: formatDateTime(d.sentAt) })}</span>
          ) : null}
        </>
      ),
    },
    pagesColumn(t),
    { header: t('review.colCheck'), cell: (d) => <ReviewChecks item={d} /> },
  ];
}

/** Whether required pieces are missing, how often it came back, and why the agent sent it anyway. */
function ReviewChecks({ item }: { item: ReviewQueueItem }) {
  const t = useT();
  return (
    <>
      <div className="sv-flags">
        {item.missingRequired > 0 ? (
          <span className="tag tag--bad">{t('review.missing', { count: item.missingRequired })}</span>
        ) : (
          <span className="tag tag--good">{t('review.complete')}</span>
        )}
        {item.timesReturned > 0 ? (
          <span className="tag">{t('review.timesReturned', { count: item.timesReturned })}</span>
        ) : null}
      </div>
      {item.overrideReason ? (
        <span className="cell-sub">{t('review.override', { reason: item.overrideReason })}</span>
      ) : null}
    </>
  );
}

export function ReviewQueuePage() {
  const t = useT();
  const [agentId, setAgentId] = useState('');
  const [text, setText] = useState('');
  const typed = useDebouncedValue(text, 300);
  const [notice] = useState(() => {
    const m = flash;
    flash = '';
    return m;
  });
  const directory = useApiQuery('users.directory', {}).data ?? [];
  // refreshed on dossier.changed (api/query.ts); the last answer stays shown while a new filter loads
  const queue = useApiQuery(
    'review.queue',
    { ...(agentId ? { agentId } : {}), ...(typed.trim() ? { text: typed.trim() } : {}), limit: 200 },
    { keepPrevious: true },
  );
  const result = queue.data ?? null;
  const error = queue.error ? errorText(queue.error, t) : '';

  return (
    <div className="sv-page">
      <header className="page-header">
        <div className="page-header__main">
          <p className="page-header__eyebrow">{t('review.eyebrow')}</p>
          <h1 id="review-title" className="page-header__title">
            {t('review.title')}
          </h1>
          <p className="muted">{t('review.intro')}</p>
        </div>
        {result ? (
          <div className="page-header__aside">
            <span className="sv-count">{t('review.count', { count: result.total })}</span>
          </div>
        ) : null}
      </header>
      <InfoNotice>{notice}</InfoNotice>
      <div className="card sv-filters">
        <TextField id="review-text" label={t('review.search')} value={text} onValueChange={setText} type="search" />
        <SelectField
          id="review-agent"
          label={t('review.agent')}
          value={agentId}
          onValueChange={setAgentId}
          options={[{ value: '', label: t('common.all') }, ...directory.map((u) => ({ value: u.id, label: u.fullName }))]}
        />
      </div>
      <ErrorNotice>{error}</ErrorNotice>
      <section className="card card--flush" aria-labelledby="review-title">
        <DossierTable
          rows={result?.items ?? null}
          columns={reviewColumns(t)}
          emptyText={t('review.empty')}
          rowRoute={(d) => ({ name: 'reviewItem', id: d.id })}
        />
      </section>
    </div>
  );
}
