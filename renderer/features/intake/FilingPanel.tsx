// Filing mode (with each mode's fee and deadline) and how the citizen receives the result; the fee itself is FeePanel's.
import type { ProcedureMode } from '../../../electron/common/catalog';
import type { Delivery, FilingMode } from '../../../electron/common/contract';
import { useT } from '../../i18n/i18n-context';
import { SelectField, TextAreaField, TextField } from '../../ui/Field';
import { deadlineLabel, modeFeeLabel } from './fee';

type FilingPanelProps = {
  modes: ProcedureMode[];
  mode: FilingMode;
  delivery: Delivery;
  onModeChange(mode: FilingMode): void;
  onDeliveryChange(change: (d: Delivery) => Delivery): void;
  onFieldBlur(field: string): void;
  problems: Partial<Record<string, string>>;
  readOnly: boolean;
};

export function FilingPanel({
  modes,
  mode,
  delivery,
  onModeChange,
  onDeliveryChange,
  onFieldBlur,
  problems,
  readOnly,
}: FilingPanelProps) {
  const t = useT();
  const current = modes.find((m) => m.mode === mode);
  const options = modes.length > 0 ? modes : [{ mode, feeVnd: null, fee: undefined } as const];
  return (
    <fieldset className="fieldset fieldset--card">
      <legend className="fieldset__legend">{t('intake.filingSection')}</legend>
      <div className="grid grid--3">
        <SelectField
          id="filing-mode"
          label={t('intake.mode')}
          value={mode}
          disabled={readOnly}
          onValueChange={(value) => onModeChange(value as FilingMode)}
          options={options.map((m) => ({
            value: m.mode,
            label: t('intake.modeOption', { mode: t(`mode.${m.mode}`), fee: modeFeeLabel(m, t) }),
          }))}
          hint={current ? t('intake.modeDeadline', { deadline: deadlineLabel(current, t) }) : undefined}
          frameClassName="span-2"
        />
      </div>
      <fieldset className="radio-group" disabled={readOnly}>
        <legend className="field__label">{t('intake.delivery')}</legend>
        {(['counter', 'post'] as const).map((method) => (
          <label key={method} className="radio">
            <input
              type="radio"
              name="delivery-method"
              value={method}
              checked={delivery.method === method}
              onChange={() => onDeliveryChange((d) => ({ ...d, method }))}
            />
            <span>{method === 'counter' ? t('intake.deliveryCounter') : t('intake.deliveryPost')}</span>
          </label>
        ))}
      </fieldset>
      {delivery.method === 'post' ? (
        <div className="grid grid--3">
          <TextAreaField
            id="delivery-address"
            label={t('intake.deliveryAddress')}
            value={delivery.address ?? ''}
            onValueChange={(address) => onDeliveryChange((d) => ({ ...d, address }))}
            onBlur={() => onFieldBlur('delivery.address')}
            error={problems['delivery.address']}
            readOnly={readOnly}
            rows={2}
            required
          />
          <TextField
            id="delivery-recipient"
            label={t('intake.deliveryRecipient')}
            value={delivery.recipientName ?? ''}
            onValueChange={(recipientName) => onDeliveryChange((d) => ({ ...d, recipientName }))}
            readOnly={readOnly}
            autoComplete="off"
          />
          <TextField
            id="delivery-phone"
            label={t('intake.deliveryPhone')}
            type="tel"
            value={delivery.phone ?? ''}
            onValueChange={(phone) => onDeliveryChange((d) => ({ ...d, phone }))}
            readOnly={readOnly}
            autoComplete="off"
          />
        </div>
      ) : null}
    </fieldset>
  );
}
