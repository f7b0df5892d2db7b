// Local dossier queue: filters, a paged table, a row opens the read-only dossier detail.
import { useEffect, useState } from 'react';
import type { DossierListItem } from '../../../electron/common/contract';
import { formatDate } from '../../../electron/common/format';
import { useApiQuery } from '../../api/query';
import { useT } from '../../i18n/i18n-context';
import {
  applicantColumn,
  createdByColumn,
  dueDateColumn,
  pagesColumn,
  procedureColumn,
  statusColumn,
} from '../../ui/dossier-columns';
import { DossierTable, type DossierColumn } from '../../ui/DossierTable';
import { errorText } from '../../ui/error-text';
import { ErrorNotice } from '../../ui/Notice';
import { Pager } from '../../ui/Pager';
import { useDebouncedValue } from '../../ui/use-debounced';
import { emptyFilter, QueueFilters, toListInput, type QueueFilter } from './QueueFilters';

const pageSize = 50;
/** Filters survive a trip to a dossier and back (not a reload). */
let rememberedFilter: QueueFilter = emptyFilter;

/** `status` (from the route) opens the queue filtered on it, instead of the filters last used. */
export function QueuePage({ status }: { status?: string | undefined } = {}) {
  const t = useT();
  const [initial] = useState<QueueFilter>(() => (status ? { ...emptyFilter, status } : rememberedFilter));
  const [filter, setFilter] = useState<QueueFilter>(initial);
  const [offset, setOffset] = useState(0);
  const [applied, setApplied] = useState<QueueFilter>(initial);
  // typing in the text boxes waits for a pause; a select, a complete date or Enter applies at once
  const typed = useDebouncedValue(filter, 300);
  useEffect(() => setApplied(typed), [typed]);
  useEffect(() => {
    rememberedFilter = applied;
  }, [applied]);

  const directory = useApiQuery('users.directory', {});
  // dossier.changed and sync.status refresh the list (api/query.ts); the last page stays shown while the next loads
  const list = useApiQuery('dossiers.list', toListInput(applied, offset, pageSize), { keepPrevious: true });
  const result = list.data ?? null;
  const failed = list.error ?? directory.error;
  const error = failed ? errorText(failed, t) : '';

  function change(f: QueueFilter): void {
    if (filter.text === f.text && filter.procedureCode === f.procedureCode) setApplied(f);
    setFilter(f);
    setOffset(0);
  }

  const total = result?.total ?? 0;
  const columns: ReadonlyArray<DossierColumn<DossierListItem>> = [
    applicantColumn(t),
    procedureColumn(t, (d) => <span className="cell-sub mono">{d.procedureCode}</span>),
    statusColumn(t),
    createdByColumn(t),
    { header: t('queue.colCreated'), cell: (d) => formatDate(d.createdAt) },
    dueDateColumn(t),
    pagesColumn(t),
  ];
  return (
    <div className="queue">
      <header className="page-header">
        <div className="page-header__main">
          <h1 id="queue-title" className="page-header__title">
            {t('queue.title')}
          </h1>
        </div>
      </header>
      <QueueFilters
        filter={filter}
        directory={directory.data ?? []}
        onChange={change}
        onApply={() => {
          setApplied(filter);
          void list.refetch();
        }}
        onReset={() => change(emptyFilter)}
      />
      <ErrorNotice>{error}</ErrorNotice>
      <section className="card card--flush" aria-labelledby="queue-title">
        <DossierTable
          rows={result?.items ?? null}
          columns={columns}
          emptyText={t('queue.empty')}
          rowRoute={(d) => ({ name: 'dossier', id: d.id })}
        />
        <Pager offset={offset} pageSize={pageSize} total={total} rangeKey="queue.range" onOffset={setOffset} />
      </section>
    </div>
  );
}
