// Dialog asking the supervisor for the written reason before a dossier goes back to its agent (review.return).
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { Dialog } from '../../ui/Dialog';
import { errorText } from '../../ui/error-text';
import { TextAreaField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';

export function ReturnDialog({ id, onClose, onDone }: { id: string; onClose(): void; onDone(): void }) {
  const api = useApi();
  const t = useT();
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [fieldError, setFieldError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (reason.trim().length < 5) {
      setFieldError(t('review.reasonTooShort'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      await api.call('review.return', { id, reason: reason.trim() });
      onDone();
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('review.returnTitle')} onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <TextAreaField
          id="return-reason"
          label={t('review.reason')}
          hint={t('review.reasonHint')}
          value={reason}
          onValueChange={(v) => {
            setReason(v);
            setFieldError('');
          }}
          error={fieldError}
          required
          rows={4}
          maxLength={1000}
        />
        <ErrorNotice>{error}</ErrorNotice>
        <div className="form__actions">
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn--danger" disabled={busy}>
            {t('review.returnSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
