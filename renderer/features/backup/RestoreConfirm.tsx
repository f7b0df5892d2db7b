// The explicit confirmation before an older backup replaces newer data: what exactly will be lost, and a checkbox.
import { Fragment, useState, type ReactNode } from 'react';
import type { RestoreInspect } from '../../../electron/common/backup-contract';
import { formatDate, formatDateTime } from '../../../electron/common/format';
import { useT } from '../../i18n/i18n-context';
import { Dialog } from '../../ui/Dialog';

export function RestoreConfirm({ inspect, busy, onCancel, onConfirm }: { inspect: RestoreInspect; busy: boolean; onCancel(): void; onConfirm(): void }) {
  const t = useT();
  const [understood, setUnderstood] = useState(false);
  const { loss } = inspect;
  const more = loss.newerDossiers > loss.newerCodes.length ? ', …' : '';
  // each dossier code stays on one line (a break at its hyphens reads as two codes)
  const [head = '', tail = ''] = t('restore.lossDossiers', { count: loss.newerDossiers, codes: '\u0000' }).split('\u0000');
  const codes: ReactNode = (
    <>
      {head}
      {loss.newerCodes.map((code, i) => (
        <Fragment key={code}>
          {i > 0 ? ', ' : ''}
          <span className="nowrap">{code}</span>
        </Fragment>
      ))}
      {more}
      {tail}
    </>
  );
  const items: { key: string; text: ReactNode }[] = [
    loss.newerDossiers > 0 ? { key: 'dossiers', text: codes } : null,
    loss.changedDossiers > 0 ? { key: 'changed', text: t('restore.lossChanged', { count: loss.changedDossiers }) } : null,
    loss.newerPages > 0 ? { key: 'pages', text: t('restore.lossPages', { count: loss.newerPages }) } : null,
    loss.newerClosures.length > 0 ? { key: 'closures', text: t('restore.lossClosures', { dates: loss.newerClosures.map(formatDate).join(', ') }) } : null,
    loss.newerUsers > 0 ? { key: 'users', text: t('restore.lossUsers', { count: loss.newerUsers }) } : null,
  ].filter((item) => item !== null);
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
        {items.map((item) => (
          <li key={item.key}>{item.text}</li>
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
