// The backup status (settings, last outcome, progress, warning), fetched once and kept current by backup.status events.
import { useCallback, useEffect, useState } from 'react';
import type { BackupStatus } from '../../../electron/common/backup-contract';
import { useApi, useApiEvent } from '../../api/api-context';

export function useBackupStatus(): { status: BackupStatus | null; setStatus(s: BackupStatus): void } {
  const api = useApi();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const refresh = useCallback(() => {
    api.call('backup.status', {}).then(setStatus, () => undefined);
  }, [api]);
  useEffect(refresh, [refresh]);
  useApiEvent('backup.status', setStatus);
  return { status, setStatus };
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}
