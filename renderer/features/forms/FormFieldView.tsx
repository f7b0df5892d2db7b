// One field of the form, built from its schema type: the right control, numbered label, source badge, inline message.
import { useController, useFormContext, useWatch } from 'react-hook-form';
import { ethnicities } from '../../../electron/common/ethnicities';
import type { AddressValue } from '../../../electron/common/forms/admin-units';
import { dateInWords } from '../../../electron/common/forms/date-words';
import { isFilled } from '../../../electron/common/forms/form-data';
import type { FieldDef } from '../../../electron/common/forms/form-schema';
import { useT } from '../../i18n/i18n-context';
import { DateField } from '../../ui/DateField';
import { SelectField, TextAreaField, TextField } from '../../ui/Field';
import { AddressField } from './AddressField';
import { useFormEditor, type FormValues } from './form-context';
import { dependentNames, fieldId, numberedLabel, rhfName } from './form-model';
import { formSourceProps } from './FormSourceMark';
import { nationalityOptions } from './nationalities';
import { SearchSelect } from './SearchSelect';

const ethnicityOptions = ethnicities.map((e) => ({ value: e.name, label: e.name, keys: e.aliases }));

/** Columns of the 12-column grid a field takes: its hint when the schema gives one, else by type; rows are denser. */
export function spanOf(field: FieldDef, inRow: boolean): number {
  const hinted = field.hints?.size;
  if (hinted) return hinted === 'short' ? (inRow ? 2 : 3) : hinted === 'medium' ? (inRow ? 3 : 6) : 12;
  const byType: Partial<Record<FieldDef['type'], number>> = inRow
    ? { textarea: 12, address: 12, multiChoice: 12, choice: 4, date: 2, monthYear: 2, time: 2, idNumber: 2, sex: 2, ethnicity: 2, nationality: 2, relationship: 2, phone: 2, email: 3, number: 2, checkbox: 3 }
    : { textarea: 12, address: 12, multiChoice: 12, choice: 6, date: 3, monthYear: 3, time: 3, idNumber: 3, sex: 3, ethnicity: 3, nationality: 3, relationship: 4, phone: 3, email: 4, number: 2, checkbox: 4 };
  return byType[field.type] ?? (inRow ? 4 : 6);
}

const asText = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The read-only "ghi bằng chữ" of a date, from the field it is computed from: text that wraps, not a box to type in. */
function ComputedField({ field, path }: { field: FieldDef; path: string }) {
  const from = field.computed?.from ?? '';
  const source: unknown = useWatch<FormValues>({ name: rhfName(from) });
  const id = fieldId(path);
  const text = typeof source === 'string' ? dateInWords(source) : '';
  return (
    <div className="field">
      <span id={`${id}-label`} className="field__label">
        {numberedLabel(field)}
      </span>
      <p id={id} className="form-computed" aria-labelledby={`${id}-label`} role="status">
        {text || '—'}
      </p>
    </div>
  );
}

export function FormFieldView({ field, path, inRow = false }: { field: FieldDef; path: string; inRow?: boolean }) {
  if (field.computed) {
    return (
      <div className={`form-cell form-span-${String(spanOf(field, inRow))}`}>
        <ComputedField field={field} path={path} />
      </div>
    );
  }
  return <LeafControl field={field} path={path} inRow={inRow} />;
}

function LeafControl({ field, path, inRow }: { field: FieldDef; path: string; inRow: boolean }) {
  const t = useT();
  const ctx = useFormEditor();
  const { control } = useFormContext<FormValues>();
  const { field: f, fieldState } = useController<FormValues>({ control, name: rhfName(path), rules: { deps: dependentNames(ctx.deps, path) } });
  const id = fieldId(path);
  const label = numberedLabel(field);
  const value: unknown = f.value;
  // a message shows once the field was visited or read into, or when everything is checked at once
  const rhfError = fieldState.error?.message;
  const error =
    (rhfError && (fieldState.isTouched || ctx.showAll || isFilled(value)) ? rhfError : undefined) ??
    ctx.extraProblems[path] ??
    (fieldState.isDirty ? undefined : ctx.portalProblems[path]);
  const source = formSourceProps({
    inputId: id,
    label: field.label,
    info: ctx.meta.sources[path],
    confirmed: ctx.meta.confirmed.includes(path),
    readOnly: ctx.readOnly,
    onConfirm: () => ctx.confirm([path]),
  });
  const change = (next: unknown) => {
    f.onChange(next);
    ctx.userEdited(path);
  };
  const common = { id, label, error, required: field.required, hint: field.help, onBlur: f.onBlur, ...source };
  const listId = field.hints?.suggestions ? `${id}-suggestions` : undefined;
  const span = spanOf(field, inRow);

  const controlOf = () => {
    switch (field.type) {
      case 'date':
        return (
          <DateField
            {...common}
            value={asText(value)}
            onValueChange={(iso) => iso !== asText(value) && change(iso)}
            readOnly={ctx.readOnly}
            allowYear={field.allowYearOnly ?? false}
            hint={field.help ?? (field.allowYearOnly ? t('form.dateOrYearHint') : undefined)}
          />
        );
      case 'sex':
        return (
          <SelectField
            {...common}
            value={asText(value)}
            onValueChange={change}
            disabled={ctx.readOnly}
            options={[
              { value: '', label: t('intake.sexUnset') },
              { value: 'male', label: t('intake.sexMale') },
              { value: 'female', label: t('intake.sexFemale') },
            ]}
          />
        );
      case 'choice':
        return (
          <SelectField
            {...common}
            value={asText(value)}
            onValueChange={change}
            disabled={ctx.readOnly}
            options={[{ value: '', label: t('form.choose') }, ...(field.choices ?? [])]}
          />
        );
      case 'ethnicity':
      case 'nationality':
        return (
          <SearchSelect
            {...common}
            value={asText(value)}
            options={field.type === 'ethnicity' ? ethnicityOptions : nationalityOptions}
            onValueChange={change}
            readOnly={ctx.readOnly}
            allowCustom={field.type === 'nationality'}
            emptyText={t('form.pick.none')}
          />
        );
      case 'address':
        return (
          <AddressField
            {...common}
            value={value}
            units={ctx.units}
            onValueChange={(a: AddressValue) => change(a)}
            readOnly={ctx.readOnly}
            allowText={field.allowText ?? false}
          />
        );
      case 'textarea':
        return <TextAreaField id={id} label={label} error={error} hint={field.help} value={asText(value)} onValueChange={change} onBlur={f.onBlur} readOnly={ctx.readOnly} rows={3} />;
      case 'checkbox':
        return (
          <label className="form-check">
            <input id={id} type="checkbox" checked={value === true} onChange={(e) => change(e.target.checked)} onBlur={f.onBlur} disabled={ctx.readOnly} />
            <span>{label}</span>
          </label>
        );
      case 'multiChoice': {
        const chosen = Array.isArray(value) ? (value as unknown[]) : [];
        return (
          <fieldset className="form-multi" id={id}>
            <legend className="field__label">{label}</legend>
            {(field.choices ?? []).map((c) => (
              <label key={c.value} className="form-check">
                <input
                  type="checkbox"
                  checked={chosen.includes(c.value)}
                  disabled={ctx.readOnly}
                  onChange={(e) => change(e.target.checked ? [...chosen, c.value] : chosen.filter((v) => v !== c.value))}
                />
                <span>{c.label}</span>
              </label>
            ))}
            {error ? <p className="field__error">{error}</p> : null}
          </fieldset>
        );
      }
      default:
        return (
          <TextField
            {...common}
            value={asText(value)}
            onValueChange={(text) => change(field.hints?.uppercase ? text.toUpperCase() : text)}
            readOnly={ctx.readOnly}
            autoComplete="off"
            list={listId}
            maxLength={field.maxLength ?? (field.type === 'idNumber' ? 16 : undefined)}
            inputMode={field.hints?.inputMode ?? (field.type === 'idNumber' || field.type === 'number' ? 'numeric' : field.type === 'phone' ? 'tel' : undefined)}
            placeholder={field.type === 'time' ? t('form.timePlaceholder') : field.type === 'monthYear' ? t('form.monthYearPlaceholder') : undefined}
            type={field.type === 'email' ? 'email' : 'text'}
          />
        );
    }
  };

  return (
    <div className={`form-cell form-span-${String(span)}`} data-path={path}>
      {controlOf()}
      {listId ? (
        <datalist id={listId}>
          {(field.hints?.suggestions ?? []).map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
    </div>
  );
}
