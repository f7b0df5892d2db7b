// Settings: interface language for everyone; office, work and catalog settings for the admin.
import { useQueryClient } from '@tanstack/react-query';
import type { Settings } from '../../../electron/common/contract';
import { apiKey, useApiQuery } from '../../api/query';
import { useSession } from '../../app/session-context';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { LanguageSelect } from '../../ui/LanguageSelect';
import { ErrorNotice } from '../../ui/Notice';
import { CatalogTransfer } from './CatalogTransfer';
import { OfficeSettingsForm } from './OfficeSettingsForm';
import { PortalSettings } from './PortalSettings';
import { ScanFolderSettings } from './ScanFolderSettings';
import { BackupSettings } from '../backup/BackupSettings';
import { RestorePanel } from '../backup/RestorePanel';

export function SettingsPage() {
  const t = useT();
  const queries = useQueryClient();
  const { session } = useSession();
  const role = session.user.role;
  const loaded = useApiQuery('settings.get', {}, { enabled: role === 'admin' });
  const settings = loaded.data ?? null;
  const error = loaded.error ? errorText(loaded.error, t) : '';
  // a form's saved answer is the new settings: every form below shows it without reading again
  const setSettings = (saved: Settings) => queries.setQueryData(apiKey('settings.get', {}), saved);

  return (
    <div className="settings">
      <header className="page-header">
        <div className="page-header__main">
          <h1 className="page-header__title">{t('settings.title')}</h1>
        </div>
      </header>
      <section className="card form" aria-labelledby="language-title">
        <h2 id="language-title" className="section-title">
          {t('settings.languageSection')}
        </h2>
        <div className="grid grid--3">
          <LanguageSelect id="settings-language" label={t('settings.language')} />
        </div>
      </section>
      {role === 'admin' ? (
        <>
          <ErrorNotice>{error}</ErrorNotice>
          {settings ? <OfficeSettingsForm settings={settings} onSaved={setSettings} /> : null}
          {settings ? <ScanFolderSettings settings={settings} onSaved={setSettings} /> : null}
          {settings ? <PortalSettings settings={settings} onSaved={setSettings} /> : null}
          {settings ? <BackupSettings /> : null}
          {settings ? (
            <section className="card form" aria-labelledby="restore-title">
              <h2 id="restore-title" className="section-title">
                {t('restore.title')}
              </h2>
              <RestorePanel />
            </section>
          ) : null}
        </>
      ) : (
        <p className="muted">{t('settings.adminOnly')}</p>
      )}
      {role === 'agent' ? null : <CatalogTransfer canImport={role === 'admin'} />}
    </div>
  );
}
