// Admin screen part under Cài đặt: backup folder, schedule, keep-N, the recovery passphrase, status and "backup now".
import { useEffect, useState, type FormEvent } from 'react';
import type { BackupConfig } from '../../../electron/common/backup-contract';
import { useApi } from '../../api/api-context';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { SelectField, TextField } from '../../ui/Field';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';
import { BackupStatusBlock } from './BackupStatusBlock';
import { PassphraseSetup } from './PassphraseSetup';
import { useBackupStatus } from './use-backup-status';
import './backup.css';

type Form = { folder: string; daily: boolean; dailyAt: string; afterDayClose: boolean; keepLast: string };

/**
 * Times of day every 15 minutes, 24-hour (a native time input shows "12:15 PM" wherever the browser's own language is
 * English), plus the saved time when it is off that grid.
 */
function timeOptions(current: string): { value: string; label: string }[] {
  const times = Array.from({ length: 96 }, (_, i) => `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`);
  if (!times.includes(current)) times.push(current);
  return times.sort().map((value) => ({ value, label: value }));
}

export function BackupSettings() {
  const api = useApi();
  const t = useT();
  const { status, setStatus } = useBackupStatus();
  const [form, setForm] = useState<Form | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (status && !form) {
      setForm({ folder: status.folder, daily: status.daily, dailyAt: status.dailyAt, afterDayClose: status.afterDayClose, keepLast: String(status.keepLast) });
    }
  }, [status, form]);

  if (!status || !form) return null;
  const set = <K extends keyof Form>(key: K) => (value: Form[K]) => setForm((f) => (f ? { ...f, [key]: value } : f));

  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (!form) return;
    setBusy(true);
    setError('');
    setDone('');
    setFields({});
    try {
      const input: BackupConfig = { ...form, keepLast: Number(form.keepLast) };
      setStatus(await api.call('backup.configure', input));
      setDone(t('backup.saved'));
    } catch (err) {
      setError(errorText(err, t));
      if (isApiError(err) && err.fields) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card form" aria-labelledby="backup-title" id="backup">
      <h2 id="backup-title" className="section-title">
        {t('backup.title')}
      </h2>
      <p className="muted">{t('backup.intro')}</p>
      <BackupStatusBlock status={status} onStatus={setStatus} />
      <form className="form" onSubmit={(e) => void save(e)} aria-label={t('backup.title')}>
        <div className="grid grid--3">
          <TextField
            id="backup-folder"
            label={t('backup.folder')}
            hint={t('backup.folderHint')}
            value={form.folder}
            onValueChange={set('folder')}
            error={fields.folder}
            autoComplete="off"
            spellCheck={false}
            frameClassName="span-2"
          />
          <TextField
            id="backup-keep"
            label={t('backup.keepLast')}
            hint={t('backup.keepLastHint')}
            type="number"
            min={1}
            max={365}
            value={form.keepLast}
            onValueChange={set('keepLast')}
            error={fields.keepLast}
          />
        </div>
        <div className="grid grid--3">
          <label className="backup-check">
            <input type="checkbox" checked={form.daily} onChange={(e) => set('daily')(e.target.checked)} /> {t('backup.daily')}
          </label>
          <SelectField id="backup-daily-at" label={t('backup.dailyAt')} options={timeOptions(form.dailyAt)} value={form.dailyAt} onValueChange={set('dailyAt')} error={fields.dailyAt} disabled={!form.daily} />
          <label className="backup-check">
            <input type="checkbox" checked={form.afterDayClose} onChange={(e) => set('afterDayClose')(e.target.checked)} /> {t('backup.afterDayClose')}
          </label>
        </div>
        <ErrorNotice>{error}</ErrorNotice>
        <InfoNotice>{done}</InfoNotice>
        <div className="form__actions form__actions--start">
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {t('backup.save')}
          </button>
        </div>
      </form>
      <PassphraseSetup status={status} />
    </section>
  );
}
