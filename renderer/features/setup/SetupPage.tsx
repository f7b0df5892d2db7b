// First run: the office details and the admin account, sent together to setup.complete.
import { useState } from 'react';
import { z } from 'zod';
import { contract, type SessionInfo } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import { currentLang, translate } from '../../i18n/i18n-instance';
import { useT } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/vi';
import { AuthLayout } from '../../ui/AuthLayout';
import { bindField, serverError, useContractForm, type IssueWording } from '../../ui/contract-form';
import { TextField } from '../../ui/Field';
import { FormFooter } from '../../ui/FormFooter';
import { RestorePanel } from '../backup/RestorePanel';

/** "02", "2", "quầy 2" -> 2; null outside 1..99 */
function counterOf(text: string): number | null {
  const digits = text.replace(/\D/g, '');
  const n = digits === '' ? NaN : Number(digits);
  return Number.isInteger(n) && n >= 1 && n <= 99 ? n : null;
}

const setupInput = contract['setup.complete'].input;
/**
 * The contract's own input, as the agent types it: the counter as text ("02", "quầy 2"), the password required and
 * typed twice (core judges its strength).
 */
const setupForm = setupInput
  .extend({
    admin: setupInput.shape.admin.extend({ password: z.string().min(1) }),
    counterNumber: z
      .string()
      .trim()
      .min(1)
      .transform((text, ctx) => {
        const n = counterOf(text);
        // worded by setupWording (a message written here would skip it)
        if (n === null) ctx.addIssue({ code: 'custom', input: text });
        return n ?? 1;
      }),
    confirm: z.string().min(1),
  })
  // checked even while other fields are still empty, as the agent reaches the second password
  .refine((f) => f.confirm === f.admin.password, {
    path: ['confirm'],
    when: (p) => isTyped(p.value),
  });
type SetupValues = z.input<typeof setupForm>;

function isTyped(value: unknown): boolean {
  const v = value as Partial<SetupValues> | null;
  return typeof v?.confirm === 'string' && v.confirm !== '' && typeof v.admin?.password === 'string';
}

/** The form's fields in screen order: form path, element id suffix (setup-…), label. */
const fields = [
  ['office.code', 'officeCode', 'setup.officeCode'],
  ['office.phone', 'officePhone', 'setup.officePhone'],
  ['counterNumber', 'counter', 'settings.counterNumber'],
  ['office.name', 'officeName', 'setup.officeName'],
  ['office.address', 'officeAddress', 'setup.officeAddress'],
  ['admin.username', 'username', 'setup.username'],
  ['admin.fullName', 'fullName', 'setup.fullName'],
  ['admin.password', 'password', 'setup.password'],
  ['confirm', 'confirm', 'setup.passwordConfirm'],
] as const satisfies readonly (readonly [string, string, MessageKey])[];
type FieldPath = (typeof fields)[number][0];

const empty: SetupValues = {
  office: { code: '', name: '', address: '', phone: '' },
  admin: { username: '', fullName: '', password: '' },
  counterNumber: '01',
  confirm: '',
};

/** "Hãy nhập mã đại lý." for an empty field; the counter and the second password in their own words. */
const setupWording: IssueWording = (issue) => {
  const say = (key: MessageKey, params: Record<string, string> = {}) => translate(currentLang(), key, params);
  const path = (issue.path ?? []).join('.');
  if (issue.code === 'custom') return say(path === 'confirm' ? 'setup.passwordMismatch' : 'setup.counterInvalid');
  const blank = typeof issue.input !== 'string' || issue.input.trim() === '';
  const label = fields.find(([p]) => p === path)?.[2];
  if (issue.code !== 'too_small' || !blank || !label) return undefined;
  // "Nhập lại mật khẩu" already starts with the verb: "Hãy nhập lại mật khẩu.", never "Hãy nhập nhập lại…"
  return say('setup.fieldRequired', { field: say(label).toLowerCase().replace(/^nhập /, '') });
};

export function SetupPage({ onDone }: { onDone(session: SessionInfo): void }) {
  const api = useApi();
  const t = useT();
  const form = useContractForm(setupForm, empty, setupWording);
  const [message, setMessage] = useState('');
  const busy = form.formState.isSubmitting;
  // a new PC replacing a broken one: restore the office's backup instead of setting up afresh
  const [restoring, setRestoring] = useState(false);

  const submit = form.handleSubmit(
    async ({ office, admin, counterNumber }) => {
      setMessage('');
      try {
        const { phone, ...rest } = office;
        const session = await api.call('setup.complete', {
          office: { ...rest, ...(phone ? { phone } : {}) },
          admin,
          counterNumber,
        });
        onDone(session);
      } catch (err) {
        // core names the field of the password rule it broke as the user's own ("password"), whichever form it came from
        setMessage(serverError(form, err, t, {}, { password: 'admin.password', username: 'admin.username' }));
      }
    },
    () => {
      setMessage('');
      // the first field to fix, in screen order, takes the focus (its message is read out with it)
      const first = fields.find(([path]) => form.getFieldState(path).error);
      if (first) document.getElementById(`setup-${first[1]}`)?.focus();
    },
  );

  const field = (
    path: FieldPath,
    extra: { type?: string; autoComplete?: string; hint?: string; required?: boolean } = {},
  ) => {
    const [, id, label] = fields.find(([p]) => p === path) ?? fields[0];
    return (
      <TextField
        id={`setup-${id}`}
        label={t(label)}
        {...bindField(form, path)}
        type={extra.type ?? 'text'}
        autoComplete={extra.autoComplete ?? 'off'}
        hint={extra.hint}
        required={extra.required ?? true}
      />
    );
  };

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
            {field('office.code')}
            {field('office.phone', { type: 'tel', required: false })}
          </div>
          <div className="grid grid--2">{field('counterNumber', { type: 'text', hint: t('setup.counterHint') })}</div>
          {field('office.name')}
          {field('office.address')}
        </fieldset>
        <fieldset className="fieldset">
          <legend className="fieldset__legend">{t('setup.adminSection')}</legend>
          <div className="grid grid--2">
            {field('admin.username', { autoComplete: 'username' })}
            {field('admin.fullName', { autoComplete: 'name' })}
            {field('admin.password', {
              type: 'password',
              autoComplete: 'new-password',
              hint: t('setup.passwordHint'),
            })}
            {field('confirm', { type: 'password', autoComplete: 'new-password' })}
          </div>
        </fieldset>
        <FormFooter label={t('setup.submit')} busy={busy} error={message} large />
      </form>
    </AuthLayout>
  );
}
