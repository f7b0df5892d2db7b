// Admin form for the office details, idle lock timeout and receipt paper size (settings.update).
import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { SelectField, TextField } from '../../ui/Field';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';

type Form = {
  code: string;
  name: string;
  address: string;
  phone: string;
  idle: string;
  pageSize: 'A4' | 'A5';
  serviceCharge: string;
  counter: string;
};

function formOf(s: Settings): Form {
  return {
    code: s.office.code,
    name: s.office.name,
    address: s.office.address,
    phone: s.office.phone ?? '',
    idle: String(s.idleTimeoutMinutes),
    pageSize: s.receiptPageSize,
    serviceCharge: String(s.serviceChargeVnd),
    counter: String(s.counterNumber).padStart(2, '0'),
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
  const [form, setForm] = useState<Form>(() => formOf(settings));
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (key: keyof Form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError('');
    setDone('');
    setFields({});
    try {
      const saved = await api.call('settings.update', {
        office: {
          code: form.code,
          name: form.name,
          address: form.address,
          ...(form.phone.trim() ? { phone: form.phone } : {}),
        },
        idleTimeoutMinutes: Number(form.idle),
        receiptPageSize: form.pageSize,
        serviceChargeVnd: Number(form.serviceCharge.replace(/\D/g, '') || '0'),
        counterNumber: Number(form.counter.replace(/\D/g, '') || '0'),
      });
      setForm(formOf(saved));
      setDone(t('settings.saved'));
      onSaved(saved);
    } catch (err) {
      setError(errorText(err, t));
      if (isApiError(err) && err.fields) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="office-title">
      <h2 id="office-title" className="section-title">
        {t('settings.officeSection')}
      </h2>
      <div className="grid grid--3">
        <TextField
          id="settings-code"
          label={t('setup.officeCode')}
          value={form.code}
          onValueChange={set('code')}
          error={fields['office.code']}
          required
        />
        <TextField
          id="settings-name"
          label={t('setup.officeName')}
          value={form.name}
          onValueChange={set('name')}
          error={fields['office.name']}
          required
          frameClassName="span-2"
        />
        <TextField
          id="settings-address"
          label={t('setup.officeAddress')}
          value={form.address}
          onValueChange={set('address')}
          error={fields['office.address']}
          required
          frameClassName="span-2"
        />
        <TextField
          id="settings-phone"
          label={t('setup.officePhone')}
          type="tel"
          value={form.phone}
          onValueChange={set('phone')}
          error={fields['office.phone']}
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
          value={form.idle}
          onValueChange={set('idle')}
          error={fields.idleTimeoutMinutes}
          required
        />
        <SelectField
          id="settings-page-size"
          label={t('settings.receiptPageSize')}
          value={form.pageSize}
          onValueChange={(v) => set('pageSize')(v === 'A5' ? 'A5' : 'A4')}
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
          value={form.serviceCharge}
          onValueChange={set('serviceCharge')}
          error={fields.serviceChargeVnd}
        />
        <TextField
          id="settings-counter"
          label={t('settings.counterNumber')}
          hint={t('settings.counterNumberHint')}
          inputMode="numeric"
          maxLength={2}
          value={form.counter}
          onValueChange={set('counter')}
          error={fields.counterNumber}
        />
      </div>
      <ErrorNotice>{error}</ErrorNotice>
      <InfoNotice>{done}</InfoNotice>
      <div className="form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t('settings.save')}
        </button>
      </div>
    </form>
  );
}
