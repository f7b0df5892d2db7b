// The office's recovery passphrase: set (or replace) it, suggest a random one, and print the one-time recovery sheet.
import { useState } from 'react';
import { backupInputs, type BackupStatus } from '../../../electron/common/backup-contract';
import { formatDateTime } from '../../../electron/common/format';
import { generatePassphrase } from '../../../electron/common/passphrase';
import { useApi } from '../../api/api-context';
import { printPdf, saveFile, type FileBytes } from '../../api/shell';
import { currentLang, translate } from '../../i18n/i18n-instance';
import { useT } from '../../i18n/i18n-context';
import { bindField, useContractForm, type IssueWording } from '../../ui/contract-form';
import { useFormSend } from '../../ui/use-form-send';
import { TextField } from '../../ui/Field';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';

const randomBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));

/** the contract's input, with the two typings compared here before anything is sent */
const passphraseForm = backupInputs.setPassphrase.refine((f) => f.confirm === f.passphrase, { path: ['confirm'] });
const empty = { passphrase: '', confirm: '' };
/** the refinement's issue (the only custom one) in the interface's language */
const mismatchWording: IssueWording = (issue) =>
  issue.code === 'custom' ? translate(currentLang(), 'backup.passphraseMismatch') : undefined;

export function PassphraseSetup({ status }: { status: BackupStatus }) {
  const api = useApi();
  const t = useT();
  const [open, setOpen] = useState(status.fingerprint === null);
  const form = useContractForm(passphraseForm, empty, mismatchWording);
  const [suggested, setSuggested] = useState('');
  const [sheet, setSheet] = useState<{ fingerprint: string; file: FileBytes } | null>(null);

  function suggest(): void {
    const phrase = generatePassphrase(randomBytes);
    setSuggested(phrase);
    form.reset({ passphrase: phrase, confirm: phrase }, { keepIsSubmitted: true });
  }

  const { submit, error, busy } = useFormSend(form, async (input) => {
    const r = await api.call('backup.setPassphrase', input);
    setSheet({ fingerprint: r.fingerprint, file: r.sheet });
    form.reset(empty);
    setSuggested('');
    setOpen(false);
  });

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="backup-passphrase-title">
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
              {...bindField(form, 'passphrase')}
              required
            />
            <TextField
              id="backup-passphrase-confirm"
              label={t('backup.passphraseConfirm')}
              type="password"
              autoComplete="new-password"
              {...bindField(form, 'confirm')}
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
