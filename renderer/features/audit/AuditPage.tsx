// Audit view: filter the log by user, dossier, action and dates; verify the hash chain and show where it breaks.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { CallInput } from '../../../electron/common/contract';
import { formatDateTime } from '../../../electron/common/format';
import type { AuditCheck, AuditItem } from '../../../electron/common/report-contract';
import { auditActionLabels } from '../../../electron/common/report-labels';
import { useApi } from '../../api/api-context';
import type { Api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { routeHref } from '../../app/router';
import { useT } from '../../i18n/i18n-context';
import { DateField } from '../../ui/DateField';
import { errorText } from '../../ui/error-text';
import { SelectField, TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';
import { Pager } from '../../ui/Pager';
import { useDebouncedValue } from '../../ui/use-debounced';
import '../../ui/styles/supervisor.css';

const pageSize = 50;
type Filter = { actorId: string; dossier: string; action: string; fromDate: string; toDate: string };
const empty: Filter = { actorId: '', dossier: '', action: '', fromDate: '', toDate: '' };

/** One page of the log; a local code typed in the dossier box is looked up first, anything else is taken as the id. */
async function loadAudit(api: Api, applied: Filter, offset: number) {
  const input: CallInput<'audit.list'> = { limit: pageSize, offset };
  if (applied.actorId) input.actorId = applied.actorId;
  if (applied.action) input.action = applied.action;
  if (applied.fromDate) input.fromDate = applied.fromDate;
  if (applied.toDate) input.toDate = applied.toDate;
  const wanted = applied.dossier.trim();
  if (wanted) {
    const found = await api.call('dossiers.list', { text: wanted, limit: 5 });
    input.dossierId = found.items.find((d) => d.localCode.toLowerCase() === wanted.toLowerCase())?.id ?? wanted;
  }
  return api.call('audit.list', input);
}

export function AuditPage() {
  const api = useApi();
  const t = useT();
  const [filter, setFilter] = useState<Filter>(empty);
  const applied = useDebouncedValue(filter, 300);
  const [offset, setOffset] = useState(0);
  const directory = useApiQuery('users.directory', {}).data ?? [];
  // keyed as 'audit.list', so dossier.changed refreshes it like the other lists (api/query.ts)
  const list = useQuery({
    queryKey: ['audit.list', { ...applied, offset }],
    queryFn: () => loadAudit(api, applied, offset),
    placeholderData: keepPreviousData,
  });
  const result = list.data ?? null;
  const verification = useMutation({ mutationFn: () => api.call('audit.verify', {}) });
  const check: AuditCheck | null = verification.data ?? null;
  const checking = verification.isPending;
  const failed = list.error ?? verification.error;
  const error = failed ? errorText(failed, t) : '';

  function change(patch: Partial<Filter>): void {
    setFilter((f) => ({ ...f, ...patch }));
    setOffset(0);
  }

  const actions = [
    { value: '', label: t('common.all') },
    { value: 'dossier.', label: t('audit.allDossier') },
    ...Object.entries(auditActionLabels).map(([value, label]) => ({ value, label })),
  ];
  const total = result?.total ?? 0;
  return (
    <div className="sv-page">
      <header className="page-header">
        <div className="page-header__main">
          <p className="page-header__eyebrow">{t('audit.eyebrow')}</p>
          <h1 id="audit-title" className="page-header__title">
            {t('audit.title')}
          </h1>
        </div>
        <div className="page-header__aside">
          <a className="btn btn--secondary" href={routeHref({ name: 'accessLog' })}>
            {t('access.link')}
          </a>
          <button type="button" className="btn btn--secondary" disabled={checking} onClick={() => verification.mutate()}>
            {t('audit.verify')}
          </button>
        </div>
      </header>
      {check ? <CheckResult check={check} /> : null}
      <div className="card sv-filters sv-filters--five">
        <SelectField
          id="audit-user"
          label={t('audit.user')}
          value={filter.actorId}
          onValueChange={(v) => change({ actorId: v })}
          options={[{ value: '', label: t('common.all') }, ...directory.map((u) => ({ value: u.id, label: u.fullName }))]}
        />
        <TextField id="audit-dossier" label={t('audit.dossier')} value={filter.dossier} onValueChange={(v) => change({ dossier: v })} />
        <SelectField id="audit-action" label={t('audit.action')} value={filter.action} onValueChange={(v) => change({ action: v })} options={actions} />
        <DateField id="audit-from" label={t('audit.from')} value={filter.fromDate} onValueChange={(v) => change({ fromDate: v })} showHint={false} />
        <DateField id="audit-to" label={t('audit.to')} value={filter.toDate} onValueChange={(v) => change({ toDate: v })} showHint={false} />
      </div>
      <ErrorNotice>{error}</ErrorNotice>
      <section className="card card--flush" aria-labelledby="audit-title">
        {result === null ? (
          <p className="muted pad">{t('common.loading')}</p>
        ) : result.items.length === 0 ? (
          <p className="muted pad" role="status">
            {t('audit.empty')}
          </p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('audit.colTime')}</th>
                <th scope="col">{t('audit.user')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.colDossier')}</th>
                <th scope="col">{t('audit.colDetails')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((a) => (
                <AuditRow key={a.id} item={a} broken={check?.brokenAtId === a.id} />
              ))}
            </tbody>
          </table>
        )}
        <Pager offset={offset} pageSize={pageSize} total={total} rangeKey="audit.range" onOffset={setOffset} />
      </section>
    </div>
  );
}

function AuditRow({ item, broken }: { item: AuditItem; broken: boolean }) {
  const t = useT();
  const details = Object.entries(item.details)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
  return (
    <tr className={broken ? 'sv-broken' : undefined}>
      <td className="nowrap">
        {formatDateTime(item.at)}
        <span className="cell-sub mono">#{item.id}</span>
      </td>
      <td>{item.actorName ?? t('audit.system')}</td>
      <td>
        {auditActionLabels[item.action] ?? item.action}
        <span className="cell-sub mono">{item.action}</span>
      </td>
      <td className="mono nowrap">
        {item.localCode && item.entityId ? <a href={routeHref({ name: 'dossier', id: item.entityId })}>{item.localCode}</a> : t('common.none')}
      </td>
      <td className="sv-details">{details}</td>
    </tr>
  );
}

function CheckResult({ check }: { check: AuditCheck }) {
  const t = useT();
  if (check.ok) {
    return (
      <p className="notice notice--info sv-check-ok" role="status">
        {t('audit.ok', { rows: check.rows })}
      </p>
    );
  }
  return (
    <div className="notice notice--error" role="alert">
      <p className="cell-strong">{t('audit.broken', { id: check.brokenAtId ?? '?', problem: check.problem ? t(`audit.problem.${check.problem}`) : '' })}</p>
      <p>{check.message}</p>
      {check.row ? (
        <p className="small">
          {t('audit.brokenRow', { at: formatDateTime(check.row.at), who: check.row.actorName ?? t('audit.system'), action: auditActionLabels[check.row.action] ?? check.row.action })}
        </p>
      ) : null}
      {check.previous ? <p className="small">{t('audit.previousRow', { id: check.previous.id, at: formatDateTime(check.previous.at) })}</p> : null}
    </div>
  );
}
