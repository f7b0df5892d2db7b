// "Hồ sơ bị trả lại": dossiers a supervisor sent back, with the reason; an agent sees their own, a supervisor all.
import { formatDateTime } from '../../../electron/common/format';
import type { ReturnedItem } from '../../../electron/common/report-contract';
import { useApiQuery } from '../../api/query';
import { useT, type Translate } from '../../i18n/i18n-context';
import { procedureColumn } from '../../ui/dossier-columns';
import { DossierTable, type DossierColumn } from '../../ui/DossierTable';
import { errorText } from '../../ui/error-text';
import { ErrorNotice } from '../../ui/Notice';
import '../../ui/styles/supervisor.css';

function returnedColumns(t: Translate): ReadonlyArray<DossierColumn<ReturnedItem>> {
  return [
    {
      header: t('queue.colApplicant'),
      className: 'cell-strong',
      cell: (d) => d.applicantName || t('queue.unnamed'),
    },
    procedureColumn(t),
    { header: t('returned.colReason'), className: 'sv-reason', cell: (d) => d.reason },
    {
      header: t('returned.colBy'),
      cell: (d) => (
        <>
          {d.returnedBy ?? t('common.none')}
          <span className="cell-sub">{formatDateTime(d.returnedAt)}</span>
        </>
      ),
    },
    { header: t('queue.colAgent'), cell: (d) => d.agent.fullName },
  ];
}

export function ReturnedPage() {
  const t = useT();
  // refreshed on dossier.changed (api/query.ts)
  const returned = useApiQuery('review.returned', { limit: 200 });
  const result = returned.data ?? null;
  const error = returned.error ? errorText(returned.error, t) : '';

  return (
    <div className="sv-page">
      <header className="page-header">
        <div className="page-header__main">
          <h1 id="returned-title" className="page-header__title">
            {t('returned.title')}
          </h1>
          <p className="muted">{t('returned.intro')}</p>
        </div>
      </header>
      <ErrorNotice>{error}</ErrorNotice>
      <section className="card card--flush" aria-labelledby="returned-title">
        <DossierTable
          rows={result?.items ?? null}
          columns={returnedColumns(t)}
          emptyText={t('returned.empty')}
          rowRoute={(d) => ({ name: 'intake', id: d.id })}
        />
      </section>
    </div>
  );
}
