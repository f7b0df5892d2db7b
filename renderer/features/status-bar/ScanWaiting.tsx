// Status bar item: pages waiting in the counter's scan folder (none arrive anywhere until a dossier is open).
import { useEffect, useState } from 'react';
import type { ScannerStatus } from '../../../electron/common/digitize-contract';
import { useApi, useApiEvent } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';

export function ScanWaiting() {
  const api = useApi();
  const t = useT();
  const [status, setStatus] = useState<ScannerStatus | null>(null);
  useEffect(() => {
    api.call('scanner.status', {}).then(setStatus, () => undefined);
  }, [api]);
  useApiEvent('scanner.status', setStatus);
  if (!status || status.folder === '' || (status.waiting === 0 && !status.problem)) return null;
  return (
    <span className="statusbar__item" role="status" title={status.problem ?? undefined}>
      {status.waiting > 0 ? t('scanner.waiting', { count: status.waiting }) : t('scanner.label')}
      {status.problem ? ' ⚠' : ''}
    </span>
  );
}
