// Admin form creating an agent or supervisor account.
import { contract, type User } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { bindField, useContractForm } from '../../ui/contract-form';
import { useFormSend } from '../../ui/use-form-send';
import { SelectField, TextField } from '../../ui/Field';
import { FormFooter } from '../../ui/FormFooter';

/** the contract's own check of a new account (username 3-40, full name 2-120, role); the password rules are core's */
const createUserForm = contract['users.create'].input;
const empty = { username: '', fullName: '', role: 'agent', password: '' } as const;

export function CreateUserForm({ onCreated }: { onCreated(user: User): void }) {
  const api = useApi();
  const t = useT();
  const form = useContractForm(createUserForm, empty);
  const { submit, ...sending } = useFormSend(
    form,
    async (input) => {
      const user = await api.call('users.create', input);
      form.reset(empty);
      onCreated(user);
      document.getElementById('user-username')?.focus();
      return t('users.created', { username: user.username });
    },
    { WEAK_PASSWORD: 'password', USERNAME_TAKEN: 'username' },
  );

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="create-user-title">
      <h2 id="create-user-title" className="section-title">
        {t('users.create')}
      </h2>
      <div className="grid grid--4">
        <TextField
          id="user-username"
          label={t('users.username')}
          {...bindField(form, 'username')}
          autoComplete="off"
          required
        />
        <TextField
          id="user-fullName"
          label={t('users.fullName')}
          {...bindField(form, 'fullName')}
          autoComplete="off"
          required
        />
        <SelectField
          id="user-role"
          label={t('users.role')}
          {...bindField(form, 'role')}
          options={(['agent', 'supervisor'] as const).map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        <TextField
          id="user-password"
          label={t('users.password')}
          type="password"
          {...bindField(form, 'password')}
          hint={t('users.passwordHint')}
          autoComplete="new-password"
          required
        />
      </div>
      <FormFooter label={t('users.createSubmit')} {...sending} />
    </form>
  );
}
