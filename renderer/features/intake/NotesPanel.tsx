// "Lưu ý": the procedure's rules for the receiving officer (and the chosen case's), beside the checklist, collapsible.
import { useId, useState } from 'react';
import type { DossierDetail } from '../../../electron/common/contract';
import { useT } from '../../i18n/i18n-context';

export function NotesPanel({ notes }: { notes: DossierDetail['notes'] }) {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(true);
  if (notes.length === 0) return null;
  return (
    <aside
      className={`card notes-panel${open ? '' : ' notes-panel--closed'}`}
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`} className="notes-panel__title">
        <button
          type="button"
          className="notes-panel__toggle"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => setOpen((o) => !o)}
        >
          <span aria-hidden="true" className="notes-panel__chevron">
            {open ? '▾' : '▸'}
          </span>
          {t('checklist.notesCount', { count: notes.length })}
        </button>
      </h2>
      <div id={`${id}-body`} hidden={!open}>
        <p className="muted small">{t('checklist.notesHint')}</p>
        <ul className="notes-panel__list">
          {notes.map((n, i) => (
            <li
              key={`${String(i)}-${n.text.slice(0, 20)}`}
              className={n.caseKey ? 'notes-panel__case' : undefined}
            >
              {n.text}
            </li>
          ))}
        </ul>
      </div>
    </aside>
  );
}
