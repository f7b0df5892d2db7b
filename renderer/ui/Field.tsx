// Labelled form controls: a real <label for>, hint and inline error wired with aria-describedby.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

type FieldFrameProps = {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  children: ReactNode;
  className?: string;
  /** beside the label, outside it (the accessible name stays the label): e.g. where a pre-filled value came from */
  aside?: ReactNode;
  /** something to check that is not an error (shown under the field, announced with it) */
  warning?: string | undefined;
};

/** Extra props every labelled control passes through to its frame. */
export type FieldExtras = {
  aside?: ReactNode;
  warning?: string | undefined;
  /** ids of more elements describing the control (e.g. a visually hidden "read from the ID card's QR") */
  describedByIds?: string | undefined;
};

export function describedBy(id: string, hint?: string, error?: string, extra?: { warning?: string | undefined; ids?: string | undefined }): string | undefined {
  const ids = [hint ? `${id}-hint` : '', extra?.warning ? `${id}-warning` : '', error ? `${id}-error` : '', extra?.ids ?? ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function FieldFrame({ id, label, hint, error, required, children, className, aside, warning }: FieldFrameProps) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <span className="field__label-row">
        <label htmlFor={id} className="field__label">
          {label}
        </label>
        {/* outside the label so the accessible name stays exactly the label text */}
        {required ? (
          <span className="field__required" aria-hidden="true">
            *
          </span>
        ) : null}
        {aside ? <span className="field__aside">{aside}</span> : null}
      </span>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {warning ? (
        <p id={`${id}-warning`} className="field__warning">
          {warning}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** What every labelled control takes besides its own element's attributes. */
type ControlProps = FieldExtras & {
  id: string;
  label: string;
  value: string;
  onValueChange(value: string): void;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean | undefined;
  frameClassName?: string;
};

/** Splits a control's props between its frame and its element (of class `className`), wiring hint, error, change. */
function splitControlProps<P extends ControlProps>(props: P, className: string) {
  const {
    id,
    label,
    value,
    onValueChange,
    hint,
    error,
    required,
    frameClassName,
    aside,
    warning,
    describedByIds,
    ...rest
  } = props;
  const frame = {
    id,
    label,
    hint,
    error,
    required: required ?? false,
    className: frameClassName,
    aside,
    warning,
  };
  const control = {
    ...rest,
    id,
    className,
    value,
    required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, hint, error, { warning, ids: describedByIds }),
    onChange: (e: { target: { value: string } }) => onValueChange(e.target.value),
  };
  return { frame, control };
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> & ControlProps;

export function TextField(props: TextFieldProps) {
  const { frame, control } = splitControlProps(props, 'input');
  return (
    <FieldFrame {...frame}>
      <input {...control} />
    </FieldFrame>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value' | 'id'> &
  ControlProps & { options: ReadonlyArray<{ value: string; label: string }> };

export function SelectField({ options, ...props }: SelectFieldProps) {
  const { frame, control } = splitControlProps(props, 'input');
  return (
    <FieldFrame {...frame}>
      <select {...control}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value' | 'id'> &
  Pick<ControlProps, 'id' | 'label' | 'value' | 'onValueChange' | 'hint' | 'error'>;

export function TextAreaField(props: TextAreaFieldProps) {
  const { frame, control } = splitControlProps(props, 'input input--area');
  return (
    <FieldFrame {...frame}>
      <textarea {...control} />
    </FieldFrame>
  );
}
