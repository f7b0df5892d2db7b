// The access log under "Nhật ký": who looked at which citizen's pages, PDFs and exports; filters, CSV/XLSX, chain check.
import { useState } from 'react';
import type { CallInput, CallOutput } from '../../../electron/common/contract';
import { formatDateTime } from '../../../electron/common/format';
import { useApi } from '../../api/api-context';
import { useApiQuery } from '../../api/query';
import { routeHref } from '../../app/router';
import { useT } from '../../i18n/i18n-context';
import { DateField } from '../../ui/DateField';
import { blobUrlFor, triggerDownload } from '../../ui/download';
import { errorText } from '../../ui/error-text';
import { SelectField, TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';
import { Pager } from '../../ui/Pager';
import { useDebouncedValue } from '../../ui/use-debounced';
import '../../ui/styles/supervisor.css';
import './privacy.css';

const pageSize = 50;
type Filter = { actorId: string; idNumber: string; fromDate: string; toDate: string };

function inputOf(f: Filter): Omit<CallInput<'accessLog.list'>, 'limit' | 'offset'> {
  const out: Omit<CallInput<'accessLog.list'>, 'limit' | 'offset'> = {};
  if (f.actorId) out.actorId = f.actorId;
  if (/^\d{12}$/.test(f.idNumber.trim())) out.idNumber = f.idNumber.trim();
  if (f.fromDate) out.fromDate = f.fromDate;
  if (f.toDate) out.toDate = f.toDate;
  return out;
}

export function AccessLogPage() {
  const api = useApi();
  const t = useT();
  const [filter, setFilter] = useState<Filter>({ actorId: '', idNumber: '', fromDate: '', toDate: '' });
  const applied = useDebouncedValue(filter, 300);
  const [offset, setOffset] = useState(0);
  const list = useApiQuery('accessLog.list', { ...inputOf(applied), limit: pageSize, offset }, { keepPrevious: true });
  const result = list.data ?? null;
  const directory = useApiQuery('users.directory', {}).data ?? [];
  const [actionError, setError] = useState('');
  const error = actionError || (list.error ? errorText(list.error, t) : '');
  const [check, setCheck] = useState<CallOutput<'accessLog.verify'> | null>(null);

  const change = (patch: Partial<Filter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setOffset(0);
  };

  async function exportAs(format: 'csv' | 'xlsx'): Promise<void> {
    try {
      const file = await api.call('accessLog.export', { ...inputOf(filter), format });
      triggerDownload(blobUrlFor(file.bytes, file.mime), file.fileName);
    } catch (err) {
      setError(errorText(err, t));
    }
  }

  async function verify(): Promise<void> {
    try {
      setCheck(await api.call('accessLog.verify', {}));
    } catch (err) {
      setError(errorText(err, t));
    }
  }

  const total = result?.total ?? 0;
  return (
    <div className="sv-page">
      <header className="page-header">
        <div className="page-header__main">
          <p className="page-header__eyebrow">
            <a href={routeHref({ name: 'audit' })}>{t('access.auditLink')}</a> · {t('access.eyebrow')}
          </p>
          <h1 id="access-title" className="page-header__title">
            {t('access.title')}
          </h1>
        </div>
        <div className="page-header__aside">
          <button type="button" className="btn btn--secondary" onClick={() => void exportAs('csv')}>
            {t('access.exportCsv')}
          </button>
          <button type="button" className="btn btn--secondary" onClick={() => void exportAs('xlsx')}>
            {t('access.exportXlsx')}
          </button>
          <button type="button" className="btn btn--secondary" onClick={() => void verify()}>
            {t('access.verify')}
          </button>
        </div>
      </header>
      {check ? (
        <p className={`notice ${check.ok ? 'notice--info' : 'notice--error'}`} role={check.ok ? 'status' : 'alert'}>
          {check.message}
        </p>
      ) : null}
      <div className="card sv-filters access-filters">
        <SelectField
          id="access-user"
          label={t('access.user')}
          value={filter.actorId}
          onValueChange={(v) => change({ actorId: v })}
          options={[{ value: '', label: t('common.all') }, ...directory.map((u) => ({ value: u.id, label: u.fullName }))]}
        />
        <TextField id="access-id" label={t('access.idNumber')} hint={t('access.idNumberHint')} value={filter.idNumber} inputMode="numeric" maxLength={12} onValueChange={(v) => change({ idNumber: v })} />
        <DateField id="access-from" label={t('access.from')} value={filter.fromDate} onValueChange={(v) => change({ fromDate: v })} showHint={false} />
        <DateField id="access-to" label={t('access.to')} value={filter.toDate} onValueChange={(v) => change({ toDate: v })} showHint={false} />
      </div>
      <ErrorNotice>{error}</ErrorNotice>
      <section className="card card--flush" aria-labelledby="access-title">
        {result === null ? (
          <p className="muted pad">{t('common.loading')}</p>
        ) : result.items.length === 0 ? (
          <p className="muted pad" role="status">
            {t('access.empty')}
          </p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('access.colTime')}</th>
                <th scope="col">{t('access.user')}</th>
                <th scope="col">{t('access.colAction')}</th>
                <th scope="col">{t('access.colDossier')}</th>
                <th scope="col">{t('access.colReason')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((a) => (
                <tr key={a.id} className={check && !check.ok && check.brokenAtId === a.id ? 'sv-broken' : undefined}>
                  <td className="nowrap">
                    {formatDateTime(a.at)}
                    <span className="cell-sub mono">#{a.id}</span>
                  </td>
                  <td>{a.actorName ?? '—'}</td>
                  <td>
                    {a.actionLabel}
                    <span className="cell-sub mono">{a.action}</span>
                  </td>
                  <td className="mono nowrap">
                    {a.localCode && a.dossierId ? <a href={routeHref({ name: 'dossier', id: a.dossierId })}>{a.localCode}</a> : (a.target ?? '—')}
                  </td>
                  <td className="sv-details">{a.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager offset={offset} pageSize={pageSize} total={total} rangeKey="access.range" onOffset={setOffset} />
      </section>
    </div>
  );
}
