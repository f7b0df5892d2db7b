// Columns several dossier tables share (applicant, procedure, status, agent, due date, pages), for DossierTable.
import type { ReactNode } from 'react';
import type { DossierStatus } from '../../electron/common/contract';
import { formatDate } from '../../electron/common/format';
import type { Translate } from '../i18n/i18n-context';
import type { DossierColumn } from './DossierTable';
import { StatusBadge } from './StatusBadge';

/** The name in bold with the ID number under it. */
export function applicantColumn<T extends { applicantName: string; applicantIdNumber: string }>(
  t: Translate,
): DossierColumn<T> {
  return {
    header: t('queue.colApplicant'),
    cell: (d) => (
      <>
        <span className="cell-strong">{d.applicantName || t('queue.unnamed')}</span>
        {d.applicantIdNumber ? <span className="cell-sub mono">{d.applicantIdNumber}</span> : null}
      </>
    ),
  };
}

/** The procedure name, clamped, and under it what `detail` renders (a 'cell-sub' span), if anything. */
export function procedureColumn<T extends { procedureName: string }>(
  t: Translate,
  detail?: (row: T) => ReactNode,
): DossierColumn<T> {
  return {
    header: t('queue.colProcedure'),
    cell: (d) => (
      <>
        <span className="cell-clamp">{d.procedureName}</span>
        {detail?.(d)}
      </>
    ),
  };
}

export function statusColumn<T extends { status: DossierStatus }>(t: Translate): DossierColumn<T> {
  return { header: t('queue.colStatus'), cell: (d) => <StatusBadge status={d.status} /> };
}

export function createdByColumn<T extends { createdByName: string }>(t: Translate): DossierColumn<T> {
  return { header: t('queue.colAgent'), cell: (d) => d.createdByName };
}

export function dueDateColumn<T extends { dueDate: string | null }>(t: Translate): DossierColumn<T> {
  return { header: t('queue.colDue'), cell: (d) => (d.dueDate ? formatDate(d.dueDate) : t('common.none')) };
}

export function pagesColumn<T extends { pageCount: number }>(t: Translate): DossierColumn<T> {
  return { header: t('queue.colPages'), numeric: true, cell: (d) => d.pageCount };
}
