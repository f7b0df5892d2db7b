// Closing the day: report preview per agent and per procedure, PDF/XLSX downloads, the close itself, closures, corrections.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDate, formatDateTime, formatVnd } from '../../../electron/common/format';
import type { DayReport } from '../../../electron/common/report-contract';
import { useApi } from '../../api/api-context';
import { apiKey, useApiQuery } from '../../api/query';
import { useT } from '../../i18n/i18n-context';
import { DateField } from '../../ui/DateField';
import { Dialog } from '../../ui/Dialog';
import { blobUrlFor, triggerDownload } from '../../ui/download';
import { errorText } from '../../ui/error-text';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';
import { ReportTable } from './ReportTable';
import '../../ui/styles/supervisor.css';

function todayIso(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export function ClosingPage() {
  const api = useApi();
  const t = useT();
  const [date, setDate] = useState(todayIso);
  // the report, the closures and the pending corrections are read again on 'dossier.changed' (api/query.ts)
  const reportQuery = useApiQuery('reports.dayReport', { date }, { keepPrevious: true });
  const closuresQuery = useApiQuery('reports.closures', { limit: 30 });
  const correctionsQuery = useApiQuery('reports.corrections', {});
  const report = reportQuery.data ?? null;
  const closures = closuresQuery.data ?? [];
  const corrections = correctionsQuery.data ?? null;
  const loadError = reportQuery.error ?? closuresQuery.error ?? correctionsQuery.error;
  const [actionError, setActionError] = useState('');
  const error = actionError || (loadError ? errorText(loadError, t) : '');
  const [done, setDone] = useState('');
  const [confirming, setConfirming] = useState(false);
  const queries = useQueryClient();
  const closeDay = useMutation({
    mutationFn: () => api.call('reports.closeDay', { date }),
    onSuccess: async (closedReport) => {
      queries.setQueryData(apiKey('reports.dayReport', { date }), closedReport);
      setConfirming(false);
      setDone(t('closing.closedDone', { date: formatDate(date) }));
      await queries.invalidateQueries({ queryKey: ['reports.closures'] });
      await queries.invalidateQueries({ queryKey: ['reports.corrections'] });
    },
    onError: (err) => {
      setActionError(errorText(err, t));
      setConfirming(false);
    },
  });

  async function download(kind: 'reports.dayReportPdf' | 'reports.dayReportXlsx'): Promise<void> {
    setActionError('');
    try {
      const file = await api.call(kind, { date });
      const url = blobUrlFor(file.bytes, file.mime);
      triggerDownload(url, file.fileName);
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      setActionError(errorText(err, t));
    }
  }

  const closed = report?.state === 'closed';
  return (
    <div className="sv-page">
      <header className="page-header">
        <div className="page-header__main">
          <p className="page-header__eyebrow">{t('closing.eyebrow')}</p>
          <h1 className="page-header__title">{t('closing.title', { date: formatDate(date) })}</h1>
          {report ? (
            <p className="muted">
              {report.office.name} · {report.office.address}
            </p>
          ) : null}
        </div>
        <div className="page-header__aside">
          {report ? (
            closed && report.closedAt ? (
              <span className={`badge ${report.hashOk === false ? 'badge--bad' : 'badge--good'}`}>
                {t('closing.closedBadge', { at: formatDateTime(report.closedAt), name: report.closedBy ?? '' })}
              </span>
            ) : (
              <span className="badge badge--neutral">{t('closing.preview')}</span>
            )
          ) : null}
        </div>
      </header>
      <div className="card sv-filters sv-filters--actions">
        <DateField id="closing-date" label={t('closing.date')} value={date} onValueChange={(v) => v && setDate(v)} showHint={false} />
        <div className="form__actions">
          <button type="button" className="btn btn--secondary" onClick={() => void download('reports.dayReportPdf')}>
            {t('closing.pdf')}
          </button>
          <button type="button" className="btn btn--secondary" onClick={() => void download('reports.dayReportXlsx')}>
            {t('closing.xlsx')}
          </button>
          <button type="button" className="btn btn--primary" disabled={!report || closed} onClick={() => setConfirming(true)}>
            {t('closing.close')}
          </button>
        </div>
      </div>
      <ErrorNotice>{error}</ErrorNotice>
      <InfoNotice>{done}</InfoNotice>
      {report ? (
        <>
          <dl className="card sv-facts sv-facts--row sv-summary">
            <div>
              <dt>{t('closing.taken')}</dt>
              <dd>{report.totals.taken}</dd>
            </div>
            <div>
              <dt>{t('closing.billable')}</dt>
              <dd>{report.totals.billable}</dd>
            </div>
            <div>
              <dt>{t('closing.fees')}</dt>
              <dd>{formatVnd(report.totals.feesVnd)}</dd>
            </div>
            <div>
              {/* each dossier keeps the charge it was taken with: one amount per dossier only when they all agree */}
              <dt>
                {new Set(report.lines.map((l) => l.serviceChargeVnd)).size > 1
                  ? t('closing.servicePerDossier')
                  : t('closing.serviceEach', { amount: formatVnd(report.lines[0]?.serviceChargeVnd ?? report.serviceChargeVnd) })}
              </dt>
              <dd>{formatVnd(report.totals.serviceVnd)}</dd>
            </div>
            <div>
              <dt>{t('closing.correctionsCash')}</dt>
              <dd>{formatVnd(report.correctionsCashVnd)}</dd>
            </div>
            <div className="sv-summary__cash">
              <dt>{t('closing.handOver')}</dt>
              <dd>{formatVnd(report.cashToHandOverVnd)}</dd>
            </div>
          </dl>
          <ReportTable id="by-agent" title={t('closing.byAgent')} nameHeader={t('closing.colAgent')} rows={report.byAgent} totals={report.totals} />
          <ReportTable id="by-procedure" title={t('closing.byProcedure')} nameHeader={t('closing.colProcedure')} rows={report.byProcedure} totals={report.totals} />
          {report.corrections.length > 0 ? (
            <Corrections title={t('closing.reportCorrections')} items={report.corrections} />
          ) : null}
        </>
      ) : null}
      {corrections && corrections.pending.length > 0 ? (
        <Corrections title={t('closing.pendingCorrections', { amount: formatVnd(corrections.cashDeltaVnd) })} items={corrections.pending} />
      ) : null}
      <section className="card card--flush" aria-labelledby="closures-title">
        <h2 id="closures-title" className="section-title pad">
          {t('closing.closures')}
        </h2>
        {closures.length === 0 ? (
          <p className="muted pad">{t('closing.noClosures')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('closing.colDay')}</th>
                <th scope="col">{t('closing.colClosed')}</th>
                <th scope="col" className="num">
                  {t('closing.taken')}
                </th>
                <th scope="col" className="num">
                  {t('closing.handOver')}
                </th>
                <th scope="col">{t('closing.colCheck')}</th>
              </tr>
            </thead>
            <tbody>
              {closures.map((c) => (
                <tr key={c.date}>
                  <td>
                    <button type="button" className="link-button" onClick={() => setDate(c.date)}>
                      {formatDate(c.date)}
                    </button>
                  </td>
                  <td>
                    {c.closedByName}
                    <span className="cell-sub">{formatDateTime(c.closedAt)}</span>
                  </td>
                  <td className="num">{c.taken}</td>
                  <td className="num nowrap">{formatVnd(c.cashToHandOverVnd)}</td>
                  <td>
                    <span className={`tag ${c.hashOk ? 'tag--good' : 'tag--bad'}`}>
                      {c.hashOk ? t('closing.hashOk') : t('closing.hashBad')}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {confirming && report ? (
        <Dialog
          title={t('closing.confirmTitle', { date: formatDate(date) })}
          role="alertdialog"
          onClose={() => setConfirming(false)}
          footer={
            <>
              <button type="button" className="btn btn--ghost" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
              <button type="button" className="btn btn--primary" disabled={closeDay.isPending} onClick={() => closeDay.mutate()}>
                {t('closing.confirm')}
              </button>
            </>
          }
        >
          <p>{t('closing.confirmBody', { taken: report.totals.taken, cash: formatVnd(report.cashToHandOverVnd) })}</p>
        </Dialog>
      ) : null}
    </div>
  );
}

function Corrections({ title, items }: { title: string; items: DayReport['corrections'] }) {
  const t = useT();
  return (
    <section className="card card--flush" aria-label={title}>
      <h2 className="section-title pad">{title}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('queue.colCode')}</th>
            <th scope="col">{t('closing.colDay')}</th>
            <th scope="col">{t('queue.colAgent')}</th>
            <th scope="col">{t('closing.colChange')}</th>
            <th scope="col" className="num">
              {t('closing.colDelta')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={`${c.dossierId}-${c.day}`}>
              <td className="mono">{c.localCode}</td>
              <td>{formatDate(c.day)}</td>
              <td>{c.agentName}</td>
              <td>{c.description}</td>
              <td className="num nowrap">{formatVnd(c.cashDeltaVnd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
