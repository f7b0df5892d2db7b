// Restore: find the backups in a folder, pick one, open it with the passphrase, see what it holds (and what would be
// lost), confirm, restore; then the app restarts on the restored data. Used under Cài đặt and on a fresh install.
import { useState, type FormEvent } from 'react';
import type { BackupListItem, RestoreInspect } from '../../../electron/common/backup-contract';
import { formatDateTime } from '../../../electron/common/format';
import { useApi } from '../../api/api-context';
import { useApiQuery } from '../../api/query';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { TextField } from '../../ui/Field';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';
import { RestoreConfirm } from './RestoreConfirm';
import { megabytes } from './use-backup-status';
import './backup.css';

/** `signedIn`: under Cài đặt (the admin's backup folder is offered); false on a fresh install's set-up screen */
export function RestorePanel({ signedIn = true }: { signedIn?: boolean }) {
  const api = useApi();
  const t = useT();
  // under Cài đặt the admin's backup folder is the place to look (on a fresh install there is none yet), until the
  // agent types another
  const status = useApiQuery('backup.status', {}, { enabled: signedIn });
  const [typedFolder, setFolder] = useState<string | null>(null);
  const folder = typedFolder ?? (signedIn ? status.data?.folder : undefined) ?? '';
  const [list, setList] = useState<BackupListItem[] | null>(null);
  const [file, setFile] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [inspect, setInspect] = useState<RestoreInspect | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<'' | 'find' | 'check' | 'apply'>('');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');

  async function run<T>(what: 'find' | 'check' | 'apply', fn: () => Promise<T>): Promise<T | null> {
    setBusy(what);
    setError('');
    try {
      return await fn();
    } catch (err) {
      setError(errorText(err, t));
      return null;
    } finally {
      setBusy('');
    }
  }

  async function find(e: FormEvent): Promise<void> {
    e.preventDefault();
    const found = await run('find', () => api.call('backup.list', { folder }));
    if (found) {
      setList(found);
      setFile(found[0]?.file ?? '');
      setInspect(null);
    }
  }

  async function check(): Promise<void> {
    setInspect(null);
    const seen = await run('check', () => api.call('restore.inspect', { file, passphrase }));
    if (seen) setInspect(seen);
  }

  async function apply(confirmLoss: boolean): Promise<void> {
    const r = await run('apply', () => api.call('restore.apply', { file, passphrase, confirmLoss }));
    setConfirming(false);
    if (!r) return;
    setPassphrase('');
    setDone(t('restore.done', { dossiers: t('count.dossiers', { count: r.dossiers }), pages: t('count.pages', { count: r.pages }) }));
    // the core restarts on the restored folder: once it answers again, the app starts over (sign-in)
    for (let i = 0; i < 120; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (await api.call('app.info', {}).then(() => true, () => false)) break;
    }
    window.location.reload();
  }

  return (
    <div className="form">
      <p className="muted">{t('restore.intro')}</p>
      <form className="form" onSubmit={(e) => void find(e)} aria-label={t('restore.find')}>
        <div className="grid grid--3">
          <TextField id="restore-folder" label={t('restore.folder')} value={folder} onValueChange={setFolder} autoComplete="off" spellCheck={false} frameClassName="span-2" required />
          <div className="form__actions form__actions--start">
            <button type="submit" className="btn btn--secondary" disabled={busy !== '' || folder.trim() === ''}>
              {t('restore.find')}
            </button>
          </div>
        </div>
      </form>
      {list && list.length === 0 ? <p className="muted">{t('restore.none')}</p> : null}
      {list && list.length > 0 ? (
        <fieldset className="backup-list">
          <legend className="field__label">{t('restore.listLabel')}</legend>
          {list.map((b) => (
            <label key={b.file}>
              <input type="radio" name="restore-file" value={b.file} checked={file === b.file} onChange={() => { setFile(b.file); setInspect(null); }} />
              {t('restore.item', {
                at: formatDateTime(b.createdAt),
                office: b.officeCode,
                counter: String(b.counterNumber).padStart(2, '0'),
                dossiers: t('count.dossiers', { count: b.dossiers }),
                pages: t('count.pages', { count: b.pages }),
                size: megabytes(b.bytes),
                fingerprint: b.fingerprint,
              })}
            </label>
          ))}
        </fieldset>
      ) : null}
      {file ? (
        <div className="grid grid--3">
          <TextField id="restore-passphrase" label={t('restore.passphrase')} type="password" autoComplete="off" value={passphrase} onValueChange={setPassphrase} frameClassName="span-2" required />
          <div className="form__actions form__actions--start">
            <button type="button" className="btn btn--secondary" onClick={() => void check()} disabled={busy !== '' || passphrase === ''} aria-busy={busy === 'check'}>
              {busy === 'check' ? t('restore.checking') : t('restore.check')}
            </button>
          </div>
        </div>
      ) : null}
      {inspect ? (
        <div className="backup-status">
          <p>
            {t('restore.summary', {
              at: formatDateTime(inspect.backup.createdAt),
              dossiers: t('count.dossiers', { count: inspect.backup.dossiers }),
              pages: t('count.pages', { count: inspect.backup.pages }),
              pending: t('count.dossiers', { count: inspect.backup.pendingSync }),
            })}
          </p>
          <p className="muted">{t('restore.counterNote', { counter: String(inspect.backup.counterNumber).padStart(2, '0') })}</p>
          {!inspect.needsConfirmation ? <p>{t('restore.nothingLost')}</p> : null}
          <div className="form__actions form__actions--start">
            <button
              type="button"
              className={inspect.needsConfirmation ? 'btn btn--danger' : 'btn btn--primary'}
              disabled={busy !== '' || done !== ''}
              aria-busy={busy === 'apply'}
              onClick={() => (inspect.needsConfirmation ? setConfirming(true) : void apply(false))}
            >
              {busy === 'apply' ? t('restore.applying') : t('restore.apply')}
            </button>
          </div>
        </div>
      ) : null}
      <ErrorNotice>{error}</ErrorNotice>
      <InfoNotice>{done}</InfoNotice>
      {confirming && inspect ? <RestoreConfirm inspect={inspect} busy={busy === 'apply'} onCancel={() => setConfirming(false)} onConfirm={() => void apply(true)} /> : null}
    </div>
  );
}
