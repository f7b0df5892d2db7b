// Admin setting of this counter's scan folder (settings.scanFolder), with the watcher's live verdict on it.
import { z } from 'zod';
import type { Settings } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import { useApiQuery } from '../../api/query';
import { useT } from '../../i18n/i18n-context';
import { bindField, useContractForm } from '../../ui/contract-form';
import { useFormSend } from '../../ui/use-form-send';
import { TextField } from '../../ui/Field';
import { FormFooter } from '../../ui/FormFooter';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';

/** any text: core checks the folder itself (exists, readable, not the app's own) and names the problem on the field */
const scanForm = z.object({ scanFolder: z.string().trim() });

export function ScanFolderSettings({ settings, onSaved }: { settings: Settings; onSaved(s: Settings): void }) {
  const api = useApi();
  const t = useT();
  const form = useContractForm(scanForm, { scanFolder: settings.scanFolder });
  // the watcher's verdict: read once, then kept current by the 'scanner.status' event (api/query.ts)
  const status = useApiQuery('scanner.status', {}).data ?? null;
  const { submit, ...sending } = useFormSend(form, async (input) => {
    const saved = await api.call('settings.update', input);
    form.reset({ scanFolder: saved.scanFolder });
    onSaved(saved);
    return t('settings.scanSaved');
  });

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
        {...bindField(form, 'scanFolder')}
        autoComplete="off"
        spellCheck={false}
      />
      {verdict?.problem ? <ErrorNotice>{verdict.problem}</ErrorNotice> : null}
      {verdict && !verdict.problem ? <InfoNotice>{t('settings.scanWatching')}</InfoNotice> : null}
      <FormFooter label={t('settings.scanSave')} {...sending} />
    </form>
  );
}
