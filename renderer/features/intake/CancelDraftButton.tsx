// "Huỷ hồ sơ nháp": deletes an unfiled draft (pages, files, typed data) after a confirmation that says what goes.
import { useState } from 'react';
import type { DossierDetail } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import { navigate } from '../../app/router';
import { useT } from '../../i18n/i18n-context';
import { Dialog } from '../../ui/Dialog';
import { errorText } from '../../ui/error-text';

export function CancelDraftButton({ detail, beforeCancel }: { detail: DossierDetail; beforeCancel(): void }) {
  const t = useT();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pages = detail.components.reduce((n, c) => n + c.pages.length, 0);

  async function cancel() {
    setBusy(true);
    setError(null);
    try {
      // pending edits of this window would only be refused once the draft is gone
      beforeCancel();
      await api.call('dossiers.cancelDraft', { id: detail.id, expectedVersion: detail.version });
      setOpen(false);
      await navigate({ name: 'new' });
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="btn btn--small btn--ghost" onClick={() => setOpen(true)}>
        {t('draft.cancel')}
      </button>
      {open ? (
        <Dialog
          title={t('draft.cancelTitle', { code: detail.localCode })}
          role="alertdialog"
          onClose={() => setOpen(false)}
          footer={
            <>
              {/* a destructive step: Enter keeps the draft, the agent must choose "Xoá" on purpose */}
              <button type="button" className="btn btn--ghost" onClick={() => setOpen(false)} data-autofocus>
                {t('common.cancel')}
              </button>
              <button type="button" className="btn btn--danger" disabled={busy} onClick={() => void cancel()}>
                {t('draft.cancelConfirm')}
              </button>
            </>
          }
        >
          <p>{pages > 0 ? t('draft.cancelBody', { count: pages }) : t('draft.cancelBodyEmpty')}</p>
          {error ? (
            <p className="notice notice--error" role="alert">
              {error}
            </p>
          ) : null}
        </Dialog>
      ) : null}
    </>
  );
}
