// First run: the office details and the admin account, sent together to setup.complete.
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/vi';
import { AuthLayout } from '../../ui/AuthLayout';
import { errorText } from '../../ui/error-text';
import { TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';
import { RestorePanel } from '../backup/RestorePanel';

type FormKey =
  | 'officeCode'
  | 'officeName'
  | 'officeAddress'
  | 'officePhone'
  | 'counter'
  | 'username'
  | 'fullName'
  | 'password'
  | 'confirm';
type Form = Record<FormKey, string>;

const labels: Record<FormKey, MessageKey> = {
  officeCode: 'setup.officeCode',
  officeName: 'setup.officeName',
  officeAddress: 'setup.officeAddress',
  officePhone: 'setup.officePhone',
  counter: 'settings.counterNumber',
  username: 'setup.username',
  fullName: 'setup.fullName',
  password: 'setup.password',
  confirm: 'setup.passwordConfirm',
};

/** server field paths (zod issue paths) -> form keys */
const serverFieldMap: Record<string, FormKey> = {
  'office.code': 'officeCode',
  'office.name': 'officeName',
  'office.address': 'officeAddress',
  'office.phone': 'officePhone',
  counterNumber: 'counter',
  'admin.username': 'username',
  'admin.fullName': 'fullName',
  'admin.password': 'password',
  // core names the field of the password rule it broke as the user's own ("password"), whichever form it came from
  password: 'password',
  username: 'username',
};

const empty: Form = {
  officeCode: '',
  officeName: '',
  officeAddress: '',
  officePhone: '',
  counter: '01',
  username: '',
  fullName: '',
  password: '',
  confirm: '',
};
const requiredKeys: FormKey[] = [
  'officeCode',
  'officeName',
  'officeAddress',
  'counter',
  'username',
  'fullName',
  'password',
  'confirm',
];

/** "02", "2", "quầy 2" -> 2; null outside 1..99 */
function counterOf(text: string): number | null {
  const digits = text.replace(/\D/g, '');
  const n = digits === '' ? NaN : Number(digits);
  return Number.isInteger(n) && n >= 1 && n <= 99 ? n : null;
}

export function SetupPage({ onDone }: { onDone(session: SessionInfo): void }) {
  const api = useApi();
  const t = useT();
  const [form, setForm] = useState<Form>(empty);
  const [errors, setErrors] = useState<Partial<Record<FormKey, string>>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  // a new PC replacing a broken one: restore the office's backup instead of setting up afresh
  const [restoring, setRestoring] = useState(false);

  const set = (key: FormKey) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  function localErrors(): Partial<Record<FormKey, string>> {
    const found: Partial<Record<FormKey, string>> = {};
    for (const key of requiredKeys) {
      if (form[key].trim() === '')
        // "Nhập lại mật khẩu" already starts with the verb: "Hãy nhập lại mật khẩu.", never "Hãy nhập nhập lại…"
        found[key] = t('setup.fieldRequired', { field: t(labels[key]).toLowerCase().replace(/^nhập /, '') });
    }
    if (!found.confirm && form.password !== form.confirm) found.confirm = t('setup.passwordMismatch');
    if (!found.counter && counterOf(form.counter) === null) found.counter = t('setup.counterInvalid');
    return found;
  }

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    const found = localErrors();
    setErrors(found);
    setMessage('');
    if (Object.keys(found).length > 0) {
      document.getElementById(`setup-${Object.keys(found)[0] ?? ''}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const session = await api.call('setup.complete', {
        office: {
          code: form.officeCode,
          name: form.officeName,
          address: form.officeAddress,
          ...(form.officePhone.trim() ? { phone: form.officePhone } : {}),
        },
        admin: { username: form.username, fullName: form.fullName, password: form.password },
        counterNumber: counterOf(form.counter) ?? 1,
      });
      onDone(session);
    } catch (err) {
      setMessage(errorText(err, t));
      if (isApiError(err) && err.fields) {
        const mapped: Partial<Record<FormKey, string>> = {};
        for (const [path, text] of Object.entries(err.fields)) {
          const key = serverFieldMap[path];
          if (key) mapped[key] = text;
        }
        setErrors(mapped);
      } else if (isApiError(err) && err.code === 'WEAK_PASSWORD') {
        setErrors({ password: err.message });
      }
    } finally {
      setBusy(false);
    }
  }

  const field = (
    key: FormKey,
    extra: { type?: string; autoComplete?: string; hint?: string; required?: boolean } = {},
  ) => (
    <TextField
      id={`setup-${key}`}
      label={t(labels[key])}
      value={form[key]}
      onValueChange={set(key)}
      error={errors[key]}
      type={extra.type ?? 'text'}
      autoComplete={extra.autoComplete ?? 'off'}
      hint={extra.hint}
      required={extra.required ?? requiredKeys.includes(key)}
    />
  );

  if (restoring) {
    return (
      <AuthLayout title={t('restore.title')} wide>
        <RestorePanel signedIn={false} />
        <div className="form__actions form__actions--start">
          <button type="button" className="btn btn--ghost" onClick={() => setRestoring(false)}>
            {t('restore.backToSetup')}
          </button>
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.intro')} wide>
      <div className="form__actions form__actions--start">
        <button type="button" className="btn btn--secondary" onClick={() => setRestoring(true)}>
          {t('restore.fromSetup')}
        </button>
      </div>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('setup.title')}>
        <fieldset className="fieldset">
          <legend className="fieldset__legend">{t('setup.officeSection')}</legend>
          <div className="grid grid--2">
            {field('officeCode')}
            {field('officePhone', { type: 'tel', required: false })}
          </div>
          <div className="grid grid--2">{field('counter', { type: 'text', hint: t('setup.counterHint') })}</div>
          {field('officeName')}
          {field('officeAddress')}
        </fieldset>
        <fieldset className="fieldset">
          <legend className="fieldset__legend">{t('setup.adminSection')}</legend>
          <div className="grid grid--2">
            {field('username', { autoComplete: 'username' })}
            {field('fullName', { autoComplete: 'name' })}
            {field('password', {
              type: 'password',
              autoComplete: 'new-password',
              hint: t('setup.passwordHint'),
            })}
            {field('confirm', { type: 'password', autoComplete: 'new-password' })}
          </div>
        </fieldset>
        <ErrorNotice>{message}</ErrorNotice>
        <div className="form__actions">
          <button type="submit" className="btn btn--primary btn--large" disabled={busy}>
            {t('setup.submit')}
          </button>
        </div>
      </form>
    </AuthLayout>
  );
}
