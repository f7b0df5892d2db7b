// The dossiers behind one dashboard number (reports.drill with the same bucket, day and agent).
import { useEffect, useState } from 'react';
import type { CallOutput } from '../../../electron/common/contract';
import { formatDate } from '../../../electron/common/format';
import type { ReportBucket } from '../../../electron/common/report-contract';
import { bucketLabels } from '../../../electron/common/report-labels';
import { useApi } from '../../api/api-context';
import { routeHref } from '../../app/router';
import { useT } from '../../i18n/i18n-context';
import { Dialog } from '../../ui/Dialog';
import { errorText } from '../../ui/error-text';
import { ErrorNotice } from '../../ui/Notice';
import { StatusBadge } from '../../ui/StatusBadge';

type DrillProps = { bucket: ReportBucket; date: string; agentId: string; onClose(): void };

export function DrillDialog({ bucket, date, agentId, onClose }: DrillProps) {
  const api = useApi();
  const t = useT();
  const [result, setResult] = useState<CallOutput<'reports.drill'> | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    api
      .call('reports.drill', { bucket, date, ...(agentId ? { agentId } : {}), limit: 200 })
      .then(setResult, (err: unknown) => setError(errorText(err, t)));
  }, [api, bucket, date, agentId, t]);

  return (
    <Dialog title={`${bucketLabels[bucket]} (${result?.total ?? '…'})`} onClose={onClose} wide>
      <ErrorNotice>{error}</ErrorNotice>
      {result === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : result.items.length === 0 ? (
        <p className="muted" role="status">
          {t('dash.drillEmpty')}
        </p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('queue.colCode')}</th>
              <th scope="col">{t('queue.colApplicant')}</th>
              <th scope="col">{t('queue.colProcedure')}</th>
              <th scope="col">{t('queue.colStatus')}</th>
              <th scope="col">{t('queue.colAgent')}</th>
              <th scope="col">{t('queue.colDue')}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((d) => (
              <tr key={d.id}>
                <td className="mono nowrap">
                  <a href={routeHref({ name: 'dossier', id: d.id })} onClick={onClose}>
                    {d.localCode}
                  </a>
                </td>
                <td>{d.applicantName || t('queue.unnamed')}</td>
                <td>
                  <span className="cell-clamp">{d.procedureName}</span>
                </td>
                <td>
                  <StatusBadge status={d.status} />
                </td>
                <td>{d.createdByName}</td>
                <td>{d.dueDate ? formatDate(d.dueDate) : t('common.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
