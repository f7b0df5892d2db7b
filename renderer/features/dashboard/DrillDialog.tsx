// The dossiers behind one dashboard number (reports.drill with the same bucket, day and agent).
import { useEffect, useState } from 'react';
import type { CallOutput, DossierListItem } from '../../../electron/common/contract';
import type { ReportBucket } from '../../../electron/common/report-contract';
import { bucketLabels } from '../../../electron/common/report-labels';
import { useApi } from '../../api/api-context';
import { useT, type Translate } from '../../i18n/i18n-context';
import { Dialog } from '../../ui/Dialog';
import { createdByColumn, dueDateColumn, procedureColumn, statusColumn } from '../../ui/dossier-columns';
import { DossierTable, type DossierColumn } from '../../ui/DossierTable';
import { errorText } from '../../ui/error-text';
import { ErrorNotice } from '../../ui/Notice';

type DrillProps = { bucket: ReportBucket; date: string; agentId: string; onClose(): void };

function drillColumns(t: Translate): ReadonlyArray<DossierColumn<DossierListItem>> {
  return [
    { header: t('queue.colApplicant'), cell: (d) => d.applicantName || t('queue.unnamed') },
    procedureColumn(t),
    statusColumn(t),
    createdByColumn(t),
    dueDateColumn(t),
  ];
}

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
      <DossierTable
        rows={result?.items ?? null}
        columns={drillColumns(t)}
        emptyText={t('dash.drillEmpty')}
        rowRoute={(d) => ({ name: 'dossier', id: d.id })}
        variant="dialog"
        onLinkClick={onClose}
      />
    </Dialog>
  );
}
