// The office's recovery passphrase: set (or replace) it, suggest a random one, and print the one-time recovery sheet.
import { useState, type FormEvent } from 'react';
import type { BackupStatus } from '../../../electron/common/backup-contract';
import { formatDateTime } from '../../../electron/common/format';
import { generatePassphrase } from '../../../electron/common/passphrase';
import { useApi } from '../../api/api-context';
import { isApiError } from '../../api/client';
import { printPdf, saveFile, type FileBytes } from '../../api/shell';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { TextField } from '../../ui/Field';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';

const randomBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));

export function PassphraseSetup({ status }: { status: BackupStatus }) {
  const api = useApi();
  const t = useT();
  const [open, setOpen] = useState(status.fingerprint === null);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [suggested, setSuggested] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [sheet, setSheet] = useState<{ fingerprint: string; file: FileBytes } | null>(null);

  function suggest(): void {
    const phrase = generatePassphrase(randomBytes);
    setSuggested(phrase);
    setPassphrase(phrase);
    setConfirm(phrase);
  }

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setError('');
    setFields({});
    if (passphrase !== confirm) {
      setFields({ confirm: t('backup.passphraseMismatch') });
      return;
    }
    setBusy(true);
    try {
      const r = await api.call('backup.setPassphrase', { passphrase, confirm });
      setSheet({ fingerprint: r.fingerprint, file: r.sheet });
      setPassphrase('');
      setConfirm('');
      setSuggested('');
      setOpen(false);
    } catch (err) {
      setError(errorText(err, t));
      if (isApiError(err) && err.fields) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-labelledby="backup-passphrase-title">
      <h3 id="backup-passphrase-title" className="section-title">
        {t('backup.passphraseSection')}
      </h3>
      <p className="muted">
        {status.fingerprint && status.passphraseSetAt
          ? t('backup.passphraseSet', { at: formatDateTime(status.passphraseSetAt), fingerprint: status.fingerprint })
          : t('backup.passphraseNone')}
      </p>
      {sheet ? (
        <>
          <InfoNotice>{t('backup.sheetReady', { fingerprint: sheet.fingerprint })}</InfoNotice>
          <div className="form__actions form__actions--start">
            <button type="button" className="btn btn--primary" onClick={() => void printPdf(sheet.file)}>
              {t('backup.sheetPrint')}
            </button>
            <button type="button" className="btn btn--secondary" onClick={() => void saveFile(sheet.file)}>
              {t('backup.sheetSave')}
            </button>
          </div>
        </>
      ) : null}
      {open ? (
        <>
          {status.fingerprint ? <p className="muted">{t('backup.passphraseReplaceWarning')}</p> : null}
          <div className="grid grid--2">
            <TextField
              id="backup-passphrase"
              label={t('backup.passphrase')}
              hint={t('backup.passphraseHint')}
              type="password"
              autoComplete="new-password"
              value={passphrase}
              onValueChange={setPassphrase}
              error={fields.passphrase}
              required
            />
            <TextField
              id="backup-passphrase-confirm"
              label={t('backup.passphraseConfirm')}
              type="password"
              autoComplete="new-password"
              value={confirm}
              onValueChange={setConfirm}
              error={fields.confirm}
              required
            />
          </div>
          {suggested ? (
            <div>
              <p className="muted">{t('backup.suggested')}</p>
              <p className="backup-suggested">{suggested}</p>
            </div>
          ) : null}
          <ErrorNotice>{error}</ErrorNotice>
          <div className="form__actions form__actions--start">
            <button type="button" className="btn btn--secondary" onClick={suggest}>
              {t('backup.suggest')}
            </button>
            <button type="submit" className="btn btn--primary" disabled={busy} aria-busy={busy}>
              {t('backup.passphraseSave')}
            </button>
          </div>
        </>
      ) : (
        <div className="form__actions form__actions--start">
          <button type="button" className="btn btn--secondary" onClick={() => setOpen(true)}>
            {t('backup.passphraseChange')}
          </button>
        </div>
      )}
    </form>
  );
}
