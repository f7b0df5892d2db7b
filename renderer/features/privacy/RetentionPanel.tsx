// Retention: the periods per class (admin edits, with the legal basis), what the next purge removes, legal holds.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateTime } from '../../../electron/common/format';
import type { LegalHold } from '../../../electron/common/privacy-contract';
import { useApi } from '../../api/api-context';
import { apiKey, useApiQuery } from '../../api/query';
import { useSession } from '../../app/session-context';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { ErrorNotice } from '../../ui/Notice';
import { HoldForm, ReleaseForm } from './LegalHoldForms';
import { RetentionPeriodsForm } from './RetentionPeriodsForm';

export function RetentionPanel() {
  const api = useApi();
  const t = useT();
  const { session } = useSession();
  const admin = session.user.role === 'admin';
  const queries = useQueryClient();
  const settingsQuery = useApiQuery('retention.get', {});
  const preview = useApiQuery('retention.preview', {}).data ?? null;
  const holdsQuery = useApiQuery('retention.holds', {});
  const holds = holdsQuery.data ?? [];
  const [note, setNote] = useState('');
  const [failure, setError] = useState('');
  const loadError = settingsQuery.error ?? holdsQuery.error;
  const error = failure || (loadError ? errorText(loadError, t) : '');
  const [releasing, setReleasing] = useState<string | null>(null);

  // periods, holds and a run all change what the next purge removes: the panel's reads are taken again
  const reread = () => queries.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('retention.') });
  const act = async (work: () => Promise<string>) => {
    try {
      setNote(await work());
      setError('');
      await reread();
    } catch (err) {
      setError(errorText(err, t));
    }
  };
  const holdsChanged = (list: LegalHold[]) => {
    queries.setQueryData(apiKey('retention.holds', {}), list);
    setReleasing(null);
    setNote('');
    void reread();
  };

  const settings = settingsQuery.data;
  if (!settings) return <ErrorNotice>{error}</ErrorNotice>;
  const c = preview?.counts;
  return (
    <section className="card privacy-retention" aria-labelledby="retention-title">
      <h2 id="retention-title" className="section-title">
        {t('retention.title')}
      </h2>
      <p className="muted">{t('retention.hint')}</p>
      <RetentionPeriodsForm
        key={JSON.stringify(settings.periods)}
        settings={settings}
        admin={admin}
        onSaved={(text) => {
          setNote(text);
          setError('');
          void reread();
        }}
        actions={
          <button
            type="button"
            className="btn btn--danger"
            onClick={() => void act(async () => {
              const r = await api.call('retention.run', {});
              return t('retention.ran', { dossiers: t('count.dossiers', { count: r.dossiers }), pages: t('count.pages', { count: r.pagesPurged }), files: t('count.imageFiles', { count: r.blobsDeleted }) });
            })}
          >
            {t('retention.runNow')}
          </button>
        }
      />
      {settings.lastRun ? (
        <p className="muted small">{t('retention.lastRun', { at: formatDateTime(settings.lastRun.at), dossiers: t('count.dossiers', { count: settings.lastRun.dossiers }), pages: t('count.pages', { count: settings.lastRun.pagesPurged }) })}</p>
      ) : null}
      <h3 className="section-subtitle">{t('retention.preview')}</h3>
      {preview && c ? (
        preview.dossiers.length === 0 ? (
          <p className="muted" role="status">
            {t('retention.previewEmpty')}
            {preview.held > 0 ? ` ${t('retention.previewHeld', { count: preview.held })}` : ''}
          </p>
        ) : (
          <>
            <p>{t('retention.counts', {
                idCard: t('count.idCardImages', { count: c.idCardImages }),
                scans: t('count.documentPages', { count: c.otherScans }),
                ocr: t('count.ocrPages', { count: c.ocrText }),
                applicants: t('count.dossiers', { count: c.applicantData }),
                files: t('count.imageFiles', { count: preview.blobFiles }),
                held: t('count.dossiers', { count: preview.held }),
              })}</p>
            <ul className="small">
              {preview.dossiers.slice(0, 50).map((d) => (
                <li key={d.dossierId}>
                  <span className="mono">{d.localCode}</span> {d.procedureName}: {d.classes.map((k) => t(`retention.class.${k}`)).join(', ')}
                </li>
              ))}
            </ul>
          </>
        )
      ) : null}
      <h3 className="section-subtitle">{t('retention.holds')}</h3>
      {holds.length === 0 ? <p className="muted">{t('retention.holdsEmpty')}</p> : null}
      <ul className="small">
        {holds.map((h) => (
          <li key={h.id}>
            {t('retention.holdLine', { code: h.localCode, reason: h.reason, who: h.placedByName, at: formatDateTime(h.placedAt) })}{' '}
            {releasing === h.dossierId ? (
              <ReleaseForm hold={h} onHolds={holdsChanged} onCancel={() => setReleasing(null)} />
            ) : (
              <button type="button" className="btn btn--ghost" onClick={() => setReleasing(h.dossierId)}>
                {t('retention.release')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <HoldForm onHolds={holdsChanged} />
      {note ? <p className="notice notice--info" role="status">{note}</p> : null}
      <ErrorNotice>{error}</ErrorNotice>
    </section>
  );
}
