// "Hồ sơ bị trả lại": dossiers a supervisor sent back, with the reason; an agent sees their own, a supervisor all.
import { useEffect, useState } from 'react';
import type { CallOutput } from '../../../electron/common/contract';
import { formatDateTime } from '../../../electron/common/format';
import { useApi, useApiEvent } from '../../api/api-context';
import { navigate, routeHref } from '../../app/router';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { ErrorNotice } from '../../ui/Notice';
import '../../ui/styles/supervisor.css';

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
        {result === null ? (
          <p className="muted pad">{t('common.loading')}</p>
        ) : result.items.length === 0 ? (
          <p className="muted pad" role="status">
            {t('returned.empty')}
          </p>
        ) : (
          <table className="table table--interactive">
            <thead>
              <tr>
                <th scope="col">{t('queue.colCode')}</th>
                <th scope="col">{t('queue.colApplicant')}</th>
                <th scope="col">{t('queue.colProcedure')}</th>
                <th scope="col">{t('returned.colReason')}</th>
                <th scope="col">{t('returned.colBy')}</th>
                <th scope="col">{t('queue.colAgent')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((d) => (
                <tr key={d.id} className="row--link" onClick={() => void navigate({ name: 'intake', id: d.id })}>
                  <td className="mono nowrap">
                    <a href={routeHref({ name: 'intake', id: d.id })} onClick={(e) => e.stopPropagation()}>
                      {d.localCode}
                    </a>
                  </td>
                  <td className="cell-strong">{d.applicantName || t('queue.unnamed')}</td>
                  <td>
                    <span className="cell-clamp">{d.procedureName}</span>
                  </td>
                  <td className="sv-reason">{d.reason}</td>
                  <td>
                    {d.returnedBy ?? t('common.none')}
                    <span className="cell-sub">{formatDateTime(d.returnedAt)}</span>
                  </td>
                  <td>{d.agent.fullName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
