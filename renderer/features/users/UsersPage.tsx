// Admin: the office's accounts; create, disable/enable, unlock after failed logins, reset a password.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { contract, type User } from '../../../electron/common/contract';
import { formatDateTime } from '../../../electron/common/format';
import { useApi } from '../../api/api-context';
import { apiKey, useApiQuery } from '../../api/query';
import { useSession } from '../../app/session-context';
import { useT } from '../../i18n/i18n-context';
import { bindField, serverError, useContractForm } from '../../ui/contract-form';
import { Dialog } from '../../ui/Dialog';
import { errorText } from '../../ui/error-text';
import { TextField } from '../../ui/Field';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';
import { CreateUserForm } from './CreateUserForm';

type Change = { id: string; active?: boolean; unlock?: boolean; password?: string };

export function UsersPage() {
  const api = useApi();
  const t = useT();
  const { session } = useSession();
  const queries = useQueryClient();
  const list = useApiQuery('users.list', {});
  const users = list.data ?? null;
  const [failure, setError] = useState('');
  const error = failure || (list.error ? errorText(list.error, t) : '');
  const [notice, setNotice] = useState('');
  const [resetting, setResetting] = useState<User | null>(null);
  // a saved or created account comes back from core: the cached list takes it without reading again
  const setUsers = (change: (list: User[] | null) => User[] | null) =>
    queries.setQueryData<User[]>(apiKey('users.list', {}), (old) => change(old ?? null) ?? undefined);

  /** Resolves to core's refusal, or null when the change was saved. */
  async function update(change: Change, success = ''): Promise<unknown> {
    setError('');
    setNotice('');
    try {
      const updated = await api.call('users.update', change);
      setUsers((list) => list?.map((u) => (u.id === updated.id ? updated : u)) ?? null);
      setNotice(success);
      return null;
    } catch (err) {
      return err;
    }
  }

  const act = async (change: Change) => {
    const refusal = await update(change);
    setError(refusal === null ? '' : errorText(refusal, t));
  };

  const now = Date.now();
  return (
    <div className="users">
      <header className="page-header">
        <div className="page-header__main">
          <h1 className="page-header__title">{t('users.title')}</h1>
        </div>
      </header>
      <CreateUserForm onCreated={(u) => setUsers((list) => [...(list ?? []), u])} />
      <ErrorNotice>{error}</ErrorNotice>
      <InfoNotice>{notice}</InfoNotice>
      <section className="card card--flush" aria-labelledby="users-list-title">
        <h2 id="users-list-title" className="section-title pad">
          {t('users.list')}
        </h2>
        {users === null ? (
          <p className="muted pad">{t('common.loading')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('users.username')}</th>
                <th scope="col">{t('users.fullName')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.colStatus')}</th>
                <th scope="col">{t('users.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => {
                const locked = u.lockedUntil !== null && u.lockedUntil > now;
                const self = u.id === session.user.id;
                return (
                  <tr key={u.id}>
                    <td className="mono">
                      {u.username} {self ? <span className="muted small">{t('users.you')}</span> : null}
                    </td>
                    <td>{u.fullName}</td>
                    <td>{t(`role.${u.role}`)}</td>
                    <td>
                      {!u.active ? (
                        <span className="badge badge--neutral">{t('users.disabled')}</span>
                      ) : locked ? (
                        <span className="badge badge--bad">
                          {t('users.lockedUntil', { time: formatDateTime(u.lockedUntil ?? now) })}
                        </span>
                      ) : (
                        <span className="badge badge--good">{t('users.active')}</span>
                      )}
                    </td>
                    <td>
                      <div className="row-actions">
                        {locked ? (
                          <button
                            type="button"
                            className="btn btn--small btn--secondary"
                            aria-label={t('users.unlock', { username: u.username })}
                            onClick={() => void act({ id: u.id, unlock: true })}
                          >
                            {t('users.unlockShort')}
                          </button>
                        ) : null}
                        <button
                          type="button"
                          className="btn btn--small btn--ghost"
                          aria-label={t('users.resetPassword', { username: u.username })}
                          onClick={() => setResetting(u)}
                        >
                          {t('users.resetShort')}
                        </button>
                        {self ? null : (
                          <button
                            type="button"
                            className={`btn btn--small ${u.active ? 'btn--danger-ghost' : 'btn--secondary'}`}
                            aria-label={
                              u.active
                                ? t('users.disable', { username: u.username })
                                : t('users.enable', { username: u.username })
                            }
                            onClick={() => void act({ id: u.id, active: !u.active })}
                          >
                            {u.active ? t('users.disableShort') : t('users.enableShort')}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      {resetting ? (
        <ResetPasswordDialog
          user={resetting}
          onClose={() => setResetting(null)}
          onSubmit={async (password) => {
            const problem = await update(
              { id: resetting.id, password },
              t('users.resetDone', { username: resetting.username }),
            );
            if (problem === null) setResetting(null);
            return problem;
          }}
        />
      ) : null}
    </div>
  );
}

/** the contract's password of users.update, required here (the rules of a strong one are core's) */
const resetForm = contract['users.update'].input.pick({ password: true }).extend({ password: z.string().min(1) });

function ResetPasswordDialog({
  user,
  onClose,
  onSubmit,
}: {
  user: User;
  onClose(): void;
  /** resolves to core's refusal, or null when saved */
  onSubmit(password: string): Promise<unknown>;
}) {
  const t = useT();
  const form = useContractForm(resetForm, { password: '' });
  const busy = form.formState.isSubmitting;
  const [problem, setProblem] = useState('');
  const submit = form.handleSubmit(async ({ password }) => {
    setProblem('');
    const refusal = await onSubmit(password);
    // a weak password is said on the field, with its reason; any other refusal in the notice below it
    if (refusal === null) return;
    const notice = serverError(form, refusal, t, { WEAK_PASSWORD: 'password' });
    setProblem(notice);
    // said on the field: the admin's next keys go to it
    if (notice === '') document.getElementById('reset-password')?.focus();
  });
  return (
    <Dialog
      title={t('users.resetTitle', { username: user.username })}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="reset-form" className="btn btn--primary" disabled={busy}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <form id="reset-form" className="form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          id="reset-password"
          label={t('users.newPassword')}
          type="password"
          {...bindField(form, 'password')}
          hint={t('users.passwordHint')}
          autoComplete="new-password"
          autoFocus
          required
        />
        <ErrorNotice>{problem}</ErrorNotice>
      </form>
    </Dialog>
  );
}
