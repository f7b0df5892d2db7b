// Idle lock: covers the open screen (kept as it was) until the same user types their password again.
import { useEffect, useRef, useState } from 'react';
import { contract, type SessionInfo, type User } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { bindField, serverError, useContractForm } from '../../ui/contract-form';
import { TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';

type LockScreenProps = {
  user: User;
  idleMinutes: number;
  onUnlocked(session: SessionInfo): void;
  onSwitchUser(): void;
};

/** the contract's own check of the password (the username is the locked user's) */
const unlockForm = contract['auth.login'].input.pick({ password: true });

export function LockScreen({ user, idleMinutes, onUnlocked, onSwitchUser }: LockScreenProps) {
  const api = useApi();
  const t = useT();
  const form = useContractForm(unlockForm, { password: '' });
  const [message, setMessage] = useState('');
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    dialog.showModal();
    const keepOpen = (e: Event) => e.preventDefault(); // Escape must not dismiss the lock
    dialog.addEventListener('cancel', keepOpen);
    return () => {
      dialog.removeEventListener('cancel', keepOpen);
      dialog.close();
    };
  }, []);

  const submit = form.handleSubmit(async ({ password }) => {
    setMessage('');
    try {
      onUnlocked(await api.call('auth.login', { username: user.username, password }));
    } catch (err) {
      setMessage(serverError(form, err, t));
      form.setValue('password', '');
    }
  });

  return (
    <dialog ref={ref} className="lock" aria-labelledby="lock-title">
      <form className="form lock__card" onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="lock-title" className="lock__title">
          {t('lock.title')}
        </h2>
        <p className="lock__body">{t('lock.body', { minutes: idleMinutes, name: user.fullName })}</p>
        <TextField
          id="lock-password"
          label={t('lock.password')}
          type="password"
          {...bindField(form, 'password')}
          autoComplete="current-password"
          autoFocus
          required
        />
        <ErrorNotice>{message}</ErrorNotice>
        <div className="form__actions form__actions--spread">
          <button type="button" className="btn btn--ghost" onClick={onSwitchUser}>
            {t('lock.switchUser')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={form.formState.isSubmitting}>
            {t('lock.unlock')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
