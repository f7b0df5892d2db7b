// Admin form for the portal connection: tested before it is saved; the secret goes to the OS keystore, never shown again.
import { useState } from 'react';
import type { Settings } from '../../../electron/common/contract';
import { syncInputs } from '../../../electron/common/sync-contract';
import { useApi } from '../../api/api-context';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n-context';
import { bindField, serverError, useContractForm } from '../../ui/contract-form';
import { TextField } from '../../ui/Field';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';
import '../status-bar/sync.css';

/** the only failure that may be saved anyway: the test could not reach the portal at all */
const UNREACHABLE = 'PORTAL_UNREACHABLE';

/** the contract's own input, without "save anyway" (a checkbox offered only after an unreachable test) */
const portalForm = syncInputs.configure.omit({ saveAnyway: true });

export function PortalSettings({ settings, onSaved }: { settings: Settings; onSaved(s: Settings): void }) {
  const api = useApi();
  const t = useT();
  const form = useContractForm(portalForm, { portalUrl: settings.portalUrl, agentCode: '', secret: '' });
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const busy = form.formState.isSubmitting;
  // offered only after the test failed to reach the portal, and cleared by any change to what was tested
  const [unreachable, setUnreachable] = useState(false);
  const [saveAnyway, setSaveAnyway] = useState(false);

  const field = (name: 'portalUrl' | 'agentCode' | 'secret') => {
    const bound = bindField(form, name);
    return {
      ...bound,
      onValueChange: (v: string) => {
        bound.onValueChange(v);
        setUnreachable(false);
        setSaveAnyway(false);
      },
    };
  };

  const submit = form.handleSubmit(async (input) => {
    setError('');
    setDone('');
    try {
      const saved = await api.call('sync.configure', { ...input, ...(saveAnyway ? { saveAnyway } : {}) });
      form.setValue('secret', '');
      setUnreachable(false);
      setSaveAnyway(false);
      const code = saved.agentCode ?? input.agentCode;
      setDone(saved.connectionTested ? t('portal.savedTested', { code }) : t('portal.savedUntested', { code }));
      onSaved({ ...settings, portalUrl: saved.portalUrl });
    } catch (err) {
      // the refusal's sentence above the button, and its fields (a refused secret on "Mật khẩu kết nối") marked
      setError(serverError(form, err, t));
      setUnreachable(isApiError(err) && err.code === UNREACHABLE);
    }
  });

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="portal-title" aria-busy={busy}>
      <h2 id="portal-title" className="section-title">
        {t('portal.section')}
      </h2>
      <p className="muted small">{t('portal.hint')}</p>
      <div className="grid grid--3">
        <TextField
          id="portal-url"
          label={t('portal.url')}
          {...field('portalUrl')}
          required
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          id="portal-agent-code"
          label={t('portal.agentCode')}
          {...field('agentCode')}
          required
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          id="portal-secret"
          label={t('portal.secret')}
          type="password"
          {...field('secret')}
          required
          autoComplete="new-password"
        />
      </div>
      <ErrorNotice>{error}</ErrorNotice>
      <InfoNotice>{busy ? t('portal.testing') : done}</InfoNotice>
      {unreachable ? (
        <label className="sync-save-anyway">
          <input type="checkbox" checked={saveAnyway} onChange={(e) => setSaveAnyway(e.target.checked)} />{' '}
          {t('portal.saveAnyway')}
        </label>
      ) : null}
      <div className="form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? t('portal.testing') : t('portal.save')}
        </button>
      </div>
    </form>
  );
}
