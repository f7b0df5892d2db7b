// Finishing an intake: "Đánh dấu sẵn sàng" (with a written reason when components are missing), then the receipt panel.
import { useEffect, useRef, useState } from 'react';
import type { DossierDetail } from '../../../electron/common/contract';
import { formatDate } from '../../../electron/common/format';
import { useApi } from '../../api/api-context';
import { routeHref } from '../../app/router';
import { useT } from '../../i18n/i18n-context';
import { Dialog } from '../../ui/Dialog';
import { blobUrlFor, triggerDownload } from '../../ui/download';
import { errorText } from '../../ui/error-text';
import { DateField } from '../../ui/DateField';
import { TextAreaField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';

type ReadyPanelProps = {
  detail: DossierDetail;
  /** false while the applicant form still has problems: those are shown before asking about missing pages */
  applicantOk: boolean;
  /** saves pending edits and marks the dossier ready; resolves to the problem to show, or null when done */
  markReady(options: { overrideReason?: string; dueDate?: string }): Promise<string | null>;
};

export function missingRequired(detail: DossierDetail): string[] {
  return detail.components
    .filter((c) => c.required && c.kind === 'submit' && c.pages.length === 0)
    .map((c) => c.name);
}

export function ReadyPanel({ detail, applicantOk, markReady }: ReadyPanelProps) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [asking, setAsking] = useState(false);
  // the appointment follows the computed date (it changes with the filing mode) until the agent types another
  const [typedDue, setTypedDue] = useState<string | null>(null);
  const dueDate = typedDue ?? detail.suggestedDueDate ?? '';
  const missing = missingRequired(detail);
  const unclearDeadline = detail.suggestedDueDate === null;
  const mode = detail.modes.find((m) => m.mode === detail.mode);

  async function run(overrideReason?: string): Promise<void> {
    if (dueDate === '') {
      setAsking(false);
      setError(t('intake.dueDateMissing'));
      document.getElementById('ready-due-date')?.focus();
      return;
    }
    setBusy(true);
    setError('');
    const sendDue = typedDue !== null || unclearDeadline;
    const problem = await markReady({
      ...(overrideReason ? { overrideReason } : {}),
      ...(sendDue ? { dueDate } : {}),
    });
    setBusy(false);
    if (problem) setError(problem);
    else setAsking(false);
  }

  return (
    <section className="card ready" aria-labelledby="ready-title">
      <h2 id="ready-title" className="visually-hidden">
        {t('intake.markReady')}
      </h2>
      <p className="muted ready__hint">{t('intake.readyHint')}</p>
      <DateField
        id="ready-due-date"
        label={t('intake.dueDate')}
        value={dueDate}
        onValueChange={setTypedDue}
        required
        showHint={false}
        frameClassName="ready__due"
        hint={
          unclearDeadline
            ? t('intake.dueDateUnclear', { deadline: mode?.deadlineText || t('common.none') })
            : undefined
        }
      />
      <button
        type="button"
        className="btn btn--primary btn--large"
        disabled={busy}
        onClick={() => (missing.length > 0 && applicantOk && dueDate !== '' ? setAsking(true) : void run())}
      >
        {busy ? t('intake.markingReady') : t('intake.markReady')}
      </button>
      {!asking ? <ErrorNotice>{error}</ErrorNotice> : null}
      {asking ? (
        <OverrideDialog
          missing={missing}
          busy={busy}
          error={error}
          onCancel={() => setAsking(false)}
          onConfirm={(reason) => void run(reason)}
        />
      ) : null}
    </section>
  );
}

function OverrideDialog({
  missing,
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  missing: string[];
  busy: boolean;
  error: string;
  onCancel(): void;
  onConfirm(reason: string): void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
  function confirm(): void {
    const trimmed = reason.trim();
    if (trimmed === '') return setProblem(t('intake.overrideReasonMissing'));
    if (trimmed.length < 5) return setProblem(t('intake.overrideReasonShort'));
    setProblem('');
    onConfirm(trimmed);
  }
  return (
    <Dialog
      title={t('intake.overrideTitle')}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="btn btn--ghost" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="override-form" className="btn btn--primary" disabled={busy}>
            {t('intake.overrideSubmit')}
          </button>
        </>
      }
    >
      <form
        id="override-form"
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          confirm();
        }}
      >
        <p>{t('intake.overrideBody', { names: missing.join('; ') })}</p>
        <TextAreaField
          id="override-reason"
          label={t('intake.overrideReason')}
          value={reason}
          onValueChange={setReason}
          error={problem}
          rows={3}
          maxLength={500}
          required
          autoFocus
        />
        <ErrorNotice>{error}</ErrorNotice>
      </form>
    </Dialog>
  );
}

export function ReceiptPanel({
  detail,
  focusOnMount = false,
}: {
  detail: DossierDetail;
  focusOnMount?: boolean;
}) {
  const api = useApi();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) headingRef.current?.focus();
  }, [focusOnMount]);
  const t = useT();
  const [file, setFile] = useState<{ url: string; name: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  useEffect(
    () => () => {
      if (file) URL.revokeObjectURL(file.url);
    },
    [file],
  );

  async function makeReceipt(): Promise<void> {
    setBusy(true);
    setError('');
    try {
      const pdf = await api.call('documents.receipt', { dossierId: detail.id });
      const url = blobUrlFor(pdf.bytes, pdf.mime);
      setFile({ url, name: pdf.fileName });
      triggerDownload(url, pdf.fileName);
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
          onClick={() => void makeReceipt()}
        >
          {busy ? t('intake.preparingReceipt') : t('intake.printReceipt')}
        </button>
        {file ? (
          <a className="btn btn--secondary" href={file.url} download={file.name}>
            {t('intake.downloadReceipt')}: {file.name}
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
