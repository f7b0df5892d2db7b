// Restore: find the backups in a folder, pick one, open it with the passphrase, see what it holds (and what would be
// lost), confirm, restore; then the app restarts on the restored data. Used under Cài đặt and on a fresh install.
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { backupInputs } from '../../../electron/common/backup-contract';
import { formatDateTime } from '../../../electron/common/format';
import { useApi } from '../../api/api-context';
import { useApiQuery } from '../../api/query';
import { useT } from '../../i18n/i18n-context';
import { bindField, useContractForm } from '../../ui/contract-form';
import { errorText } from '../../ui/error-text';
import { TextField } from '../../ui/Field';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';
import { RestoreConfirm } from './RestoreConfirm';
import { megabytes } from './use-backup-status';
import './backup.css';

/** where to look: required here (core's list falls back to the configured folder, which a fresh install has not) */
const findSchema = z.object({ folder: backupInputs.list.shape.folder.unwrap().min(1) });
/** which backup, opened with which passphrase: the contract's own input of restore.inspect */
const openSchema = backupInputs.inspect;

/** The refusal of the step the agent took last (an older step's refusal is stale once a newer one was tried). */
function lastFailure(steps: ReadonlyArray<{ isError: boolean; error: Error | null; submittedAt: number }>): Error | null {
  const failed = steps.filter((m) => m.isError).sort((a, b) => b.submittedAt - a.submittedAt)[0];
  const latest = Math.max(0, ...steps.map((m) => m.submittedAt));
  return failed && failed.submittedAt === latest ? failed.error : null;
}

/** `signedIn`: under Cài đặt (the admin's backup folder is offered); false on a fresh install's set-up screen */
export function RestorePanel({ signedIn = true }: { signedIn?: boolean }) {
  const api = useApi();
  const t = useT();
  const status = useApiQuery('backup.status', {}, { enabled: signedIn });
  const findForm = useContractForm(findSchema, { folder: '' });
  const openForm = useContractForm(openSchema, { file: '', passphrase: '' });
  const [confirming, setConfirming] = useState(false);

  // under Cài đặt the admin's backup folder is the place to look (a fresh install has none), until the agent types another
  const configured = signedIn ? (status.data?.folder ?? '') : '';
  useEffect(() => {
    if (configured !== '' && !findForm.formState.isDirty) findForm.setValue('folder', configured);
  }, [configured, findForm]);

  const find = useMutation({
    mutationFn: (folder: string) => api.call('backup.list', { folder }),
    onSuccess: (found) => {
      openForm.setValue('file', found[0]?.file ?? '');
      check.reset();
    },
  });
  const check = useMutation({ mutationFn: (input: z.output<typeof openSchema>) => api.call('restore.inspect', input) });
  const apply = useMutation({
    mutationFn: (confirmLoss: boolean) => api.call('restore.apply', { ...openForm.getValues(), confirmLoss }),
    onSettled: () => setConfirming(false),
    onSuccess: async () => {
      openForm.setValue('passphrase', '');
      // the core restarts on the restored folder: once it answers again, the app starts over (sign-in)
      for (let i = 0; i < 120; i++) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        if (await api.call('app.info', {}).then(() => true, () => false)) break;
      }
      window.location.reload();
    },
  });

  const list = find.data ?? null;
  const file = openForm.watch('file');
  const passphrase = openForm.watch('passphrase');
  const inspect = check.data ?? null;
  const busy = find.isPending ? 'find' : check.isPending ? 'check' : apply.isPending ? 'apply' : '';
  const failure = lastFailure([find, check, apply]);
  const error = failure ? errorText(failure, t) : '';
  const done = apply.data
    ? t('restore.done', { dossiers: t('count.dossiers', { count: apply.data.dossiers }), pages: t('count.pages', { count: apply.data.pages }) })
    : '';
  const pick = (next: string) => {
    openForm.setValue('file', next);
    check.reset();
  };

  return (
    <div className="form">
      <p className="muted">{t('restore.intro')}</p>
      <form className="form" onSubmit={(e) => void findForm.handleSubmit(({ folder }) => find.mutate(folder))(e)} aria-label={t('restore.find')} noValidate>
        <div className="grid grid--3">
          <TextField id="restore-folder" label={t('restore.folder')} {...bindField(findForm, 'folder')} autoComplete="off" spellCheck={false} frameClassName="span-2" required />
          <div className="form__actions form__actions--start">
            <button type="submit" className="btn btn--secondary" disabled={busy !== ''} aria-busy={busy === 'find'}>
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
              <input type="radio" name="restore-file" value={b.file} checked={file === b.file} onChange={() => pick(b.file)} />
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
        // a form of its own: Enter in the passphrase checks the backup
        <form className="grid grid--3" onSubmit={(e) => void openForm.handleSubmit((input) => check.mutate(input))(e)} aria-label={t('restore.check')} noValidate>
          <TextField id="restore-passphrase" label={t('restore.passphrase')} type="password" autoComplete="off" {...bindField(openForm, 'passphrase')} frameClassName="span-2" required />
          <div className="form__actions form__actions--start">
            <button type="submit" className="btn btn--secondary" disabled={busy !== '' || passphrase === ''} aria-busy={busy === 'check'}>
              {busy === 'check' ? t('restore.checking') : t('restore.check')}
            </button>
          </div>
        </form>
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
              onClick={() => (inspect.needsConfirmation ? setConfirming(true) : apply.mutate(false))}
            >
              {busy === 'apply' ? t('restore.applying') : t('restore.apply')}
            </button>
          </div>
        </div>
      ) : null}
      <ErrorNotice>{error}</ErrorNotice>
      <InfoNotice>{done}</InfoNotice>
      {confirming && inspect ? <RestoreConfirm inspect={inspect} busy={busy === 'apply'} onCancel={() => setConfirming(false)} onConfirm={() => apply.mutate(true)} /> : null}
    </div>
  );
}
