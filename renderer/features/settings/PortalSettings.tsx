// Admin form for the portal connection: address, agent code and secret (kept in the OS keystore, never shown again).
import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { TextField } from '../../ui/Field';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';

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

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError('');
    setDone('');
    setFields({});
    try {
      const saved = await api.call('sync.configure', { portalUrl, agentCode, secret });
      setSecret('');
      setDone(t('portal.saved', { code: saved.agentCode ?? agentCode }));
      onSaved({ ...settings, portalUrl: saved.portalUrl });
    } catch (err) {
      setError(errorText(err, t));
      if (isApiError(err)) setFields(err.fields ?? {});
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="portal-title">
      <h2 id="portal-title" className="section-title">
        {t('portal.section')}
      </h2>
      <p className="muted small">{t('portal.hint')}</p>
      <div className="grid grid--3">
        <TextField
          id="portal-url"
          label={t('portal.url')}
          value={portalUrl}
          onValueChange={setPortalUrl}
          error={fields.portalUrl}
          required
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          id="portal-agent-code"
          label={t('portal.agentCode')}
          value={agentCode}
          onValueChange={setAgentCode}
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
          onValueChange={setSecret}
          error={fields.secret}
          required
          autoComplete="new-password"
        />
      </div>
      <ErrorNotice>{error}</ErrorNotice>
      <InfoNotice>{done}</InfoNotice>
      <div className="form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t('portal.save')}
        </button>
      </div>
    </form>
  );
}
