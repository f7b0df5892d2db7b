// Sign-in screen: username and password; the server's message (wrong password, locked account) is shown as is.
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import type { AppInfo } from '../../app/session-context';
import { useT } from '../../i18n/i18n-context';
import { AuthLayout } from '../../ui/AuthLayout';
import { errorText } from '../../ui/error-text';
import { TextField } from '../../ui/Field';
import { LanguageSelect } from '../../ui/LanguageSelect';
import { ErrorNotice } from '../../ui/Notice';

export function LoginPage({ appInfo, onDone }: { appInfo: AppInfo; onDone(session: SessionInfo): void }) {
  const api = useApi();
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setMessage('');
    try {
      onDone(await api.call('auth.login', { username, password }));
    } catch (err) {
      setMessage(errorText(err, t));
      setPassword('');
      document.getElementById('login-password')?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout
      title={t('login.title')}
      subtitle={appInfo.office ? `${appInfo.office.name} (${appInfo.office.code})` : t('login.subtitle')}
    >
      <form className="form" onSubmit={(e) => void submit(e)} aria-label={t('login.title')}>
        <TextField
          id="login-username"
          label={t('login.username')}
          value={username}
          onValueChange={setUsername}
          autoComplete="username"
          autoFocus
          required
        />
        <TextField
          id="login-password"
          label={t('login.password')}
          type="password"
          value={password}
          onValueChange={setPassword}
          autoComplete="current-password"
          required
        />
        <ErrorNotice>{message}</ErrorNotice>
        <button type="submit" className="btn btn--primary btn--large btn--block" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <div className="auth__footer">
        <LanguageSelect id="login-language" label={t('login.language')} />
        <p className="auth__version">{t('status.version', { version: appInfo.version })}</p>
      </div>
    </AuthLayout>
  );
}
