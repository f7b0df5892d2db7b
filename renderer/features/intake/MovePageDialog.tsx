// "Chuyển sang mục khác": a page filed in the wrong slot goes to the one the agent picks (by Tab/arrows and Enter).
import { useState } from 'react';
import type { DossierComponent, Page } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { Dialog } from '../../ui/Dialog';
import { errorText } from '../../ui/error-text';
import { slotLabel } from './component-name';

type MovePageDialogProps = {
  page: Page;
  n: number;
  from: DossierComponent;
  targets: DossierComponent[];
  onClose(): void;
  onMoved(): Promise<void>;
};

export function MovePageDialog({ page, n, from, targets, onClose, onMoved }: MovePageDialogProps) {
  const api = useApi();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function moveTo(target: DossierComponent): Promise<void> {
    setBusy(true);
    setError('');
    try {
      // fromComponentId: a page another window moved meanwhile is refused, never moved twice
      await api.call('pages.moveToComponent', { pageId: page.id, componentId: target.id, fromComponentId: from.id });
      await onMoved();
      onClose();
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('page.moveTitle', { n })} onClose={onClose}>
      <p>{t('page.moveBody', { n, component: slotLabel(from) })}</p>
      {targets.length === 0 ? <p className="muted">{t('page.moveNoTarget')}</p> : null}
      <ul className="move-targets">
        {targets.map((c, i) => (
          <li key={c.id}>
            <button
              type="button"
              className="btn btn--secondary move-targets__choice"
              disabled={busy}
              // the first choice takes focus, so the dialog opens on something Enter can act on (not on ×)
              data-autofocus={i === 0 ? true : undefined}
              onClick={() => void moveTo(c)}
            >
              {slotLabel(c)}
            </button>
          </li>
        ))}
      </ul>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
