// An address of the form: province -> commune pickers over the shipped 2025 units, the house/street, or free text.
import { useMemo } from 'react';
import type { AddressValue, AdminUnits } from '../../../electron/common/forms/admin-units';
import { useT } from '../../i18n/i18n-context';
import { TextField, type FieldExtras } from '../../ui/Field';
import { detailOfOldAddress } from './form-prefill';
import { SearchSelect, type PickOption } from './SearchSelect';

type AddressFieldProps = FieldExtras & {
  id: string;
  label: string;
  value: unknown;
  units: AdminUnits;
  onValueChange(value: AddressValue): void;
  onBlur(): void;
  error?: string | undefined;
  required: boolean;
  readOnly: boolean;
  /** free text is a value too (nơi sinh abroad, quê quán by its old name) */
  allowText: boolean;
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function addressOf(value: unknown): AddressValue {
  if (typeof value === 'string') return value.trim() === '' ? {} : { text: value };
  if (!isRecord(value)) return {};
  const out: AddressValue = {};
  for (const key of ['detail', 'communeCode', 'provinceCode', 'text'] as const) {
    const v = value[key];
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

export function AddressField(props: AddressFieldProps) {
  const { id, label, units, required, readOnly, allowText, error, warning } = props;
  const t = useT();
  const value = addressOf(props.value);
  const provinces = useMemo<PickOption[]>(() => units.provinces.map((p) => ({ value: p.code, label: p.name, keys: [p.short] })), [units]);
  const communes = useMemo<PickOption[]>(
    () => (value.provinceCode ? units.communesOf(value.provinceCode).map((c) => ({ value: c.code, label: c.name })) : []),
    [units, value.provinceCode],
  );
  const change = (next: AddressValue) => props.onValueChange(next);
  // a written address no current unit matches (an old card): shown until today's province and commune are picked
  const oldText = value.text && !value.communeCode ? value.text : '';
  const errorId = `${id}-error`;
  const warningId = `${id}-warning`;
  const extraIds = [error ? errorId : '', warning ? warningId : '', props.describedByIds ?? ''].filter(Boolean).join(' ') || undefined;

  function pickCommune(code: string): void {
    const commune = code ? units.commune(code) : null;
    if (!commune) return change({ ...value, communeCode: undefined });
    const detail = value.detail ?? (value.text ? detailOfOldAddress(value.text) : undefined);
    // the units are picked now: the old written form has done its job (its house/street part stays as the detail)
    change({ ...(detail ? { detail } : {}), communeCode: commune.code, provinceCode: commune.provinceCode });
  }

  return (
    <fieldset className={`form-address field${error ? ' field--invalid' : ''}`}>
      <legend className="field__label-row form-address__legend">
        <span className="field__label">{label}</span>
        {required ? <span className="field__required" aria-hidden="true">*</span> : null}
        {props.aside ? <span className="field__aside">{props.aside}</span> : null}
      </legend>
      {oldText && !allowText ? (
        <p className="form-address__old">{t('form.address.oldText', { text: oldText })}</p>
      ) : null}
      <div className="form-address__grid">
        <SearchSelect
          id={id}
          label={t('form.address.province')}
          value={value.provinceCode ?? ''}
          options={provinces}
          onValueChange={(code) => {
            const keep = value.communeCode && units.commune(value.communeCode)?.provinceCode === code;
            change({ ...value, provinceCode: code || undefined, communeCode: keep ? value.communeCode : undefined });
          }}
          onBlur={props.onBlur}
          readOnly={readOnly}
          describedByIds={extraIds}
          emptyText={t('form.pick.none')}
        />
        <SearchSelect
          id={`${id}-commune`}
          label={t('form.address.commune')}
          value={value.communeCode ?? ''}
          options={communes}
          onValueChange={pickCommune}
          onBlur={props.onBlur}
          readOnly={readOnly}
          disabled={!value.provinceCode}
          placeholder={value.provinceCode ? undefined : t('form.address.provinceFirst')}
          describedByIds={extraIds}
          emptyText={t('form.pick.none')}
        />
        <TextField
          id={`${id}-detail`}
          label={t('form.address.detail')}
          value={value.detail ?? ''}
          onValueChange={(detail) => change({ ...value, detail })}
          onBlur={props.onBlur}
          readOnly={readOnly}
          autoComplete="off"
          describedByIds={extraIds}
          frameClassName="form-address__detail"
        />
        {allowText ? (
          <TextField
            id={`${id}-text`}
            label={t('form.address.text')}
            value={value.text ?? ''}
            onValueChange={(text) => change({ ...value, text })}
            onBlur={props.onBlur}
            readOnly={readOnly}
            autoComplete="off"
            hint={t('form.address.textHint')}
            frameClassName="form-address__text"
          />
        ) : null}
      </div>
      {warning ? <p id={warningId} className="field__warning">{warning}</p> : null}
      {error ? <p id={errorId} className="field__error">{error}</p> : null}
    </fieldset>
  );
}
