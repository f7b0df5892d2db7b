// What the last backup did, what is running now (with progress), what comes next, and "Sao lưu ngay".
import { useState } from 'react';
import type { BackupStatus } from '../../../electron/common/backup-contract';
import { formatDateTime } from '../../../electron/common/format';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { ErrorNotice } from '../../ui/Notice';
import { megabytes } from './use-backup-status';

export function BackupStatusBlock({ status, onStatus }: { status: BackupStatus; onStatus(s: BackupStatus): void }) {
  const api = useApi();
  const t = useT();
  const [error, setError] = useState('');
  const running = status.running;
  const last = status.lastSuccess;

  async function backupNow(): Promise<void> {
    setError('');
    try {
      onStatus(await api.call('backup.run', {}));
    } catch (err) {
      setError(errorText(err, t));
    }
  }

  return (
    <div className="backup-status" role="status" aria-label={t('backup.statusRegion')}>
      {running ? (
        <>
          <p>{t('backup.progress', { phase: t(`backup.phase.${running.phase}`), done: running.done, total: running.total })}</p>
          <progress aria-label={t('backup.progressLabel')} max={Math.max(1, running.total)} value={running.done} />
        </>
      ) : null}
      <p>
        {last
          ? t('backup.last', {
              at: formatDateTime(last.at),
              dossiers: t('count.dossiers', { count: last.dossiers }),
              pages: t('count.pages', { count: last.pages }),
              written: megabytes(last.bytesWritten),
              total: megabytes(last.bytesTotal),
              seconds: (last.durationMs / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 }),
            })
          : t('backup.never')}
      </p>
      {last && last.missing > 0 ? <p>{t('backup.lastMissing', { count: last.missing })}</p> : null}
      {status.nextDueAt && !running ? <p className="muted">{t('backup.next', { at: formatDateTime(status.nextDueAt) })}</p> : null}
      <ErrorNotice>{status.warning && status.configured ? status.warning : ''}</ErrorNotice>
      <ErrorNotice>{error}</ErrorNotice>
      {!status.configured ? <p className="muted">{t('backup.notConfigured')}</p> : null}
      <div className="form__actions form__actions--start">
        <button type="button" className="btn btn--primary" onClick={() => void backupNow()} disabled={!status.configured || running !== null} aria-busy={running !== null}>
          {running ? t('backup.running') : t('backup.now')}
        </button>
      </div>
    </div>
  );
}
