// Admin form creating an agent or supervisor account.
import { useState, type FormEvent } from 'react';
import type { Role, User } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { SelectField, TextField } from '../../ui/Field';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';

type Form = { username: string; fullName: string; role: Role; password: string };
const empty: Form = { username: '', fullName: '', role: 'agent', password: '' };

export function CreateUserForm({ onCreated }: { onCreated(user: User): void }) {
  const api = useApi();
  const t = useT();
  const [form, setForm] = useState<Form>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (key: keyof Form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setMessage('');
    setDone('');
    setErrors({});
    try {
      const user = await api.call('users.create', form);
      setForm(empty);
      setDone(t('users.created', { username: user.username }));
      onCreated(user);
      document.getElementById('user-username')?.focus();
    } catch (err) {
      setMessage(errorText(err, t));
      if (isApiError(err)) {
        if (err.fields) setErrors(err.fields);
        else if (err.code === 'WEAK_PASSWORD') setErrors({ password: err.message });
        else if (err.code === 'USERNAME_TAKEN') setErrors({ username: err.message });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="create-user-title">
      <h2 id="create-user-title" className="section-title">
        {t('users.create')}
      </h2>
      <div className="grid grid--4">
        <TextField
          id="user-username"
          label={t('users.username')}
          value={form.username}
          onValueChange={set('username')}
          error={errors.username}
          autoComplete="off"
          required
        />
        <TextField
          id="user-fullName"
          label={t('users.fullName')}
          value={form.fullName}
          onValueChange={set('fullName')}
          error={errors.fullName}
          autoComplete="off"
          required
        />
        <SelectField
          id="user-role"
          label={t('users.role')}
          value={form.role}
          onValueChange={set('role')}
          options={(['agent', 'supervisor'] as const).map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        <TextField
          id="user-password"
          label={t('users.password')}
          type="password"
          value={form.password}
          onValueChange={set('password')}
          error={errors.password}
          hint={t('users.passwordHint')}
          autoComplete="new-password"
          required
        />
      </div>
      <ErrorNotice>{message}</ErrorNotice>
      <InfoNotice>{done}</InfoNotice>
      <div className="form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t('users.createSubmit')}
        </button>
      </div>
    </form>
  );
}
