// Chasing: portal supplement requests and overdue dossiers, the citizen's phone to call, and each contact attempt.
import { useState } from 'react';
import { formatDate, formatDateTime } from '../../../electron/common/format';
import type { ChaseItem } from '../../../electron/common/report-contract';
import { contactOutcomeLabels } from '../../../electron/common/report-labels';
import { useApiQuery } from '../../api/query';
import { routeHref } from '../../app/router';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';
import { ContactDialog } from './ContactDialog';
import '../../ui/styles/supervisor.css';

type Kind = 'supplement' | 'overdue';

export function ChasingPage() {
  const t = useT();
  const [kind, setKind] = useState<Kind>('supplement');
  const [done, setDone] = useState('');
  const [open, setOpen] = useState<ChaseItem | null>(null);
  // refreshed on dossier.changed and sync.status (api/query.ts); each tab keeps its own cached answer
  const list = useApiQuery('chase.list', { kind, limit: 200 });
  const result = list.data ?? null;
  const error = list.error ? errorText(list.error, t) : '';

  const tabs: Array<[Kind, string]> = [
    ['supplement', t('chase.tabSupplement')],
    ['overdue', t('chase.tabOverdue')],
  ];
  return (
    <div className="sv-page">
      <header className="page-header">
        <div className="page-header__main">
          <p className="page-header__eyebrow">{t('chase.eyebrow')}</p>
          <h1 className="page-header__title">{t('chase.title')}</h1>
        </div>
      </header>
      <div className="sv-tabs" role="tablist" aria-label={t('chase.title')}>
        {tabs.map(([k, label]) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`tab-${k}`}
            aria-selected={kind === k}
            aria-controls="chase-panel"
            className="sv-tab"
            onClick={() => setKind(k)}
          >
            {label}
          </button>
        ))}
      </div>
      <ErrorNotice>{error}</ErrorNotice>
      <InfoNotice>{done}</InfoNotice>
      <section id="chase-panel" role="tabpanel" aria-labelledby={`tab-${kind}`} className="card card--flush">
        {result === null ? (
          <p className="muted pad">{t('common.loading')}</p>
        ) : result.items.length === 0 ? (
          <p className="muted pad" role="status">
            {kind === 'supplement' ? t('chase.emptySupplement') : t('chase.emptyOverdue')}
          </p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('queue.colCode')}</th>
                <th scope="col">{t('queue.colApplicant')}</th>
                <th scope="col">{t('chase.colPhone')}</th>
                <th scope="col">{kind === 'supplement' ? t('chase.colRequest') : t('chase.colOverdue')}</th>
                <th scope="col">{t('queue.colAgent')}</th>
                <th scope="col">{t('chase.colContacts')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('chase.colActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((d) => (
                <tr key={d.id}>
                  <td className="mono nowrap">
                    <a href={routeHref({ name: 'dossier', id: d.id })}>{d.localCode}</a>
                  </td>
                  <td>
                    <span className="cell-strong">{d.applicantName}</span>
                    <span className="cell-sub cell-clamp">{d.procedureName}</span>
                  </td>
                  <td className="nowrap">
                    {d.phone ? (
                      <a className="sv-phone" href={`tel:${d.phone.replace(/[^\d+]/g, '')}`} aria-label={t('chase.call', { phone: d.phone, name: d.applicantName })}>
                        {d.phone}
                      </a>
                    ) : (
                      <span className="muted">{t('chase.noPhone')}</span>
                    )}
                  </td>
                  <td>
                    {kind === 'supplement' && d.request ? (
                      <>
                        <ul className="sv-docs">
                          {d.request.documents.map((doc) => (
                            <li key={doc}>{doc}</li>
                          ))}
                        </ul>
                        {d.request.note ? <span className="cell-sub">{d.request.note}</span> : null}
                        <span className="cell-sub">{formatDateTime(d.request.at)}</span>
                      </>
                    ) : (
                      <>
                        {d.daysOverdue !== null ? <span className="tag tag--bad">{t('chase.daysOverdue', { days: d.daysOverdue, count: d.daysOverdue })}</span> : null}
                        <span className="cell-sub">{d.dueDate ? t('chase.due', { date: formatDate(d.dueDate) }) : ''}</span>
                      </>
                    )}
                  </td>
                  <td>{d.agent.fullName}</td>
                  <td>
                    {t('chase.contactsCount', { count: d.contacts })}
                    {d.lastContact ? (
                      <span className="cell-sub">
                        {contactOutcomeLabels[d.lastContact.outcome]}, {formatDateTime(d.lastContact.at)}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <button type="button" className="btn btn--secondary btn--small" onClick={() => setOpen(d)} aria-label={t('chase.logFor', { code: d.localCode })}>
                      {t('chase.log')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {open ? (
        <ContactDialog
          item={open}
          onClose={() => setOpen(null)}
          onSaved={() => {
            setDone(t('chase.saved', { code: open.localCode }));
            setOpen(null);
            void list.refetch();
          }}
        />
      ) : null}
    </div>
  );
}
