// Admin screen part under Cài đặt: backup folder, schedule, keep-N, the recovery passphrase, status and "backup now".
import { z } from 'zod';
import { backupConfigSchema, type BackupStatus } from '../../../electron/common/backup-contract';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { bindField, useContractForm } from '../../ui/contract-form';
import { useFormSend } from '../../ui/use-form-send';
import { SelectField, TextField } from '../../ui/Field';
import { FormFooter } from '../../ui/FormFooter';
import { BackupStatusBlock } from './BackupStatusBlock';
import { PassphraseSetup } from './PassphraseSetup';
import { useBackupStatus } from './use-backup-status';
import './backup.css';

/** the contract's own settings, the number of backups kept typed as text and checked by the contract's rule */
const backupForm = backupConfigSchema.extend({
  keepLast: z.string().trim().transform(Number).pipe(backupConfigSchema.shape.keepLast),
});

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
  const t = useT();
  const { status, setStatus } = useBackupStatus();
  if (!status) return null;
  return (
    <section className="card form" aria-labelledby="backup-title" id="backup">
      <h2 id="backup-title" className="section-title">
        {t('backup.title')}
      </h2>
      <p className="muted">{t('backup.intro')}</p>
      <BackupStatusBlock status={status} onStatus={setStatus} />
      <BackupConfigForm status={status} onSaved={setStatus} />
      <PassphraseSetup status={status} />
    </section>
  );
}

/** Folder, schedule and keep-N, starting from the settings as first read (later status events do not retype them). */
function BackupConfigForm({ status, onSaved }: { status: BackupStatus; onSaved(s: BackupStatus): void }) {
  const api = useApi();
  const t = useT();
  const form = useContractForm(backupForm, {
    folder: status.folder,
    daily: status.daily,
    dailyAt: status.dailyAt,
    afterDayClose: status.afterDayClose,
    keepLast: String(status.keepLast),
  });
  const daily = form.watch('daily');
  const { submit: save, ...sending } = useFormSend(form, async (input) => {
    onSaved(await api.call('backup.configure', input));
    return t('backup.saved');
  });

  return (
    <form className="form" onSubmit={(e) => void save(e)} noValidate aria-label={t('backup.title')}>
      <div className="grid grid--3">
        <TextField
          id="backup-folder"
          label={t('backup.folder')}
          hint={t('backup.folderHint')}
          {...bindField(form, 'folder')}
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
          {...bindField(form, 'keepLast')}
        />
      </div>
      <div className="grid grid--3">
        <label className="backup-check">
          <input type="checkbox" {...form.register('daily')} /> {t('backup.daily')}
        </label>
        <SelectField id="backup-daily-at" label={t('backup.dailyAt')} options={timeOptions(form.watch('dailyAt'))} {...bindField(form, 'dailyAt')} disabled={!daily} />
        <label className="backup-check">
          <input type="checkbox" {...form.register('afterDayClose')} /> {t('backup.afterDayClose')}
        </label>
      </div>
      <FormFooter label={t('backup.save')} {...sending} start />
    </form>
  );
}
