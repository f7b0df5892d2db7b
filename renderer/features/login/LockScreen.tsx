// Idle lock: covers the open screen (kept as it was) until the same user types their password again.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SessionInfo, User } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';

type LockScreenProps = {
  user: User;
  idleMinutes: number;
  onUnlocked(session: SessionInfo): void;
  onSwitchUser(): void;
};

export function LockScreen({ user, idleMinutes, onUnlocked, onSwitchUser }: LockScreenProps) {
  const api = useApi();
  const t = useT();
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
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

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setMessage('');
    try {
      const session = await api.call('auth.login', { username: user.username, password });
      onUnlocked(session);
    } catch (err) {
      setMessage(errorText(err, t));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={ref} className="lock" aria-labelledby="lock-title">
      <form className="form lock__card" onSubmit={(e) => void submit(e)}>
        <h2 id="lock-title" className="lock__title">
          {t('lock.title')}
        </h2>
        <p className="lock__body">{t('lock.body', { minutes: idleMinutes, name: user.fullName })}</p>
        <TextField
          id="lock-password"
          label={t('lock.password')}
          type="password"
          value={password}
          onValueChange={setPassword}
          autoComplete="current-password"
          autoFocus
          required
        />
        <ErrorNotice>{message}</ErrorNotice>
        <div className="form__actions form__actions--spread">
          <button type="button" className="btn btn--ghost" onClick={onSwitchUser}>
            {t('lock.switchUser')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {t('lock.unlock')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
