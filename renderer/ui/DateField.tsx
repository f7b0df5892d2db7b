// dd/MM/yyyy text input that reports yyyy-MM-dd (or '' when empty) and shows its own error for bad dates.
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n-context';
import { describedBy, FieldFrame, type FieldExtras } from './Field';
import { isoToDmy, parseDmy } from './dates';

type DateFieldProps = FieldExtras & {
  id: string;
  label: string;
  /** yyyy-MM-dd or '' */
  value: string;
  onValueChange(iso: string): void;
  onBlur?(): void;
  error?: string | undefined;
  required?: boolean;
  readOnly?: boolean;
  frameClassName?: string;
  /** the dd/mm/yyyy hint under the box; the placeholder says the same, so dense filter bars leave it out */
  showHint?: boolean;
  /** extra guidance shown under the box (replaces the format hint) */
  hint?: string | undefined;
  /** a bare year (yyyy) is a value too ("Năm sinh" of a parent): reported as "1987" */
  allowYear?: boolean;
};

export function DateField({
  id,
  label,
  value,
  onValueChange,
  onBlur,
  error,
  required,
  readOnly,
  frameClassName,
  showHint = true,
  hint: extraHint,
  allowYear = false,
  aside,
  warning,
  describedByIds,
}: DateFieldProps) {
  const t = useT();
  const [text, setText] = useState(() => isoToDmy(value));
  const [bad, setBad] = useState(false);
  const parse = (typed: string) => parseDmy(typed) ?? (allowYear && /^\d{4}$/.test(typed.trim()) ? typed.trim() : null);

  // follow the value when it changes from outside (a reset, a reload), not while the agent types
  useEffect(() => {
    setText((current) =>
      parse(current) === value || (value === '' && current.trim() === '') ? current : isoToDmy(value),
    );
  }, [value]);

  function change(next: string): void {
    setText(next);
    const iso = parse(next);
    if (iso) {
      setBad(false);
      onValueChange(iso);
    } else if (next.trim() === '') {
      setBad(false);
      onValueChange('');
    }
  }

  function blur(): void {
    const iso = parse(text);
    setBad(text.trim() !== '' && iso === null);
    if (iso) setText(isoToDmy(iso));
    onBlur?.();
  }

  const shownError = bad ? t('common.invalidDate') : error;
  const hint = extraHint ?? (showHint ? t('common.dateFormatHint') : undefined);
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      error={shownError}
      required={required ?? false}
      className={frameClassName}
      aside={aside}
      warning={warning}
    >
      <input
        id={id}
        className="input input--date"
        inputMode="numeric"
        autoComplete="off"
        placeholder="dd/mm/yyyy"
        value={text}
        readOnly={readOnly}
        required={required}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={describedBy(id, hint, shownError, { warning, ids: describedByIds })}
        onChange={(e) => change(e.target.value)}
        onBlur={blur}
      />
    </FieldFrame>
  );
}
