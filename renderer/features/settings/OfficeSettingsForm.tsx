// Admin form for the office details, idle lock timeout and receipt paper size (settings.update).
import { z } from 'zod';
import { officeSchema, settingsSchema, type Settings } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { bindField, useContractForm } from '../../ui/contract-form';
import { useFormSend } from '../../ui/use-form-send';
import { SelectField, TextField } from '../../ui/Field';
import { FormFooter } from '../../ui/FormFooter';

/** digits typed in a box ("100.000", "02") as the number the contract's own rule then checks */
const digits = (rule: z.ZodNumber) => z.string().transform((v) => Number(v.replace(/\D/g, '') || '0')).pipe(rule);

/** The contract's settings schema over the text the boxes hold: numbers typed as text, an empty phone left out. */
const officeForm = z.object({
  office: officeSchema.extend({
    phone: z
      .string()
      .trim()
      .transform((v) => v || undefined)
      .pipe(officeSchema.shape.phone),
  }),
  idleTimeoutMinutes: z.string().transform(Number).pipe(settingsSchema.shape.idleTimeoutMinutes),
  receiptPageSize: settingsSchema.shape.receiptPageSize,
  serviceChargeVnd: digits(settingsSchema.shape.serviceChargeVnd),
  counterNumber: digits(settingsSchema.shape.counterNumber),
});

function formOf(s: Settings): z.input<typeof officeForm> {
  return {
    office: { code: s.office.code, name: s.office.name, address: s.office.address, phone: s.office.phone ?? '' },
    idleTimeoutMinutes: String(s.idleTimeoutMinutes),
    receiptPageSize: s.receiptPageSize,
    serviceChargeVnd: String(s.serviceChargeVnd),
    counterNumber: String(s.counterNumber).padStart(2, '0'),
  };
}

export function OfficeSettingsForm({
  settings,
  onSaved,
}: {
  settings: Settings;
  onSaved(s: Settings): void;
}) {
  const api = useApi();
  const t = useT();
  const form = useContractForm(officeForm, formOf(settings));
  const { submit, ...sending } = useFormSend(form, async (input) => {
    const saved = await api.call('settings.update', input);
    form.reset(formOf(saved));
    onSaved(saved);
    return t('settings.saved');
  });

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="office-title">
      <h2 id="office-title" className="section-title">
        {t('settings.officeSection')}
      </h2>
      <div className="grid grid--3">
        <TextField
          id="settings-code"
          label={t('setup.officeCode')}
          {...bindField(form, 'office.code')}
          required
        />
        <TextField
          id="settings-name"
          label={t('setup.officeName')}
          {...bindField(form, 'office.name')}
          required
          frameClassName="span-2"
        />
        <TextField
          id="settings-address"
          label={t('setup.officeAddress')}
          {...bindField(form, 'office.address')}
          required
          frameClassName="span-2"
        />
        <TextField
          id="settings-phone"
          label={t('setup.officePhone')}
          type="tel"
          {...bindField(form, 'office.phone')}
        />
      </div>
      <h2 className="section-title">{t('settings.workSection')}</h2>
      <div className="grid grid--3">
        <TextField
          id="settings-idle"
          label={t('settings.idleTimeout')}
          type="number"
          min={1}
          max={240}
          {...bindField(form, 'idleTimeoutMinutes')}
          required
        />
        <SelectField
          id="settings-page-size"
          label={t('settings.receiptPageSize')}
          {...bindField(form, 'receiptPageSize')}
          options={[
            { value: 'A4', label: 'A4' },
            { value: 'A5', label: 'A5' },
          ]}
        />
        <TextField
          id="settings-service-charge"
          label={t('settings.serviceCharge')}
          hint={t('settings.serviceChargeHint')}
          inputMode="numeric"
          {...bindField(form, 'serviceChargeVnd')}
        />
        <TextField
          id="settings-counter"
          label={t('settings.counterNumber')}
          hint={t('settings.counterNumberHint')}
          inputMode="numeric"
          maxLength={2}
          {...bindField(form, 'counterNumber')}
        />
      </div>
      <FormFooter label={t('settings.save')} {...sending} />
    </form>
  );
}
