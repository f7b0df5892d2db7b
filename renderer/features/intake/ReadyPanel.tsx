// Finishing an intake: "Đánh dấu sẵn sàng" (with a written reason when components are missing), then ReceiptPanel takes over.
import { useState } from 'react';
import type { DossierDetail } from '../../../electron/common/contract';
import { formatErrorMessage } from '../../../electron/common/errors';
import { toVietnamIsoDate } from '../../../electron/common/format';
import { useT } from '../../i18n/i18n-context';
import { Dialog } from '../../ui/Dialog';
import { DateField } from '../../ui/DateField';
import { TextAreaField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';
import { pendingInForm } from '../forms/FormSlotNote';
import { slotLabel } from './component-name';

type ReadyPanelProps = {
  detail: DossierDetail;
  /** false while the applicant form still has problems: those are shown before asking about missing pages */
  applicantOk: boolean;
  /** saves pending edits and marks the dossier ready; resolves to the problem to show, or null when done */
  markReady(options: { overrideReason?: string; dueDate?: string }): Promise<string | null>;
};

/**
 * counter labels of the documents the dossier's mode, case and "áp dụng" answers require that have no pages yet; a tờ
 * khai slot missing only until the form in the app is finished is left to the form's own check (no reason to write)
 */
export function missingRequired(detail: DossierDetail): string[] {
  const inForm = new Set(detail.components.filter(pendingInForm).map(slotLabel));
  return detail.missingRequired.filter((name) => !inForm.has(name));
}

export function ReadyPanel({ detail, applicantOk, markReady }: ReadyPanelProps) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [asking, setAsking] = useState(false);
  // the reason written for missing documents outlives "Huỷ": reopening the dialog shows it again (issue 13)
  const [reason, setReason] = useState('');
  // the appointment follows the computed date (it changes with the filing mode) until the agent types another
  const [typedDue, setTypedDue] = useState<string | null>(null);
  // a dossier back from a return or a portal refusal keeps the appointment printed on the citizen's receipt
  const kept = detail.dueDate !== null && detail.dueDate >= toVietnamIsoDate(Date.now()) ? detail.dueDate : null;
  const dueDate = typedDue ?? kept ?? detail.suggestedDueDate ?? '';
  const missing = missingRequired(detail);
  const blockedFirst = (detail.cases.length > 0 && detail.caseKey === null) || detail.fee.needsAmount;
  const unclearDeadline = detail.suggestedDueDate === null && kept === null;
  const mode = detail.modes.find((m) => m.mode === detail.mode);
  // a past appointment is said beside the date as soon as it is there, not first inside the missing-documents dialog
  const pastDue = dueDate !== '' && dueDate < toVietnamIsoDate(Date.now());

  async function run(overrideReason?: string): Promise<void> {
    // applicant problems come first (markReady reports them); then the appointment date
    if (dueDate === '' && applicantOk) {
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
      {detail.unansweredConditions.length > 0 ? (
        <p className="notice notice--info">{t('checklist.unanswered', { names: detail.unansweredConditions.join('; ') })}</p>
      ) : null}
      <DateField
        id="ready-due-date"
        label={t('intake.dueDate')}
        value={dueDate}
        onValueChange={setTypedDue}
        required
        showHint={false}
        error={pastDue ? formatErrorMessage('DUE_DATE_INVALID', {}) : undefined}
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
        // the case and the fee come before a reason for missing documents: core says what is wrong with them first
        onClick={() =>
          missing.length > 0 && applicantOk && dueDate !== '' && !pastDue && !blockedFirst ? setAsking(true) : void run()
        }
      >
        {busy ? t('intake.markingReady') : t('intake.markReady')}
      </button>
      {!asking ? <ErrorNotice>{error}</ErrorNotice> : null}
      {asking ? (
        <OverrideDialog
          missing={missing}
          busy={busy}
          error={error}
          reason={reason}
          onReasonChange={setReason}
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
  reason,
  onReasonChange: setReason,
  onCancel,
  onConfirm,
}: {
  missing: string[];
  busy: boolean;
  error: string;
  reason: string;
  onReasonChange(reason: string): void;
  onCancel(): void;
  onConfirm(reason: string): void;
}) {
  const t = useT();
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
          data-autofocus
        />
        <ErrorNotice>{error}</ErrorNotice>
      </form>
    </Dialog>
  );
}
