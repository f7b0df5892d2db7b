// The legal-hold forms of the retention panel: place a hold by dossier code, release one with a reason (both audited).
import { privacyInputs, type LegalHold } from '../../../electron/common/privacy-contract';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { bindField, useContractForm } from '../../ui/contract-form';
import { useFormSend } from '../../ui/use-form-send';
import { TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';

const releaseForm = privacyInputs.legalRelease.omit({ dossierId: true });

/** "Giữ lại": the contract's own check (code 3-40, reason 5-500 characters) before core looks the code up. */
export function HoldForm({ onHolds }: { onHolds(holds: LegalHold[]): void }) {
  const api = useApi();
  const t = useT();
  const form = useContractForm(privacyInputs.legalHoldByCode, { localCode: '', reason: '' });
  const { submit, error, busy } = useFormSend(
    form,
    async (input) => {
      onHolds(await api.call('retention.hold', input));
      form.reset();
    },
    { NOT_FOUND: 'localCode' },
  );
  return (
    <>
      <form className="privacy-hold" onSubmit={(e) => void submit(e)} noValidate>
        <TextField id="hold-code" label={t('retention.holdCode')} {...bindField(form, 'localCode')} />
        <TextField id="hold-reason" label={t('retention.holdReason')} {...bindField(form, 'reason')} />
        <button type="submit" className="btn btn--secondary" disabled={busy}>
          {t('retention.hold')}
        </button>
      </form>
      <ErrorNotice>{error}</ErrorNotice>
    </>
  );
}

/**
 * "Bỏ giữ lại" of one hold: an inline form, not window.prompt (Electron has no prompt(), and the reason goes into the
 * audit log).
 */
export function ReleaseForm({ hold, onHolds, onCancel }: { hold: LegalHold; onHolds(holds: LegalHold[]): void; onCancel(): void }) {
  const api = useApi();
  const t = useT();
  const form = useContractForm(releaseForm, { reason: '' });
  const { submit, error, busy } = useFormSend(form, async ({ reason }) => {
    onHolds(await api.call('retention.release', { dossierId: hold.dossierId, reason }));
  });
  return (
    <form className="privacy-row" onSubmit={(e) => void submit(e)} noValidate>
      <TextField id={`release-reason-${String(hold.id)}`} label={t('retention.releaseReason')} {...bindField(form, 'reason')} />
      <button type="submit" className="btn btn--secondary" disabled={busy}>
        {t('retention.release')}
      </button>
      <button type="button" className="btn btn--ghost" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <ErrorNotice>{error}</ErrorNotice>
    </form>
  );
}
