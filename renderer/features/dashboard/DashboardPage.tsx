// Supervisor's day at a glance: numbers by bucket (each opens its list), 30-day chart, indicators, sync health, closure.
import { useState } from 'react';
import { formatDateTime } from '../../../electron/common/format';
import type { Dashboard, Figure, Ratio, ReportBucket } from '../../../electron/common/report-contract';
import { useApiQuery } from '../../api/query';
import { routeHref } from '../../app/router';
import { useT } from '../../i18n/i18n-context';
import { DateField } from '../../ui/DateField';
import { errorText } from '../../ui/error-text';
import { SelectField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';
import { DrillDialog } from './DrillDialog';
import { TrendChart } from './TrendChart';
import '../../ui/styles/supervisor.css';

export function DashboardPage() {
  const t = useT();
  // '' = the office's today, as the server answers it (shown in the date box once the first answer is in)
  const [picked, setPicked] = useState('');
  const [agentId, setAgentId] = useState('');
  const [drill, setDrill] = useState<ReportBucket | null>(null);
  const directory = useApiQuery('users.directory', {}).data ?? [];
  // refreshed on dossier.changed and sync.status (api/query.ts); the last figures stay while other ones load
  const dashboard = useApiQuery(
    'reports.dashboard',
    { ...(picked ? { date: picked } : {}), ...(agentId ? { agentId } : {}) },
    { keepPrevious: true },
  );
  const data: Dashboard | null = dashboard.data ?? null;
  const date = picked || (data?.date ?? '');
  const error = dashboard.error ? errorText(dashboard.error, t) : '';

  return (
    <div className="sv-page">
      <header className="page-header">
        <div className="page-header__main">
          <p className="page-header__eyebrow">{t('dash.eyebrow')}</p>
          <h1 className="page-header__title">{t('dash.title')}</h1>
        </div>
        <div className="page-header__aside">{data ? <ClosureBadge data={data} /> : null}</div>
      </header>
      <div className="card sv-filters sv-filters--compact">
        <DateField id="dash-date" label={t('dash.date')} value={date} onValueChange={(v) => v && setPicked(v)} showHint={false} />
        <SelectField
          id="dash-agent"
          label={t('dash.agent')}
          value={agentId}
          onValueChange={setAgentId}
          options={[{ value: '', label: t('dash.allAgents') }, ...directory.map((u) => ({ value: u.id, label: u.fullName }))]}
        />
      </div>
      <ErrorNotice>{error}</ErrorNotice>
      {data === null ? (
        <p className="muted" aria-busy="true">
          {t('common.loading')}
        </p>
      ) : (
        <>
          <Tiles title={t('dash.dayTitle')} id="tiles-day" figures={data.day} onOpen={setDrill} />
          <Tiles title={t('dash.openTitle')} id="tiles-open" figures={data.open} onOpen={setDrill} />
          <div className="sv-two">
            <section className="card" aria-labelledby="chart-heading">
              <h2 id="chart-heading" className="section-title">
                {t('dash.chartHeading')}
              </h2>
              <TrendChart series={data.series} />
            </section>
            <section className="card" aria-labelledby="ind-heading">
              <h2 id="ind-heading" className="section-title">
                {t('dash.indicators')}
              </h2>
              <p className="cell-sub">{t('dash.period', { from: fmt(data.indicators.from), to: fmt(data.indicators.to) })}</p>
              <Gauge label={t('dash.onlineShare')} ratio={data.indicators.onlineShare} onOpen={setDrill} />
              <Gauge label={t('dash.digitisation')} ratio={data.indicators.digitisation} onOpen={setDrill} />
              <Gauge label={t('dash.onTime')} ratio={data.indicators.onTime} onOpen={setDrill} />
            </section>
          </div>
          <Tiles title={t('dash.periodTitle')} id="tiles-period" figures={data.period} onOpen={setDrill} />
          <SyncPanel data={data} />
        </>
      )}
      {drill && data ? <DrillDialog bucket={drill} date={data.date} agentId={agentId} onClose={() => setDrill(null)} /> : null}
    </div>
  );
}

function fmt(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d ?? ''}/${m ?? ''}/${y ?? ''}`;
}

function Tiles({ title, id, figures, onOpen }: { title: string; id: string; figures: Figure[]; onOpen(b: ReportBucket): void }) {
  return (
    <section aria-labelledby={id} className="sv-tiles-section">
      <h2 id={id} className="section-title">
        {title}
      </h2>
      <ul className="sv-tiles">
        {figures.map((f) => (
          <li key={f.bucket}>
            <button type="button" className={`sv-tile${f.count === 0 ? ' sv-tile--zero' : ''}`} onClick={() => onOpen(f.bucket)}>
              <span className="sv-tile__count">{f.count}</span>
              <span className="sv-tile__label">{f.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Gauge({ label, ratio, onOpen }: { label: string; ratio: Ratio; onOpen(b: ReportBucket): void }) {
  const t = useT();
  const pct = ratio.rate === null ? null : Math.round(ratio.rate * 100);
  const tone = pct === null ? '' : pct >= 80 ? ' sv-gauge--good' : pct >= 50 ? ' sv-gauge--warn' : ' sv-gauge--bad';
  const bucket = ratio.numeratorBucket;
  return (
    <div className={`sv-gauge${tone}`}>
      <div className="sv-gauge__head">
        <span className="cell-strong">{label}</span>
        <span className="sv-gauge__value">{pct === null ? t('common.none') : `${pct}%`}</span>
      </div>
      <div
        className="sv-gauge__track"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? 0}
        aria-valuetext={pct === null ? t('dash.noData') : `${pct}%`}
      >
        <span className="sv-gauge__bar" style={{ width: `${pct ?? 0}%` }} />
      </div>
      <span className="cell-sub">
        {bucket ? (
          <button type="button" className="link-button" onClick={() => onOpen(bucket)}>
            {t('dash.ratio', { n: ratio.numerator, d: ratio.denominator })}
          </button>
        ) : (
          t('dash.ratio', { n: ratio.numerator, d: ratio.denominator })
        )}
      </span>
    </div>
  );
}

function ClosureBadge({ data }: { data: Dashboard }) {
  const t = useT();
  return (
    <div className="sv-closure">
      {data.closure ? (
        <span className="badge badge--good">
          {t('dash.closed', { at: formatDateTime(data.closure.closedAt), name: data.closure.closedByName })}
        </span>
      ) : (
        <span className="badge badge--neutral">{t('dash.notClosed')}</span>
      )}
      {data.pendingCorrections > 0 ? (
        <a className="badge badge--warn" href={routeHref({ name: 'closing' })}>
          {t('dash.pendingCorrections', { count: data.pendingCorrections })}
        </a>
      ) : null}
    </div>
  );
}

function SyncPanel({ data }: { data: Dashboard }) {
  const t = useT();
  const s = data.sync;
  return (
    <section className="card" aria-labelledby="sync-heading">
      <h2 id="sync-heading" className="section-title">
        {t('dash.sync')}
      </h2>
      {s === null ? (
        <p className="muted">{t('dash.syncNone')}</p>
      ) : (
        <>
          <dl className="sv-facts sv-facts--row">
            <div>
              <dt>{t('dash.syncLast')}</dt>
              <dd>{s.lastSuccessAt ? formatDateTime(s.lastSuccessAt) : t('dash.syncNever')}</dd>
            </div>
            <div>
              <dt>{t('dash.syncWaiting')}</dt>
              <dd>{s.waiting}</dd>
            </div>
            <div>
              <dt>{t('dash.syncFailing')}</dt>
              <dd className={s.failing > 0 ? 'sv-bad' : undefined}>{s.failing}</dd>
            </div>
            <div>
              <dt>{t('dash.syncNeedsFix')}</dt>
              <dd>{s.needsFix}</dd>
            </div>
          </dl>
          {s.failures.length > 0 ? (
            <ul className="sv-failures">
              {s.failures.map((f) => (
                <li key={f.dossierId}>
                  <a className="mono" href={routeHref({ name: 'dossier', id: f.dossierId })}>
                    {f.localCode}
                  </a>{' '}
                  {t('dash.syncFailure', {
                    attempts: f.attempts,
                    error: f.lastError ?? t('common.none'),
                    next: f.nextAttemptAt ? formatDateTime(f.nextAttemptAt) : t('common.none'),
                  })}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}
