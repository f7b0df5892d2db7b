// Banner on a dossier the supervisor returned: their written reason, who returned it and when.
import type { DossierDetail } from '../../../electron/common/contract';
import { formatDateTime } from '../../../electron/common/format';
import { useT } from '../../i18n/i18n-context';
import '../../ui/styles/supervisor.css';

export function ReturnNotice({ detail }: { detail: DossierDetail }) {
  const t = useT();
  if (detail.status !== 'returned' || !detail.returnReason) return null;
  const event = [...detail.history].reverse().find((e) => e.toStatus === 'returned');
  return (
    <section className="return-notice" role="region" aria-labelledby="return-notice-title">
      <h2 id="return-notice-title" className="return-notice__title">
        {t('returnNotice.title')}
      </h2>
      <p className="return-notice__reason">{detail.returnReason}</p>
      {event ? (
        <p className="return-notice__meta">
          {t('returnNotice.by', { name: event.actorName ?? t('common.none'), at: formatDateTime(event.at) })}
        </p>
      ) : null}
      <p className="return-notice__hint">{t('returnNotice.hint')}</p>
    </section>
  );
}
