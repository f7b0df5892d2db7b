// Status bar part for the portal: online/offline, dossiers waiting, the upload in progress, last success, "Đồng bộ ngay".
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventPayload } from '../../../electron/common/contract';
import { formatDateTime } from '../../../electron/common/format';
import { useApi, useApiEvent } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { routeHref } from '../../app/router';
import './sync.css';

type SyncStatus = EventPayload<'sync.status'>;

// 10 s: a few COUNT queries on the outbox; short enough that a missed event is not noticed at the counter
const RECHECK_MS = 10_000;

function megabytes(bytes: number): string {
  return (bytes / 1_048_576).toLocaleString('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

export function SyncIndicator() {
  const api = useApi();
  const t = useT();
  const [sync, setSync] = useState<SyncStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const refresh = useCallback(() => {
    api.call('sync.status', {}).then(setSync, () => undefined);
  }, [api]);
  useEffect(refresh, [refresh]);
  // events can be missed (the event stream reconnecting, a host restart): read the status again now and then, so a
  // stale "trực tuyến" or count never outlives the truth by more than this
  useEffect(() => {
    const timer = setInterval(refresh, RECHECK_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  useApiEvent('sync.status', setSync);
  // a dossier queued, fixed or refused somewhere: the counts are read again from the outbox, never kept by hand
  const soon = useRef<ReturnType<typeof setTimeout> | null>(null);
  useApiEvent('dossier.changed', () => {
    if (soon.current) return;
    soon.current = setTimeout(() => {
      soon.current = null;
      refresh();
    }, 300);
  });
  useEffect(
    () => () => {
      if (soon.current) clearTimeout(soon.current);
    },
    [],
  );

  async function syncNow(): Promise<void> {
    setBusy(true);
    setError('');
    try {
      setSync(await api.call('sync.now', {}));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  const configured = sync?.configured !== false;
  // a refused secret is never "online", whatever the portal's /health says
  const online = sync !== null && sync.online && sync.authRefused !== true;
  const tone = sync === null || !configured ? 'unknown' : online ? 'online' : 'offline';
  const label =
    sync === null
      ? t('status.portalNever')
      : !configured
        ? t('status.portalNotConfigured')
        : sync.authRefused
          ? t('status.portalRefused')
          : online
            ? t('status.portalOnline')
            : t('status.portalOffline');
  const parts: string[] = [label];
  if (sync && sync.waiting > 0) parts.push(t('status.portalWaiting', { count: sync.waiting }));
  if (sync?.current) {
    parts.push(
      t('status.uploadingBytes', {
        code: sync.current.localCode,
        sent: megabytes(sync.current.bytesSent),
        total: megabytes(sync.current.bytesTotal),
        percent: Math.round(sync.current.percent),
      }),
    );
  }
  const last = sync?.lastSuccessAt ? t('status.lastSync', { at: formatDateTime(sync.lastSuccessAt) }) : t('status.lastSyncNever');
  return (
    <span className="statusbar__item statusbar__sync">
      <span
        role="status"
        className="statusbar__sync-text"
        aria-label={t('status.syncRegion')}
        title={error || sync?.detail || `${parts.join(' · ')} · ${last}`}
      >
        <span className={`dot dot--${tone}`} aria-hidden="true" />
        {parts.join(' · ')}
        {/* the dossiers the portal refused open as a list, so the agent finds them from anywhere */}
        {sync?.needsFix ? (
          <>
            {' · '}
            <a href={routeHref({ name: 'queue', status: 'needs_fix' })} className="statusbar__link">
              {t('status.needsFix', { count: sync.needsFix })}
            </a>
          </>
        ) : null}
        {sync?.authRefused ? (
          <>
            {' · '}
            <a href={routeHref({ name: 'settings' })} className="statusbar__link">
              {t('status.fixConnection')}
            </a>
          </>
        ) : null}
        {/* last: on a narrow window this is what shortens (the full line is in the tooltip) */}
        {` · ${last}`}
      </span>
      {configured ? (
        <button type="button" className="btn btn--ghost btn--small" onClick={() => void syncNow()} disabled={busy} aria-busy={busy}>
          {busy ? t('status.syncing') : t('status.syncNow')}
        </button>
      ) : null}
    </span>
  );
}
