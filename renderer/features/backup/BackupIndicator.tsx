// Status bar part for supervisors and the admin: a backup running (with its count), or why the last one failed.
import { routeHref } from '../../app/router';
import { useT } from '../../i18n/i18n-context';
import { useBackupStatus } from './use-backup-status';
import './backup.css';

export function BackupIndicator() {
  const t = useT();
  const { status } = useBackupStatus();
  if (!status) return null;
  if (status.running) {
    return (
      <span className="statusbar__item statusbar__backup" role="status" aria-label={t('backup.statusRegion')}>
        {t('backup.statusRunning', { done: status.running.done, total: status.running.total })}
      </span>
    );
  }
  if (!status.warning) return null;
  // a failed or overdue backup stays on screen (not only in a log) until a backup succeeds; "not set up" is shorter
  const failed = status.configured;
  return (
    <span
      className={`statusbar__item statusbar__backup${failed ? ' statusbar__backup--warn' : ''}`}
      role="status"
      aria-label={t('backup.statusRegion')}
      title={status.warning}
    >
      ⚠ {failed ? status.warning : t('backup.notSetUp')}{' '}
      <a href={routeHref({ name: 'settings' })} className="statusbar__link">
        {t('backup.warningLink')}
      </a>
    </span>
  );
}
