// Fees at the counter: the statutory fee (variant, pages and copies counted), the agent's amount with a reason, the total.
import { useEffect, useState, type FormEvent } from 'react';
import type { CallInput, DossierDetail } from '../../../electron/common/contract';
import { formatVnd } from '../../../electron/common/format';
import { foldVietnamese } from '../../../electron/common/text';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { SelectField, TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';
import { statutoryFeeText } from './fee-summary';

type FeePanelProps = { detail: DossierDetail; readOnly: boolean; onDetail(detail: DossierDetail): void };
type FeeChange = Omit<CallInput<'dossiers.setFee'>, 'id'>;

const whole = (text: string): number | null =>
  /^\d{1,10}$/.test(text.replace(/[.\s]/g, '')) ? Number(text.replace(/[.\s]/g, '')) : null;

export function FeePanel({ detail, readOnly, onDetail }: FeePanelProps) {
  const api = useApi();
  const t = useT();
  const fee = detail.fee;
  const mode = detail.modes.find((m) => m.mode === detail.mode);
  const variants = mode?.feeVariants ?? [];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [wantsOverride, setWantsOverride] = useState(false);

  async function save(change: FeeChange): Promise<boolean> {
    setBusy(true);
    setError('');
    try {
      onDetail(await api.call('dossiers.setFee', { id: detail.id, ...change }));
      return true;
    } catch (err) {
      setError(errorText(err, t));
      return false;
    } finally {
      setBusy(false);
    }
  }

  const showOverride = !readOnly && (fee.needsAmount || fee.overrideVnd !== null || wantsOverride);
  return (
    <section className="card fee-panel" aria-labelledby="fee-title">
      <h2 id="fee-title" className="section-title">
        {t('fee.title')}
      </h2>
      <div className="fee-panel__inputs">
        {variants.length > 0 ? (
          <SelectField
            id="fee-variant"
            label={t('fee.variant')}
            value={fee.variantKey ?? ''}
            disabled={readOnly || busy}
            onValueChange={(v) => void save({ variantKey: v === '' ? null : v })}
            options={[
              { value: '', label: t('fee.variantDefault') },
              ...variants.map((v) => ({ value: v.key, label: v.label })),
            ]}
          />
        ) : null}
        {fee.quantity ? <QuantityFields detail={detail} readOnly={readOnly || busy} save={save} /> : null}
      </div>
      <dl className="fee-panel__sum">
        <div>
          <dt>{t('fee.statutory')}</dt>
          <dd>{statutoryFeeText(fee, t)}</dd>
        </div>
        {fee.overrideVnd !== null ? (
          <div>
            <dt>{t('fee.overrideAmount')}</dt>
            <dd>
              {t('fee.overrideSaved', {
                amount: formatVnd(fee.overrideVnd),
                reason: fee.overrideReason ?? '',
              })}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('fee.serviceCharge')}</dt>
          <dd>{formatVnd(fee.serviceChargeVnd)}</dd>
        </div>
        <div className="fee-panel__total">
          <dt id="fee-total-label">{t('fee.total')}</dt>
          <dd>
            <output aria-labelledby="fee-total-label">
              {fee.totalVnd === null ? t('fee.totalUnknown') : formatVnd(fee.totalVnd)}
            </output>
          </dd>
        </div>
      </dl>
      {fee.rule.source ? <p className="muted small">{t('fee.source', { source: fee.rule.source })}</p> : null}
      {showOverride ? (
        <OverrideForm detail={detail} busy={busy} save={save} onCancel={() => setWantsOverride(false)} />
      ) : readOnly ? null : (
        <button type="button" className="btn btn--ghost btn--small" onClick={() => setWantsOverride(true)}>
          {t('fee.overrideToggle')}
        </button>
      )}
      <ErrorNotice>{error}</ErrorNotice>
    </section>
  );
}

/** Pages of the original and copies for a per-unit fee; the pages follow the scans until the agent types a number. */
function QuantityFields({
  detail,
  readOnly,
  save,
}: {
  detail: DossierDetail;
  readOnly: boolean;
  save(change: FeeChange): Promise<boolean>;
}) {
  const t = useT();
  const fee = detail.fee;
  const quantity = fee.quantity ?? { units: 1, copies: 1 };
  const [units, setUnits] = useState(String(quantity.units));
  const [copies, setCopies] = useState(String(quantity.copies));
  const [problem, setProblem] = useState('');
  useEffect(() => {
    setUnits(String(quantity.units));
    setCopies(String(quantity.copies));
  }, [quantity.units, quantity.copies]);
  const pages = /\btrang\b/.test(foldVietnamese(fee.rule.unit ?? ''));

  function commit(): void {
    const u = whole(units);
    const c = fee.rule.perCopy ? whole(copies) : 1;
    if (u === null || u < 1 || c === null || c < 1) return setProblem(t('fee.quantityBad'));
    setProblem('');
    if (u !== quantity.units || c !== quantity.copies) void save({ quantity: { units: u, copies: c } });
  }
  const enter = (e: { key: string; preventDefault(): void }) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    }
  };
  return (
    <>
      <TextField
        id="fee-units"
        label={pages ? t('fee.unitsPages') : t('fee.units', { unit: fee.rule.unit ?? '' })}
        inputMode="numeric"
        value={units}
        onValueChange={setUnits}
        onBlur={commit}
        onKeyDown={enter}
        readOnly={readOnly}
        error={problem || undefined}
        hint={fee.quantityAuto && pages ? t('fee.auto') : undefined}
        aside={
          !fee.quantityAuto && pages && !readOnly ? (
            <button type="button" className="link-button" onClick={() => void save({ quantity: null })}>
              {t('fee.autoReset')}
            </button>
          ) : undefined
        }
      />
      {fee.rule.perCopy ? (
        <TextField
          id="fee-copies"
          label={t('fee.copies')}
          inputMode="numeric"
          value={copies}
          onValueChange={setCopies}
          onBlur={commit}
          onKeyDown={enter}
          readOnly={readOnly}
        />
      ) : null}
    </>
  );
}

/** The agent's amount and why: required where the catalog states no usable fee, possible anywhere (an exemption). */
function OverrideForm({
  detail,
  busy,
  save,
  onCancel,
}: {
  detail: DossierDetail;
  busy: boolean;
  save(change: FeeChange): Promise<boolean>;
  onCancel(): void;
}) {
  const t = useT();
  const fee = detail.fee;
  const [amount, setAmount] = useState(fee.overrideVnd === null ? '' : String(fee.overrideVnd));
  const [reason, setReason] = useState(fee.overrideReason ?? '');
  const [problems, setProblems] = useState<{ amount?: string; reason?: string }>({});

  function submit(e: FormEvent): void {
    e.preventDefault();
    const value = whole(amount);
    const found = {
      ...(value === null ? { amount: t('fee.overrideAmountBad') } : {}),
      ...(reason.trim().length < 5 ? { reason: t('fee.overrideShort') } : {}),
    };
    setProblems(found);
    if (value !== null && !found.reason) void save({ override: { amountVnd: value, reason: reason.trim() } });
  }
  return (
    <form className="fee-panel__override" onSubmit={submit} aria-label={t('fee.overrideToggle')}>
      {fee.needsAmount ? <p className="notice notice--info">{t('fee.overrideNeeded')}</p> : null}
      <div className="grid grid--3">
        <TextField
          id="fee-override-amount"
          label={t('fee.overrideAmount')}
          inputMode="numeric"
          value={amount}
          onValueChange={setAmount}
          error={problems.amount}
          required={fee.needsAmount}
        />
        <TextField
          id="fee-override-reason"
          label={t('fee.overrideReason')}
          value={reason}
          onValueChange={setReason}
          error={problems.reason}
          hint={t('fee.overrideReasonHint')}
          required={fee.needsAmount}
          maxLength={300}
          frameClassName="span-2"
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="btn btn--secondary" disabled={busy}>
          {t('fee.overrideSave')}
        </button>
        {fee.overrideVnd !== null ? (
          <button
            type="button"
            className="btn btn--ghost"
            disabled={busy}
            onClick={() => void save({ override: null }).then((ok) => ok && onCancel())}
          >
            {t('fee.overrideClear')}
          </button>
        ) : fee.needsAmount ? null : (
          <button type="button" className="btn btn--ghost" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
