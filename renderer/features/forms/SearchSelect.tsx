// A searchable pick list (combobox): accent-insensitive type-ahead over dân tộc, quốc tịch, provinces and communes.
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { describedBy, FieldFrame, type FieldExtras } from '../../ui/Field';
import { filterOptions, exactOption, type PickOption } from './pick-filter';

export type { PickOption } from './pick-filter';

type SearchSelectProps = FieldExtras & {
  id: string;
  label: string;
  value: string;
  options: readonly PickOption[];
  onValueChange(value: string): void;
  onBlur?(): void;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  readOnly?: boolean;
  disabled?: boolean;
  /** a value outside the list is kept as typed (quốc tịch) */
  allowCustom?: boolean;
  placeholder?: string;
  frameClassName?: string;
  /** what the empty list says ("Không có xã/phường nào khớp") */
  emptyText: string;
};

export function SearchSelect(props: SearchSelectProps) {
  const { id, label, value, options, onValueChange, error, hint, required, readOnly, disabled, allowCustom, frameClassName } = props;
  const listId = useId();
  const labelOf = useMemo(() => new Map(options.map((o) => [o.value, o.label])), [options]);
  const shownValue = labelOf.get(value) ?? value;
  const [text, setText] = useState(shownValue);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => (open ? filterOptions(options, text === shownValue ? '' : text) : []), [open, options, text, shownValue]);

  // follow the value when it changes from outside (a reading, a reload), not while the agent types
  useEffect(() => {
    if (!open) setText(shownValue);
  }, [shownValue, open]);

  function choose(option: PickOption | undefined): void {
    setOpen(false);
    if (option) {
      setText(option.label);
      if (option.value !== value) onValueChange(option.value);
    }
  }

  function settle(): void {
    setOpen(false);
    const typed = text.trim();
    if (typed === '') {
      if (value !== '') onValueChange('');
      return;
    }
    const exact = exactOption(options, typed);
    if (exact) return choose(exact);
    if (allowCustom) {
      if (typed !== value) onValueChange(typed);
      return;
    }
    setText(shownValue); // not in the list: the choice stays what it was
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) return setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (matches.length === 0 ? 0 : (a + step + matches.length) % matches.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (open && matches.length > 0 && text !== shownValue) {
        // Enter picks the highlighted option; the form's own Enter (confirm, next field) waits for the next one
        e.stopPropagation();
        return choose(matches[Math.min(active, matches.length - 1)]);
      }
      settle();
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
      setText(shownValue);
    }
  }

  const activeId = open && matches.length > 0 ? `${listId}-${String(Math.min(active, matches.length - 1))}` : undefined;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required ?? false} className={frameClassName} aside={props.aside} warning={props.warning}>
      <div className="pick">
        <input
          id={id}
          className="input pick__input"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeId}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error, { warning: props.warning, ids: props.describedByIds })}
          autoComplete="off"
          placeholder={props.placeholder}
          value={text}
          readOnly={readOnly}
          disabled={disabled}
          required={required}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            settle();
            props.onBlur?.();
          }}
        />
        {open && matches.length === 0 ? (
          <p className="pick__list pick__empty" role="status">
            {props.emptyText}
          </p>
        ) : null}
        <ul id={listId} role="listbox" aria-label={label} className="pick__list" hidden={!open || matches.length === 0}>
          {matches.map((o, i) => (
            <li
              key={o.value}
              id={`${listId}-${String(i)}`}
              role="option"
              aria-selected={i === Math.min(active, matches.length - 1)}
              className="pick__option"
              // mousedown, not click: the input keeps focus and its blur does not undo the choice
              onMouseDown={(e) => {
                e.preventDefault();
                choose(o);
              }}
            >
              {o.label}
            </li>
          ))}
        </ul>
      </div>
    </FieldFrame>
  );
}
