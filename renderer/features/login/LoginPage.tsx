// Sign-in screen: username and password; the server's message (wrong password, locked account) is shown as is.
import { useState } from 'react';
import { contract, type SessionInfo } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import type { AppInfo } from '../../app/session-context';
import { useT } from '../../i18n/i18n-context';
import { AuthLayout } from '../../ui/AuthLayout';
import { bindField, serverError, useContractForm } from '../../ui/contract-form';
import { TextField } from '../../ui/Field';
import { LanguageSelect } from '../../ui/LanguageSelect';
import { ErrorNotice } from '../../ui/Notice';

/** the contract's own check of the credentials (a username and a password, neither empty) */
const loginForm = contract['auth.login'].input;

export function LoginPage({ appInfo, onDone }: { appInfo: AppInfo; onDone(session: SessionInfo): void }) {
  const api = useApi();
  const t = useT();
  const form = useContractForm(loginForm, { username: '', password: '' });
  const [message, setMessage] = useState('');
  const busy = form.formState.isSubmitting;

  const submit = form.handleSubmit(async (credentials) => {
    setMessage('');
    try {
      onDone(await api.call('auth.login', credentials));
    } catch (err) {
      setMessage(serverError(form, err, t));
      form.setValue('password', '');
      document.getElementById('login-password')?.focus();
    }
  });

  return (
    <AuthLayout
      title={t('login.title')}
      subtitle={appInfo.office ? `${appInfo.office.name} (${appInfo.office.code})` : t('login.subtitle')}
    >
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('login.title')}>
        <TextField
          id="login-username"
          label={t('login.username')}
          {...bindField(form, 'username')}
          autoComplete="username"
          autoFocus
          required
        />
        <TextField
          id="login-password"
          label={t('login.password')}
          type="password"
          {...bindField(form, 'password')}
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
