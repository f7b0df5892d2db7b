// Export the office's catalog corrections to a JSON file, or import another office's (admin).
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { saveFile } from '../../api/shell';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';

export function CorrectionsTransfer({ onImported }: { onImported(): void }) {
  const api = useApi();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [summary, setSummary] = useState('');

  async function run(work: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError('');
    setSummary('');
    try {
      await work();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card form" aria-labelledby="corrections-transfer-title">
      <h2 id="corrections-transfer-title" className="section-title">
        {t('catalogEditor.transfer')}
      </h2>
      <p className="muted small">{t('catalogEditor.transferHint')}</p>
      <div className="form__actions form__actions--start">
        <button
          type="button"
          className="btn btn--secondary"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              await saveFile(await api.call('catalog.corrections.export', {}));
            })
          }
        >
          {t('catalogEditor.export')}
        </button>
        <div className="file-button">
          <input
            id="corrections-import"
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              void run(async () => {
                const bytes = new Uint8Array(await file.arrayBuffer());
                const result = await api.call('catalog.corrections.import', { fileName: file.name, bytes });
                setSummary(result.summary);
                onImported();
              });
            }}
          />
          <label htmlFor="corrections-import" className="btn btn--secondary">
            {t('catalogEditor.import')}
          </label>
        </div>
      </div>
      <ErrorNotice>{error}</ErrorNotice>
      <InfoNotice>{summary}</InfoNotice>
    </section>
  );
}
