// The case (trường hợp) picker before the checklist: a combobox that filters as the agent types, arrows move, Enter picks.
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { DossierDetail } from '../../../electron/common/contract';
import type { DossierCase, MovedPages } from '../../../electron/common/dossier-contract';
import { filterCases } from '../../../electron/common/case-filter';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { ErrorNotice } from '../../ui/Notice';

type CasePickerProps = {
  detail: DossierDetail;
  readOnly: boolean;
  /** saves pending edits first, so the case change does not race the autosave */
  flush(): Promise<void>;
  onPicked(detail: DossierDetail, moved: MovedPages): void;
};

export function CasePicker({ detail, readOnly, flush, onPicked }: CasePickerProps) {
  const api = useApi();
  const t = useT();
  const base = useId();
  const inputId = `${base}-case`;
  const listId = `${base}-cases`;
  const chosen = detail.cases.find((c) => c.key === detail.caseKey) ?? null;
  // null while the agent is not typing: the field then shows the chosen case
  const [query, setQuery] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  const [active, setActive] = useState(-1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const options = useMemo(() => filterCases(detail.cases, query ?? ''), [detail.cases, query]);
  // before a case is chosen the list stays open: it is the only thing to do on this part of the screen
  const open = !readOnly && (chosen === null || (focused && (query !== null || active >= 0)));
  const current = options[Math.min(Math.max(active, 0), options.length - 1)];

  async function pick(c: DossierCase | undefined): Promise<void> {
    if (!c || busy) return;
    setQuery(null);
    setActive(-1);
    if (c.key === detail.caseKey) return;
    setBusy(true);
    setError('');
    try {
      await flush();
      // the version as saved now (the autosave may just have moved it on)
      const fresh = await api.call('dossiers.get', { id: detail.id });
      const answer = await api.call('dossiers.setCase', {
        id: detail.id,
        caseKey: c.key,
        version: fresh.version,
      });
      onPicked(answer.detail, answer.moved);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) =>
        options.length === 0 ? -1 : (Math.max(i, step > 0 ? -1 : 0) + step + options.length) % options.length,
      );
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (open && active >= 0) void pick(current);
    } else if (e.key === 'Escape') {
      setQuery(null);
      setActive(-1);
    }
  }

  return (
    <section className="card case-picker" aria-labelledby={`${base}-title`}>
      <h2 id={`${base}-title`} className="section-title">
        {t('checklist.caseSection')}
      </h2>
      <p className="muted">
        {chosen ? t('checklist.caseChange') : t('checklist.casePick', { count: detail.cases.length })}
      </p>
      <div className="field case-picker__field">
        <label htmlFor={inputId} className="field__label">
          {t('checklist.caseLabel')}
        </label>
        <input
          id={inputId}
          className="input"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && current && active >= 0 ? `${listId}-${current.key}` : undefined}
          aria-describedby={`${inputId}-hint`}
          autoComplete="off"
          value={query ?? chosen?.name ?? ''}
          readOnly={readOnly}
          disabled={busy}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onFocus={(e) => {
            setFocused(true);
            e.target.select();
          }}
          onBlur={() => {
            setFocused(false);
            setQuery(null);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
        />
        <p id={`${inputId}-hint`} className="field__hint">
          {t('checklist.caseHint')}
        </p>
      </div>
      {open ? (
        <ul id={listId} role="listbox" aria-label={t('checklist.caseLabel')} className="case-picker__list">
          {options.map((c, i) => (
            <li
              key={c.key}
              id={`${listId}-${c.key}`}
              role="option"
              aria-selected={i === active}
              className={`case-picker__option${i === active ? ' case-picker__option--active' : ''}${c.key === detail.caseKey ? ' case-picker__option--chosen' : ''}`}
              // mousedown, not click: the field keeps focus and its blur does not close the list first
              onMouseDown={(e) => {
                e.preventDefault();
                void pick(c);
              }}
            >
              <span className="case-picker__name">{c.name}</span>
              {c.description ? <span className="case-picker__description">{c.description}</span> : null}
            </li>
          ))}
          {options.length === 0 ? (
            <li role="option" aria-selected={false} aria-disabled="true" className="case-picker__empty">
              {t('checklist.caseNone', { query: query ?? '' })}
            </li>
          ) : null}
        </ul>
      ) : chosen?.description ? (
        <p className="case-picker__chosen">{chosen.description}</p>
      ) : null}
      <ErrorNotice>{error}</ErrorNotice>
    </section>
  );
}
