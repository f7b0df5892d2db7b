// Status history of a dossier as a vertical timeline, newest last.
import type { StatusEvent } from '../../../electron/common/contract';
import { dossierStatusSchema } from '../../../electron/common/contract';
import { formatDateTime } from '../../../electron/common/format';
import { useT, type Translate } from '../../i18n/i18n-context';

function statusName(status: string, t: Translate): string {
  const parsed = dossierStatusSchema.safeParse(status);
  return parsed.success ? t(`dossierStatus.${parsed.data}`) : status;
}

export function StatusTimeline({ history }: { history: StatusEvent[] }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title" className="section-title">
        {t('detail.history')}
      </h2>
      {history.length === 0 ? (
        <p className="muted">{t('detail.historyEmpty')}</p>
      ) : (
        <ol className="timeline">
          {history.map((e) => (
            <li key={e.id} className="timeline__item">
              <time className="timeline__time" dateTime={new Date(e.at).toISOString()}>
                {formatDateTime(e.at)}
              </time>
              <p className="timeline__what">
                {e.fromStatus ? `${statusName(e.fromStatus, t)} → ` : ''}
                <strong>{statusName(e.toStatus, t)}</strong>
              </p>
              <p className="timeline__who muted small">
                {[e.actorName, t(`detail.source.${e.source}`)].filter(Boolean).join(' · ')}
              </p>
              {e.message ? <p className="timeline__message">{e.message}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
