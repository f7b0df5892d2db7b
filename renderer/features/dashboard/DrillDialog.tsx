// The dossiers behind one dashboard number (reports.drill with the same bucket, day and agent).
import type { DossierListItem } from '../../../electron/common/contract';
import type { ReportBucket } from '../../../electron/common/report-contract';
import { bucketLabels } from '../../../electron/common/report-labels';
import { useApiQuery } from '../../api/query';
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
  const t = useT();
  // kept current by dossier.changed (api/query.ts): a dossier handled meanwhile moves out of (or into) the bucket
  const drill = useApiQuery('reports.drill', { bucket, date, ...(agentId ? { agentId } : {}), limit: 200 });
  const result = drill.data ?? null;
  const error = drill.error ? errorText(drill.error, t) : '';

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
