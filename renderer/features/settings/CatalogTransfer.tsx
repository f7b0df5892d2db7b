// Catalog export (download the app's JSON) and import (upload a JSON file, show the importer's summary).
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { saveFile } from '../../api/shell';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';

export function CatalogTransfer({ canImport }: { canImport: boolean }) {
  const api = useApi();
  const t = useT();
  const [busy, setBusy] = useState<'export' | 'import' | null>(null);
  const [error, setError] = useState('');
  const [summary, setSummary] = useState('');

  async function exportCatalog(): Promise<void> {
    setBusy('export');
    setError('');
    try {
      await saveFile(await api.call('catalog.export', {}));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(null);
    }
  }

  async function importCatalog(file: File): Promise<void> {
    setBusy('import');
    setError('');
    setSummary('');
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await api.call('catalog.import', { fileName: file.name, bytes });
      setSummary(
        result.summary || t('settings.catalogImported', { stored: result.stored, problems: result.problems }),
      );
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card form" aria-labelledby="catalog-transfer-title">
      <h2 id="catalog-transfer-title" className="section-title">
        {t('settings.catalogSection')}
      </h2>
      <div className="form__actions form__actions--start">
        <button
          type="button"
          className="btn btn--secondary"
          disabled={busy !== null}
          onClick={() => void exportCatalog()}
        >
          {busy === 'export' ? t('settings.catalogExporting') : t('settings.catalogExport')}
        </button>
        {canImport ? (
          <div className="file-button">
            <input
              id="catalog-import"
              type="file"
              accept=".json,application/json"
              className="visually-hidden"
              disabled={busy !== null}
              aria-describedby="catalog-import-hint"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void importCatalog(file);
              }}
            />
            <label htmlFor="catalog-import" className="btn btn--secondary">
              {busy === 'import' ? t('settings.catalogImporting') : t('settings.catalogImport')}
            </label>
            <span id="catalog-import-hint" className="muted small">
              {t('settings.catalogImportHint')}
            </span>
          </div>
        ) : null}
      </div>
      <ErrorNotice>{error}</ErrorNotice>
      <InfoNotice>{summary}</InfoNotice>
    </section>
  );
}
