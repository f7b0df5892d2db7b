// The citizen's consent at intake: the notice to read, the purposes (none ticked in advance), how they agreed; withdrawal.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DossierStatus } from '../../../electron/common/contract';
import { formatDateTime } from '../../../electron/common/format';
import type { ConsentMethod, ConsentPurpose, DossierConsents } from '../../../electron/common/privacy-contract';
import { useApi } from '../../api/api-context';
import { apiKey, useApiQuery } from '../../api/query';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { ErrorNotice } from '../../ui/Notice';
import './consent.css';

/** `status`: kept for the callers; a change of status comes as 'dossier.changed', which reads the consents again */
type Props = { dossierId: string; status: DossierStatus; onChanged(): void };

export function ConsentPanel({ dossierId, onChanged }: Props) {
  const t = useT();
  const queries = useQueryClient();
  // read again on 'dossier.changed' of this dossier (a status change among them): api/query.ts
  const consents = useApiQuery('consent.get', { dossierId }).data ?? null;
  const [error, setError] = useState('');

  if (!consents) return null;
  const changed = (next: DossierConsents) => {
    queries.setQueryData(apiKey('consent.get', { dossierId }), next);
    setError('');
    onChanged();
  };
  return (
    <section className="card consent" aria-labelledby="consent-title">
      <h2 id="consent-title" className="section-title">
        {t('consent.title')}
      </h2>
      {consents.active.procedure ? (
        <Recorded consents={consents} onChanged={changed} onError={setError} />
      ) : consents.canRecord ? (
        <ConsentForm consents={consents} onChanged={changed} onError={setError} />
      ) : (
        <p className="muted">{t('consent.none')}</p>
      )}
      {consents.records.length > 0 ? <History consents={consents} /> : null}
      <ErrorNotice>{error}</ErrorNotice>
    </section>
  );
}

type Part = { consents: DossierConsents; onChanged(c: DossierConsents): void; onError(message: string): void };

function Notice({ consents }: { consents: DossierConsents }) {
  const t = useT();
  return (
    <details className="consent__notice">
      <summary>
        {t('consent.showNotice')} · {t('consent.noticeVersion', { version: consents.notice.version })}
      </summary>
      <h3>{consents.notice.title}</h3>
      {consents.notice.text.split('\n').map((line) => (
        <p key={line}>{line}</p>
      ))}
    </details>
  );
}

function ConsentForm({ consents, onChanged, onError }: Part) {
  const api = useApi();
  const t = useT();
  // nothing is ticked or chosen in advance (Decree 356/2025/NĐ-CP: no default consent)
  const [procedure, setProcedure] = useState(false);
  const [reuse, setReuse] = useState(false);
  const [method, setMethod] = useState<ConsentMethod | null>(null);
  const [busy, setBusy] = useState(false);

  async function record(): Promise<void> {
    if (!procedure) return onError(t('consent.needProcedure'));
    if (!method) return onError(t('consent.needMethod'));
    setBusy(true);
    try {
      onChanged(await api.call('consent.record', { dossierId: consents.dossierId, procedure: true, reuse, method, noticeVersion: consents.notice.version }));
    } catch (err) {
      onError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="consent__form">
      <p className="muted">{t('consent.intro')}</p>
      <Notice consents={consents} />
      <div className="consent__choices">
        <div className="consent__purposes">
          <label className="check">
            <input type="checkbox" checked={procedure} onChange={(e) => setProcedure(e.target.checked)} />
            <span>{t('consent.procedure')}</span>
          </label>
          <label className="check">
            <input type="checkbox" checked={reuse} onChange={(e) => setReuse(e.target.checked)} />
            <span>{t('consent.reuse')}</span>
          </label>
        </div>
        <fieldset className="consent__method">
          <legend>{t('consent.method')}</legend>
          {(['signed_receipt', 'read_aloud'] as const).map((m) => (
            <label key={m} className="check">
              <input type="radio" name={`consent-method-${consents.dossierId}`} checked={method === m} onChange={() => setMethod(m)} />
              <span>{t(`consent.method.${m}`)}</span>
            </label>
          ))}
        </fieldset>
      </div>
      <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void record()}>
        {t('consent.record')}
      </button>
    </div>
  );
}

function Recorded({ consents, onChanged, onError }: Part) {
  const api = useApi();
  const t = useT();
  const [asking, setAsking] = useState<ConsentPurpose | null>(null);
  const purposes = (['procedure', 'reuse'] as const).filter((p) => consents.active[p]).map((p) => t(`consent.purpose.${p}`));

  async function withdraw(purpose: ConsentPurpose): Promise<void> {
    try {
      onChanged(await api.call('consent.withdraw', { dossierId: consents.dossierId, purpose, note: 'tại quầy' }));
      setAsking(null);
    } catch (err) {
      onError(errorText(err, t));
    }
  }

  async function addReuse(): Promise<void> {
    try {
      onChanged(await api.call('consent.record', { dossierId: consents.dossierId, procedure: true, reuse: true, method: consents.method ?? 'read_aloud', noticeVersion: consents.notice.version }));
    } catch (err) {
      onError(errorText(err, t));
    }
  }

  return (
    <div className="consent__recorded">
      <p className="cell-strong" role="status">
        {t('consent.active', { purposes: purposes.join('; ') })}
      </p>
      <div className="consent__actions">
        {!consents.active.reuse && consents.canRecord ? (
          <button type="button" className="btn btn--ghost" onClick={() => void addReuse()}>
            {t('consent.addReuse')}
          </button>
        ) : null}
        {(['reuse', 'procedure'] as const)
          .filter((p) => consents.active[p])
          .map((p) => (
            <button key={p} type="button" className="btn btn--ghost" onClick={() => setAsking(p)}>
              {t('consent.withdraw', { purpose: t(`consent.purpose.${p}`) })}
            </button>
          ))}
      </div>
      {asking ? (
        <div className="notice notice--warning" role="alert">
          <p>{t('consent.withdrawConfirm', { purpose: t(`consent.purpose.${asking}`), effect: t(`consent.withdrawEffect.${asking}`) })}</p>
          <button type="button" className="btn btn--danger" onClick={() => void withdraw(asking)}>
            {t('consent.withdraw', { purpose: t(`consent.purpose.${asking}`) })}
          </button>{' '}
          <button type="button" className="btn btn--ghost" onClick={() => setAsking(null)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

function History({ consents }: { consents: DossierConsents }) {
  const t = useT();
  return (
    <ul className="consent__history small">
      {consents.records.map((r) => (
        <li key={r.id}>
          {t('consent.recordLine', {
            purpose: t(`consent.purpose.${r.purpose}`),
            method: t(`consent.method.${r.method}`),
            who: r.recordedByName,
            at: formatDateTime(r.recordedAt),
            version: r.noticeVersion,
          })}
          {r.withdrawn ? `; ${t('consent.withdrawnLine', { at: formatDateTime(r.withdrawn.at), who: r.withdrawn.byName, note: r.withdrawn.note })}` : ''}
        </li>
      ))}
    </ul>
  );
}
