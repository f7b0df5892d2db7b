// The autosave line: "Đang lưu…", "Đã lưu lúc HH:mm:ss", or the error with a retry.
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n-context';
import { formatClock } from '../../ui/dates';
import { errorText } from '../../ui/error-text';
import type { SaveState } from './use-autosave';

export function SaveStatus({ state, onRetry, onReload }: { state: SaveState; onRetry(): void; onReload?: () => void }) {
  const t = useT();
  return (
    <div className={`save-status save-status--${state.kind}`} role="status" aria-live="polite">
      {state.kind === 'idle' ? t('intake.saveIdle') : null}
      {state.kind === 'saving' ? t('intake.saveSaving') : null}
      {state.kind === 'saved' ? t('intake.saveSavedAt', { time: formatClock(state.at) }) : null}
      {state.kind === 'error' ? (
        <>
          <span>{t('intake.saveFailed', { message: errorText(state.error, t) })}</span>
          {isApiError(state.error) && state.error.code === 'CONFLICT' ? (
            // another window saved a newer applicant: saving again would overwrite it, so the way on is to load it
            <button type="button" className="btn btn--small btn--secondary" onClick={onReload ?? (() => window.location.reload())}>
              {t('intake.reloadLatest')}
            </button>
          ) : (
            <button type="button" className="btn btn--small btn--secondary" onClick={onRetry}>
              {t('intake.saveRetry')}
            </button>
          )}
        </>
      ) : null}
    </div>
  );
}
