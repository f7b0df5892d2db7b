// Fees at the counter: the statutory fee (variant, pages and copies counted), the agent's amount with a reason, the total.
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { z } from 'zod';
import type { CallInput, DossierDetail } from '../../../electron/common/contract';
import { formatVnd } from '../../../electron/common/format';
import { foldVietnamese } from '../../../electron/common/text';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import type { Translate } from '../../i18n/translate-types';
import { bindField, useContractForm } from '../../ui/contract-form';
import { errorText } from '../../ui/error-text';
import { SelectField, TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';
import { statutoryFeeText } from './fee-summary';

type FeePanelProps = { detail: DossierDetail; readOnly: boolean; onDetail(detail: DossierDetail): void };
type FeeChange = Omit<CallInput<'dossiers.setFee'>, 'id'>;

const whole = (text: string): number | null =>
  /^\d{1,10}$/.test(text.replace(/[.\s]/g, '')) ? Number(text.replace(/[.\s]/g, '')) : null;

/** a whole number typed as text ("50.000"), at least `min`, or `message` */
const wholeText = (min: number, message: string) =>
  z.string().refine((v) => (whole(v) ?? -1) >= min, message).transform((v) => whole(v) ?? min);

/** The pages and copies boxes: both whole numbers from 1 (copies only where the rule counts them). */
const quantityForm = (t: Translate, perCopy: boolean) =>
  z.object({ units: wholeText(1, t('fee.quantityBad')), copies: perCopy ? wholeText(1, t('fee.quantityBad')) : z.string() });

/** The agent's amount and why, as the contract's setFee override takes them (reason trimmed, 5 to 300 characters). */
const overrideForm = (t: Translate) =>
  z.object({
    amount: wholeText(0, t('fee.overrideAmountBad')),
    reason: z.string().trim().min(5, t('fee.overrideShort')).max(300),
  });

export function FeePanel({ detail, readOnly, onDetail }: FeePanelProps) {
  const api = useApi();
  const t = useT();
  const fee = detail.fee;
  const mode = detail.modes.find((m) => m.mode === detail.mode);
  const variants = mode?.feeVariants ?? [];
  const [wantsOverride, setWantsOverride] = useState(false);
  // the answer is the whole dossier with the fee worked out again: it replaces the screen's copy at once
  const setFee = useMutation({
    mutationFn: (change: FeeChange) => api.call('dossiers.setFee', { id: detail.id, ...change }),
    onSuccess: onDetail,
  });
  const busy = setFee.isPending;
  const error = setFee.error ? errorText(setFee.error, t) : '';

  async function save(change: FeeChange): Promise<boolean> {
    try {
      await setFee.mutateAsync(change);
      return true;
    } catch {
      return false; // shown from setFee.error
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
  const perCopy = fee.rule.perCopy;
  const schema = useMemo(() => quantityForm(t, perCopy), [t, perCopy]);
  const form = useContractForm(schema, { units: String(quantity.units), copies: String(quantity.copies) });
  // the counted pages follow the scans: a new count from core replaces the boxes (what the agent typed was saved)
  const { reset } = form;
  useEffect(() => {
    reset({ units: String(quantity.units), copies: String(quantity.copies) });
  }, [quantity.units, quantity.copies, reset]);
  const pages = /\btrang\b/.test(foldVietnamese(fee.rule.unit ?? ''));

  // on leaving a box (or Enter): checked, and saved when it differs from what core holds
  const commit = form.handleSubmit((v) => {
    const c = perCopy ? Number(v.copies) : 1;
    if (v.units !== quantity.units || c !== quantity.copies) void save({ quantity: { units: v.units, copies: c } });
  });
  const enter = (e: { key: string; preventDefault(): void }) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void commit();
    }
  };
  return (
    <>
      <TextField
        id="fee-units"
        label={pages ? t('fee.unitsPages') : t('fee.units', { unit: fee.rule.unit ?? '' })}
        inputMode="numeric"
        {...bindField(form, 'units')}
        onBlur={() => void commit()}
        onKeyDown={enter}
        readOnly={readOnly}
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
          {...bindField(form, 'copies')}
          onBlur={() => void commit()}
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
  const schema = useMemo(() => overrideForm(t), [t]);
  const form = useContractForm(schema, {
    amount: fee.overrideVnd === null ? '' : String(fee.overrideVnd),
    reason: fee.overrideReason ?? '',
  });
  const submit = form.handleSubmit((v) => void save({ override: { amountVnd: v.amount, reason: v.reason } }));
  return (
    <form className="fee-panel__override" onSubmit={(e) => void submit(e)} noValidate aria-label={t('fee.overrideToggle')}>
      {fee.needsAmount ? <p className="notice notice--info">{t('fee.overrideNeeded')}</p> : null}
      <div className="grid grid--3">
        <TextField
          id="fee-override-amount"
          label={t('fee.overrideAmount')}
          inputMode="numeric"
          {...bindField(form, 'amount')}
          required={fee.needsAmount}
        />
        <TextField
          id="fee-override-reason"
          label={t('fee.overrideReason')}
          {...bindField(form, 'reason')}
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
