// Bottom status bar: who is signed in, whether the DVC portal is reachable, the app version.
import type { User } from '../../../electron/common/contract';
import { useT } from '../../i18n/i18n-context';
import { ScanWaiting } from './ScanWaiting';
import { SyncIndicator } from './SyncIndicator';
import { BackupIndicator } from '../backup/BackupIndicator';
import './sync.css';

export function StatusBar({ user, version }: { user: User; version: string }) {
  const t = useT();
  const who = t('status.signedInAs', { name: user.fullName, role: t(`role.${user.role}`) });
  return (
    <footer className="statusbar" aria-label={t('status.bar')}>
      {/* the side bar shows who is signed in too: this is the first to shorten after the hint */}
      <span className="statusbar__item statusbar__who" title={who}>
        {who}
      </span>
      <SyncIndicator />
      <ScanWaiting />
      {/* a failed or overdue backup is the supervisor's to see, not only a log line */}
      {user.role === 'agent' ? null : <BackupIndicator />}
      {/* the hint gives way (ellipsis, full text on hover) when the portal's state needs the width */}
      <span className="statusbar__item statusbar__item--end statusbar__hint" title={t('shortcuts.title')}>
        {t('shortcuts.title')}
      </span>
      <span className="statusbar__item statusbar__version">{t('status.version', { version })}</span>
    </footer>
  );
}
