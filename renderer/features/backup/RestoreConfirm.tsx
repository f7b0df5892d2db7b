// The explicit confirmation before an older backup replaces newer data: what exactly will be lost, and a checkbox.
import { useState } from 'react';
import type { RestoreInspect } from '../../../electron/common/backup-contract';
import { formatDate, formatDateTime } from '../../../electron/common/format';
import { useT } from '../../i18n/i18n-context';
import { Dialog } from '../../ui/Dialog';

export function RestoreConfirm({ inspect, busy, onCancel, onConfirm }: { inspect: RestoreInspect; busy: boolean; onCancel(): void; onConfirm(): void }) {
  const t = useT();
  const [understood, setUnderstood] = useState(false);
  const { loss } = inspect;
  const more = loss.newerDossiers > loss.newerCodes.length ? ', …' : '';
  const items = [
    loss.newerDossiers > 0 ? t('restore.lossDossiers', { count: loss.newerDossiers, codes: `${loss.newerCodes.join(', ')}${more}` }) : '',
    loss.changedDossiers > 0 ? t('restore.lossChanged', { count: loss.changedDossiers }) : '',
    loss.newerPages > 0 ? t('restore.lossPages', { count: loss.newerPages }) : '',
    loss.newerClosures.length > 0 ? t('restore.lossClosures', { dates: loss.newerClosures.map(formatDate).join(', ') }) : '',
    loss.newerUsers > 0 ? t('restore.lossUsers', { count: loss.newerUsers }) : '',
  ].filter(Boolean);
  return (
    <Dialog
      title={t('restore.confirmTitle')}
      role="alertdialog"
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="btn btn--secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--danger" disabled={!understood || busy} aria-busy={busy} onClick={onConfirm}>
            {t('restore.confirmApply')}
          </button>
        </>
      }
    >
      <p>{t('restore.confirmIntro', { at: formatDateTime(inspect.backup.createdAt) })}</p>
      <ul className="restore-loss">
        {items.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
      {loss.resent > 0 ? <p>{t('restore.resent', { count: loss.resent })}</p> : null}
      <p className="muted">{t('restore.keptAside')}</p>
      <label className="backup-check">
        {/* focus starts here (not on the destructive button): read, tick, then Tab to "Khôi phục" */}
        <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} data-autofocus /> {t('restore.confirmCheck')}
      </label>
    </Dialog>
  );
}
