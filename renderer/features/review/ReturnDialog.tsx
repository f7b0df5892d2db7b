// Dialog asking the supervisor for the written reason before a dossier goes back to its agent (review.return).
import { useState } from 'react';
import { reportInputs } from '../../../electron/common/report-contract';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { bindField, serverError, useContractForm } from '../../ui/contract-form';
import { Dialog } from '../../ui/Dialog';
import { TextAreaField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';

/** the contract's own check of the reason (trimmed, 5 to 1000 characters) */
const returnForm = reportInputs.reviewReturn.pick({ reason: true });

export function ReturnDialog({ id, onClose, onDone }: { id: string; onClose(): void; onDone(): void }) {
  const api = useApi();
  const t = useT();
  const form = useContractForm(returnForm, { reason: '' });
  const [error, setError] = useState('');
  const reason = bindField(form, 'reason');

  const submit = form.handleSubmit(async ({ reason: written }) => {
    setError('');
    try {
      await api.call('review.return', { id, reason: written });
      onDone();
    } catch (err) {
      setError(serverError(form, err, t));
    }
  });

  return (
    <Dialog title={t('review.returnTitle')} onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <TextAreaField
          id="return-reason"
          label={t('review.reason')}
          hint={t('review.reasonHint')}
          {...reason}
          error={reason.error ? t('review.reasonTooShort') : undefined}
          required
          rows={4}
          maxLength={1000}
        />
        <ErrorNotice>{error}</ErrorNotice>
        <div className="form__actions">
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn--danger" disabled={form.formState.isSubmitting}>
            {t('review.returnSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
