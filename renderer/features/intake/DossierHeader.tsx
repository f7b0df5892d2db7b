// Title block of a dossier: procedure, local code, status, who received it; extra content on the right.
import type { ReactNode } from 'react';
import type { DossierDetail } from '../../../electron/common/contract';
import { formatDateTime } from '../../../electron/common/format';
import { useT } from '../../i18n/i18n-context';
import { StatusBadge } from '../../ui/StatusBadge';

export function DossierHeader({
  detail,
  aside,
  eyebrow,
}: {
  detail: DossierDetail;
  aside?: ReactNode;
  eyebrow?: string;
}) {
  const t = useT();
  return (
    <header className="page-header">
      <div className="page-header__main">
        <p className="page-header__eyebrow">{eyebrow ?? t('intake.title')}</p>
        <h1 className="page-header__title">{detail.procedureName}</h1>
        <dl className="meta">
          <div>
            <dt>{t('intake.localCode')}</dt>
            <dd className="mono">{detail.localCode}</dd>
          </div>
          <div>
            <dt>{t('intake.procedure')}</dt>
            <dd className="mono">{detail.procedureCode}</dd>
          </div>
          <div>
            <dt>{t('intake.status')}</dt>
            <dd>
              <StatusBadge status={detail.status} />
            </dd>
          </div>
          <div>
            <dt>{t('intake.createdBy')}</dt>
            <dd>
              {detail.createdBy.fullName}, {formatDateTime(detail.createdAt)}
            </dd>
          </div>
        </dl>
      </div>
      {aside ? <div className="page-header__aside">{aside}</div> : null}
    </header>
  );
}
