// "Hồ sơ bị trả lại": dossiers a supervisor sent back, with the reason; an agent sees their own, a supervisor all.
import { useEffect, useState } from 'react';
import type { CallOutput } from '../../../electron/common/contract';
import { formatDateTime } from '../../../electron/common/format';
import type { ReturnedItem } from '../../../electron/common/report-contract';
import { useApi, useApiEvent } from '../../api/api-context';
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
  const api = useApi();
  const t = useT();
  const [result, setResult] = useState<CallOutput<'review.returned'> | null>(null);
  const [error, setError] = useState('');
  const [tick, setTick] = useState(0);
  useApiEvent('dossier.changed', () => setTick((n) => n + 1));

  useEffect(() => {
    let stale = false;
    api.call('review.returned', { limit: 200 }).then(
      (r) => {
        if (!stale) setResult(r);
      },
      (err: unknown) => {
        if (!stale) setError(errorText(err, t));
      },
    );
    return () => {
      stale = true;
    };
  }, [api, tick, t]);

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
