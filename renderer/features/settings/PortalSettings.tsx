// Admin form for the portal connection: tested before it is saved; the secret goes to the OS keystore, never shown again.
import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { TextField } from '../../ui/Field';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';
import '../status-bar/sync.css';

/** the only failure that may be saved anyway: the test could not reach the portal at all */
const UNREACHABLE = 'PORTAL_UNREACHABLE';

export function PortalSettings({ settings, onSaved }: { settings: Settings; onSaved(s: Settings): void }) {
  const api = useApi();
  const t = useT();
  const [portalUrl, setPortalUrl] = useState(settings.portalUrl);
  const [agentCode, setAgentCode] = useState('');
  const [secret, setSecret] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  // offered only after the test failed to reach the portal, and cleared by any change to what was tested
  const [unreachable, setUnreachable] = useState(false);
  const [saveAnyway, setSaveAnyway] = useState(false);

  function edited(set: (v: string) => void): (v: string) => void {
    return (v) => {
      set(v);
      setUnreachable(false);
      setSaveAnyway(false);
    };
  }

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError('');
    setDone('');
    setFields({});
    try {
      const saved = await api.call('sync.configure', { portalUrl, agentCode, secret, ...(saveAnyway ? { saveAnyway } : {}) });
      setSecret('');
      setUnreachable(false);
      setSaveAnyway(false);
      const code = saved.agentCode ?? agentCode;
      setDone(saved.connectionTested ? t('portal.savedTested', { code }) : t('portal.savedUntested', { code }));
      onSaved({ ...settings, portalUrl: saved.portalUrl });
    } catch (err) {
      setError(errorText(err, t));
      if (isApiError(err)) {
        setFields(err.fields ?? {});
        setUnreachable(err.code === UNREACHABLE);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="portal-title" aria-busy={busy}>
      <h2 id="portal-title" className="section-title">
        {t('portal.section')}
      </h2>
      <p className="muted small">{t('portal.hint')}</p>
      <div className="grid grid--3">
        <TextField
          id="portal-url"
          label={t('portal.url')}
          value={portalUrl}
          onValueChange={edited(setPortalUrl)}
          error={fields.portalUrl}
          required
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          id="portal-agent-code"
          label={t('portal.agentCode')}
          value={agentCode}
          onValueChange={edited(setAgentCode)}
          error={fields.agentCode}
          required
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          id="portal-secret"
          label={t('portal.secret')}
          type="password"
          value={secret}
          onValueChange={edited(setSecret)}
          error={fields.secret}
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
