// Read-only dossier detail opened from the queue: applicant, filing, pages with OCR text, status history.
import { ReturnNotice } from '../intake/ReturnNotice';
import type { DossierDetail } from '../../../electron/common/contract';
import { formatDate } from '../../../electron/common/format';
import { routeHref } from '../../app/router';
import { useSession } from '../../app/session-context';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { ErrorNotice } from '../../ui/Notice';
import { ComponentChecklist } from '../intake/ComponentChecklist';
import { DossierHeader } from '../intake/DossierHeader';
import { caseAndSubjectRows, feeRows } from '../intake/fee-summary';
import { editableStatuses } from '../intake/IntakePage';
import { ReceiptPanel } from '../intake/ReceiptPanel';
import { useDossier } from '../intake/use-dossier';
import { StatusTimeline } from './StatusTimeline';
import { SyncPanel } from './SyncPanel';

export function DossierView({ id }: { id: string }) {
  const t = useT();
  const { detail, loadError, refresh } = useDossier(id);
  if (!detail) {
    return loadError ? (
      <ErrorNotice>{t('intake.notFound', { message: errorText(loadError, t) })}</ErrorNotice>
    ) : (
      <p aria-busy="true">{t('common.loading')}</p>
    );
  }
  return (
    <div className="intake">
      <DossierHeader
        detail={detail}
        eyebrow={t('detail.eyebrow')}
        aside={<DetailActions detail={detail} />}
      />
      <ReturnNotice detail={detail} />
      {editableStatuses.includes(detail.status) ? null : <SyncPanel dossierId={detail.id} />}
      <div className="two-col">
        <ApplicantSummary detail={detail} />
        <StatusTimeline history={detail.history} />
      </div>
      <ComponentChecklist dossierId={detail.id} components={detail.components} readOnly onChanged={refresh} />
      {editableStatuses.includes(detail.status) ? null : <ReceiptPanel detail={detail} />}
    </div>
  );
}

function DetailActions({ detail }: { detail: DossierDetail }) {
  const t = useT();
  const { session } = useSession();
  const canContinue =
    editableStatuses.includes(detail.status) &&
    (detail.createdBy.id === session.user.id || session.user.role !== 'agent');
  return (
    <div className="form__actions">
      <a className="btn btn--ghost" href={routeHref({ name: 'queue' })}>
        {t('detail.back')}
      </a>
      {canContinue ? (
        <a className="btn btn--primary" href={routeHref({ name: 'intake', id: detail.id })}>
          {t('detail.continue')}
        </a>
      ) : null}
    </div>
  );
}

function ApplicantSummary({ detail }: { detail: DossierDetail }) {
  const t = useT();
  const a = detail.applicant;
  const sex = a.sex === 'male' ? t('intake.sexMale') : a.sex === 'female' ? t('intake.sexFemale') : '';
  const rows: Array<[string, string]> = [
    [t('intake.fullName'), a.fullName ?? ''],
    [t('intake.idNumber'), a.idNumber ?? ''],
    [t('intake.dateOfBirth'), a.dateOfBirth ? formatDate(a.dateOfBirth) : ''],
    [t('intake.sex'), sex],
    [t('intake.address'), a.address ?? ''],
    [t('intake.phone'), a.phone ?? ''],
    [t('intake.email'), a.email ?? ''],
    [t('intake.relationship'), a.relationship ?? ''],
    [t('intake.behalfName'), a.onBehalfOf?.fullName ?? ''],
    ...caseAndSubjectRows(detail, t),
    [t('intake.mode'), t(`mode.${detail.mode}`)],
    ...feeRows(detail, t),
    [
      t('intake.delivery'),
      detail.delivery.method === 'post'
        ? `${t('intake.deliveryPost')}: ${detail.delivery.address ?? ''}`
        : t('intake.deliveryCounter'),
    ],
    [t('intake.dueDate'), detail.dueDate ? formatDate(detail.dueDate) : ''],
  ];
  return (
    <section className="card" aria-labelledby="summary-title">
      <h2 id="summary-title" className="section-title">
        {t('detail.applicant')}
      </h2>
      <dl className="facts facts--grid">
        {rows
          .filter(([, value]) => value.trim() !== '')
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}
