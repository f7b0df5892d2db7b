// After "sẵn sàng": the appointment date, what the citizen pays, and the receipt (phiếu tiếp nhận) to print or save as PDF.
import { useEffect, useRef, useState } from 'react';
import type { DossierDetail } from '../../../electron/common/contract';
import { formatDate, formatVnd } from '../../../electron/common/format';
import { useApi } from '../../api/api-context';
import { canPrintPdf, printPdf, saveFile, type FileBytes } from '../../api/shell';
import { routeHref } from '../../app/router';
import { useT } from '../../i18n/i18n-context';
import { blobUrlFor, triggerDownload } from '../../ui/download';
import { errorText } from '../../ui/error-text';
import { ErrorNotice } from '../../ui/Notice';
import { statutoryFeeText } from './fee-summary';

type Receipt = FileBytes & { url: string };

export function ReceiptPanel({
  detail,
  focusOnMount = false,
}: {
  detail: DossierDetail;
  focusOnMount?: boolean;
}) {
  const api = useApi();
  const t = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const inShell = canPrintPdf();

  useEffect(() => {
    if (focusOnMount) headingRef.current?.focus();
  }, [focusOnMount]);
  useEffect(
    () => () => {
      if (receipt) URL.revokeObjectURL(receipt.url);
    },
    [receipt],
  );

  async function printReceipt(): Promise<void> {
    setBusy(true);
    setError('');
    try {
      const pdf = await api.call('documents.receipt', { dossierId: detail.id });
      const url = blobUrlFor(pdf.bytes, pdf.mime);
      setReceipt({ ...pdf, url });
      // Electron: print preview and the system dialog; a browser cannot print a PDF blob, so it downloads it
      if (inShell) await printPdf(pdf);
      else triggerDownload(url, pdf.fileName);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card ready ready--done" aria-labelledby="receipt-title">
      <h2 id="receipt-title" className="section-title" tabIndex={-1} ref={headingRef}>
        {detail.status === 'ready' ? t('intake.readyDone') : t('intake.receiptTitle')}
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('intake.dueDate')}</dt>
          <dd className="facts__strong">{detail.dueDate ? formatDate(detail.dueDate) : t('common.none')}</dd>
        </div>
        {/* what the citizen pays, as the receipt states it: the fee and the service charge apart, and the total */}
        <div>
          <dt>{t('fee.statutory')}</dt>
          <dd>{statutoryFeeText(detail.fee, t)}</dd>
        </div>
        <div>
          <dt>{t('fee.serviceCharge')}</dt>
          <dd>{formatVnd(detail.fee.serviceChargeVnd)}</dd>
        </div>
        <div>
          <dt>{t('fee.total')}</dt>
          <dd className="facts__strong">{detail.fee.totalVnd === null ? t('fee.totalUnknown') : formatVnd(detail.fee.totalVnd)}</dd>
        </div>
        {detail.portalCode ? (
          <div>
            <dt>{t('receipt.portalCode')}</dt>
            <dd className="mono">{detail.portalCode}</dd>
          </div>
        ) : null}
        {detail.readyOverrideReason ? (
          <div>
            <dt>{t('intake.overrideReason')}</dt>
            <dd>{detail.readyOverrideReason}</dd>
          </div>
        ) : null}
      </dl>
      <ErrorNotice>{error}</ErrorNotice>
      <div className="form__actions">
        <button
          type="button"
          className="btn btn--primary btn--large"
          disabled={busy}
          onClick={() => void printReceipt()}
        >
          {busy ? t('intake.preparingReceipt') : t('intake.printReceipt')}
        </button>
        {receipt && inShell ? (
          <button type="button" className="btn btn--secondary" onClick={() => void saveFile(receipt)}>
            {t('intake.downloadReceipt')}: {receipt.fileName}
          </button>
        ) : null}
        {receipt && !inShell ? (
          <a className="btn btn--secondary" href={receipt.url} download={receipt.fileName}>
            {t('intake.downloadReceipt')}: {receipt.fileName}
          </a>
        ) : null}
      </div>
      <p className="form__actions">
        <a href={routeHref({ name: 'new' })}>{t('intake.newDossier')}</a>
        <a href={routeHref({ name: 'queue' })}>{t('intake.openQueue')}</a>
      </p>
    </section>
  );
}
