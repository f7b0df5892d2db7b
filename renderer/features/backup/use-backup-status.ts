// The backup status (settings, last outcome, progress, warning), cached and kept current by backup.status events (api/query.ts).
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { BackupStatus } from '../../../electron/common/backup-contract';
import { apiKey, useApiQuery } from '../../api/query';

export function useBackupStatus(): { status: BackupStatus | null; setStatus(s: BackupStatus): void } {
  const client = useQueryClient();
  // a failed read leaves the status unknown (null): the indicator and the settings part stay hidden
  const status = useApiQuery('backup.status', {}).data ?? null;
  const setStatus = useCallback((s: BackupStatus) => client.setQueryData(apiKey('backup.status', {}), s), [client]);
  return { status, setStatus };
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}
