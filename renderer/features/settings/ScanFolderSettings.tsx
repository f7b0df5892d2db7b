// Admin setting of this counter's scan folder (settings.scanFolder), with the watcher's live verdict on it.
import { useEffect, useState, type FormEvent } from 'react';
import type { Settings } from '../../../electron/common/contract';
import type { ScannerStatus } from '../../../electron/common/digitize-contract';
import { useApi, useApiEvent } from '../../api/api-context';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { TextField } from '../../ui/Field';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';

export function ScanFolderSettings({ settings, onSaved }: { settings: Settings; onSaved(s: Settings): void }) {
  const api = useApi();
  const t = useT();
  const [folder, setFolder] = useState(settings.scanFolder);
  const [status, setStatus] = useState<ScannerStatus | null>(null);
  const [error, setError] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.call('scanner.status', {}).then(setStatus, () => undefined);
  }, [api]);
  useApiEvent('scanner.status', setStatus);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError('');
    setDone('');
    setFieldError(undefined);
    try {
      const saved = await api.call('settings.update', { scanFolder: folder });
      setFolder(saved.scanFolder);
      setDone(t('settings.scanSaved'));
      onSaved(saved);
    } catch (err) {
      setError(errorText(err, t));
      if (isApiError(err)) setFieldError(err.fields?.scanFolder);
    } finally {
      setBusy(false);
    }
  }

  // the watcher's verdict only makes sense for what is saved
  const verdict = status && status.folder === settings.scanFolder && settings.scanFolder !== '' ? status : null;
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="scan-title">
      <h2 id="scan-title" className="section-title">
        {t('settings.scanSection')}
      </h2>
      <TextField
        id="settings-scan-folder"
        label={t('settings.scanFolder')}
        hint={t('settings.scanFolderHint')}
        value={folder}
        onValueChange={setFolder}
        error={fieldError}
        autoComplete="off"
        spellCheck={false}
      />
      {verdict?.problem ? <ErrorNotice>{verdict.problem}</ErrorNotice> : null}
      {verdict && !verdict.problem ? <InfoNotice>{t('settings.scanWatching')}</InfoNotice> : null}
      <ErrorNotice>{error}</ErrorNotice>
      <InfoNotice>{done}</InfoNotice>
      <div className="form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t('settings.scanSave')}
        </button>
      </div>
    </form>
  );
}
