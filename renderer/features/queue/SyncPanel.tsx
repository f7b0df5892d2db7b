// A dossier's journey to the portal: portal code, where it stands, last failure, attempts and portal statuses, supplement requests.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dossierStatusSchema } from '../../../electron/common/contract';
import { formatDateTime } from '../../../electron/common/format';
import type { SyncTimelineView } from '../../../electron/common/sync-contract';
import { useApi } from '../../api/api-context';
import { apiKey, useApiQuery } from '../../api/query';
import { useT, type Translate } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { ErrorNotice } from '../../ui/Notice';
import '../status-bar/sync.css';

function statusName(status: string, t: Translate): string {
  const parsed = dossierStatusSchema.safeParse(status);
  return parsed.success ? t(`dossierStatus.${parsed.data}`) : status;
}

function stateLine(tl: SyncTimelineView, t: Translate, authRefused: boolean): string {
  const box = tl.outbox;
  if (!box) return t('sync.notQueued');
  if (box.state === 'acknowledged') return t('sync.accepted');
  if (box.state === 'needs_fix') return t('sync.needsFix');
  if (box.state === 'cancelled') return t('sync.cancelled');
  // not "when there is a connection": nothing goes until the admin fixes the refused secret
  if (authRefused) return t('sync.waitingRefused');
  return box.nextAttemptAt && box.attempts > 0
    ? t('sync.waitingRetry', { at: formatDateTime(box.nextAttemptAt), attempts: box.attempts })
    : t('sync.waiting');
}

export function SyncPanel({ dossierId }: { dossierId: string }) {
  const api = useApi();
  const t = useT();
  const queries = useQueryClient();
  // dossier.changed (this dossier) and sync.status refresh both, and sync.status itself comes with the event (api/query.ts)
  const timelineQuery = useApiQuery('dossiers.syncTimeline', { id: dossierId });
  const requestsQuery = useApiQuery('supplements.list', { dossierId });
  const authRefused = useApiQuery('sync.status', {}).data?.authRefused === true;
  const markSeen = useMutation({
    mutationFn: (id: number) => api.call('supplements.markSeen', { id }),
    onSuccess: () => queries.invalidateQueries({ queryKey: apiKey('supplements.list', { dossierId }) }),
  });
  const timeline = timelineQuery.data ?? null;
  const requests = requestsQuery.data ?? [];
  const failed = timelineQuery.error ?? requestsQuery.error ?? markSeen.error;
  const error = failed ? errorText(failed, t) : '';

  if (!timeline) return <ErrorNotice>{error}</ErrorNotice>;
  const box = timeline.outbox;
  const entries = timeline.entries.slice(-30);
  return (
    <section className="card" aria-labelledby="sync-title">
      <h2 id="sync-title" className="section-title">
        {t('sync.title')}
      </h2>
      <ErrorNotice>{error}</ErrorNotice>
      <dl className="facts">
        <div>
          <dt>{t('sync.portalCode')}</dt>
          <dd className="sync-panel__code">{timeline.portalCode ?? t('sync.noPortalCode')}</dd>
        </div>
        <div>
          <dt>{t('sync.state')}</dt>
          <dd>{stateLine(timeline, t, authRefused)}</dd>
        </div>
        {box && box.bytesTotal > 0 && box.state === 'pending' ? (
          <div>
            <dt>{t('sync.uploaded')}</dt>
            <dd>{t('sync.bytes', { sent: box.bytesUploaded.toLocaleString('vi-VN'), total: box.bytesTotal.toLocaleString('vi-VN') })}</dd>
          </div>
        ) : null}
        {box?.lastError && box.state !== 'acknowledged' ? (
          <div>
            <dt>{t('sync.lastFailure')}</dt>
            <dd className="sync-panel__failure">{box.lastError}</dd>
          </div>
        ) : null}
      </dl>
      {requests.map((r) => (
        <div key={r.id} className="supplement" role="note" aria-label={t('sync.supplementTitle')}>
          <p>
            <strong>{t('sync.supplementTitle')}</strong> · {formatDateTime(r.at)}
          </p>
          <p>{t('sync.supplementDocuments')}</p>
          <ul>
            {r.documents.map((doc) => (
              <li key={doc}>{doc}</li>
            ))}
          </ul>
          {r.note ? <p>{t('sync.supplementNote', { note: r.note })}</p> : null}
          {r.seenAt === null ? (
            <button type="button" className="btn btn--ghost btn--small" onClick={() => markSeen.mutate(r.id)}>
              {t('sync.markSeen')}
            </button>
          ) : (
            <p className="muted small">{t('sync.seenAt', { at: formatDateTime(r.seenAt) })}</p>
          )}
        </div>
      ))}
      {entries.length === 0 ? null : (
        <ol className="timeline" aria-label={t('sync.timeline')}>
          {entries.map((e, i) => (
            <li key={`${e.type}-${e.at}-${i}`} className="timeline__item">
              <time className="timeline__time" dateTime={new Date(e.at).toISOString()}>
                {formatDateTime(e.at)}
              </time>
              {e.type === 'status' ? (
                <p className="timeline__what">
                  {t(`sync.source.${e.source}`)}: <strong>{statusName(e.to, t)}</strong>
                  {e.message ? ` · ${e.message}` : ''}
                </p>
              ) : (
                <p className="timeline__what">
                  {t(`sync.attempt.${e.kind}`)}: {e.message}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
