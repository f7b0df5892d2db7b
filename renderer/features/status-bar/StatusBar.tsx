// Bottom status bar: who is signed in, whether the DVC portal is reachable, the app version.
import { useState } from 'react';
import type { EventPayload, User } from '../../../electron/common/contract';
import { useApiEvent } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { ScanWaiting } from './ScanWaiting';

type SyncStatus = EventPayload<'sync.status'>;

export function StatusBar({ user, version }: { user: User; version: string }) {
  const t = useT();
  const [sync, setSync] = useState<SyncStatus | null>(null);
  useApiEvent('sync.status', setSync);

  const portal =
    sync === null
      ? t('status.portalNever')
      : sync.online
        ? t('status.portalOnline')
        : t('status.portalOffline');
  const tone = sync === null ? 'unknown' : sync.online ? 'online' : 'offline';
  return (
    <footer className="statusbar" aria-label={t('status.bar')}>
      <span className="statusbar__item">
        {t('status.signedInAs', { name: user.fullName, role: t(`role.${user.role}`) })}
      </span>
      <span className="statusbar__item" role="status" title={sync?.detail ?? undefined}>
        <span className={`dot dot--${tone}`} aria-hidden="true" />
        {portal}
        {sync && sync.waiting > 0 ? ` · ${t('status.portalWaiting', { count: sync.waiting })}` : ''}
        {sync?.current
          ? ` · ${t('status.uploading', { code: sync.current.localCode, percent: Math.round(sync.current.percent) })}`
          : ''}
        {sync?.needsFix ? ` · ${t('status.needsFix', { count: sync.needsFix })}` : ''}
      </span>
      <ScanWaiting />
      <span className="statusbar__item statusbar__item--end">{t('shortcuts.title')}</span>
      <span className="statusbar__item">{t('status.version', { version })}</span>
    </footer>
  );
}
