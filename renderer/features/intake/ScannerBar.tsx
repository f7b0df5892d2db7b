// The scan folder's line above the checklist: where scans go, how many wait, files set aside, blank pages to remove.
import { useState } from 'react';
import type { DossierComponent } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { formatClock } from '../../ui/dates';
import { errorText } from '../../ui/error-text';
import { shortComponentName, slotLabel } from './component-name';
import { ScannerIcon } from './digitize-icons';
import type { ScannerView } from './use-scanner';

type ScannerBarProps = {
  dossierId: string;
  components: readonly DossierComponent[];
  scanner: ScannerView;
  readOnly: boolean;
  onChanged(): Promise<void>;
};

export function ScannerBar({ dossierId, components, scanner, readOnly, onChanged }: ScannerBarProps) {
  const api = useApi();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const { status } = scanner;
  if (!status || !scanner.active || readOnly) return null;

  const target = components.find((c) => c.id === scanner.targetComponentId);
  const blank = status.blankPages.filter((b) => b.dossierId === dossierId);
  const where = (pageId: string) => {
    for (const c of components) {
      const i = c.pages.findIndex((p) => p.id === pageId);
      if (i >= 0) return { n: i + 1, component: shortComponentName(slotLabel(c)) };
    }
    return null;
  };
  const last = status.recent.find((r) => r.dossierId === dossierId);

  async function act(run: () => Promise<unknown>): Promise<void> {
    setBusy(true);
    setError('');
    try {
      await run();
      await onChanged();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="scanner-bar" aria-label={t('scanner.label')}>
      <div className="scanner-bar__row">
        <span className="scanner-bar__icon">
          <ScannerIcon />
        </span>
        <p className="scanner-bar__target" role="status">
          <strong>{t('scanner.label')}:</strong>{' '}
          {target ? t('scanner.target', { component: shortComponentName(slotLabel(target)) }) : t('scanner.noTarget')}
        </p>
        {status.waiting > 0 ? (
          <span className="badge badge--warn">{t('scanner.waiting', { count: status.waiting })}</span>
        ) : null}
        {status.importing ? (
          <span className="badge badge--info" aria-live="polite">
            {t('scanner.importing', { name: status.importing })}
          </span>
        ) : last ? (
          <span className="muted small">
            {t('scanner.lastImported', { name: last.fileName, count: last.pages, time: formatClock(last.at) })}
          </span>
        ) : null}
      </div>
      {status.problem ? (
        <p className="notice notice--error" role="alert">
          {status.problem}
        </p>
      ) : null}
      {status.rejected.map((r) => (
        <p key={r.fileName} className="notice notice--error">
          {r.message}
        </p>
      ))}
      {blank.length > 0 ? (
        <div className="notice notice--warn scanner-bar__blank" role="status">
          <ul>
            {blank.map((b) => {
              const w = where(b.pageId);
              return w ? <li key={b.pageId}>{t('scanner.blankOne', w)}</li> : null;
            })}
          </ul>
          <div className="scanner-bar__actions">
            <button
              type="button"
              className="btn btn--danger btn--small"
              disabled={busy}
              onClick={() =>
                void act(async () => {
                  for (const b of blank) await api.call('pages.remove', { pageId: b.pageId });
                })
              }
            >
              {t('scanner.removeBlank', { count: blank.length })}
            </button>
            <button
              type="button"
              className="btn btn--ghost btn--small"
              disabled={busy}
              onClick={() => void act(() => api.call('scanner.keepPages', { pageIds: blank.map((b) => b.pageId) }))}
            >
              {t('scanner.keepBlank')}
            </button>
          </div>
        </div>
      ) : null}
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
