// "In tờ khai": the saved form as the official A4 PDF, through the same print path as the receipt.
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { canPrintPdf, printPdf, saveFile, type FileBytes } from '../../api/shell';
import { useT } from '../../i18n/i18n-context';
import { blobUrlFor, triggerDownload } from '../../ui/download';
import { errorText } from '../../ui/error-text';

type Printed = FileBytes & { url: string };

export function PrintFormButton({ dossierId, beforePrint, primary }: { dossierId: string; beforePrint(): Promise<void>; primary: boolean }) {
  const api = useApi();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [printed, setPrinted] = useState<Printed | null>(null);
  const inShell = canPrintPdf();
  useEffect(
    () => () => {
      if (printed) URL.revokeObjectURL(printed.url);
    },
    [printed],
  );

  async function print(): Promise<void> {
    setBusy(true);
    setError('');
    try {
      await beforePrint(); // what is on screen is what gets printed
      const pdf = await api.call('forms.print', { dossierId });
      const url = blobUrlFor(pdf.bytes, pdf.mime);
      setPrinted({ ...pdf, url });
      // Electron: the system print dialog; a browser cannot print a PDF blob, so it downloads it
      if (inShell) await printPdf(pdf);
      else triggerDownload(url, pdf.fileName);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="form-print">
      <button type="button" className={`btn ${primary ? 'btn--primary' : 'btn--secondary'}`} disabled={busy} onClick={() => void print()}>
        {busy ? t('form.printing') : t('form.print')}
      </button>
      {printed && inShell ? (
        <button type="button" className="btn btn--ghost btn--small" onClick={() => void saveFile(printed)}>
          {t('form.download', { name: printed.fileName })}
        </button>
      ) : null}
      {printed && !inShell ? (
        <a className="small" href={printed.url} download={printed.fileName}>
          {t('form.download', { name: printed.fileName })}
        </a>
      ) : null}
      {error ? (
        <p className="notice notice--error small" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
