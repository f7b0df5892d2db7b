// "Đổi thủ tục": a draft opened under the wrong procedure is moved to another one, after a confirmation that says what
// happens to its pages, slot answers, case, fee and form (as electron/core/dossiers/draft-service.ts changeProcedure does).
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ProcedureSummary } from '../../../electron/common/catalog';
import type { CallOutput, DossierDetail } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import { useApiQuery } from '../../api/query';
import { useT } from '../../i18n/i18n-context';
import { Dialog } from '../../ui/Dialog';
import { errorText } from '../../ui/error-text';
import { useDebouncedValue } from '../../ui/use-debounced';

export type ProcedureChange = CallOutput<'dossiers.changeProcedure'>;

type ChangeProcedureProps = {
  detail: DossierDetail;
  /** the applicant typed so far goes out before the checklist is rebuilt */
  flush(): Promise<void>;
  onChanged(result: ProcedureChange): void;
};

/** The header's button and its dialog: pick the new procedure (search, arrows, Enter), then confirm. */
export function ChangeProcedureButton({ detail, flush, onChanged }: ChangeProcedureProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn--small btn--ghost" onClick={() => setOpen(true)}>
        {t('procedure.change')}
      </button>
      {open ? <ChangeProcedureDialog detail={detail} flush={flush} onChanged={onChanged} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ChangeProcedureDialog({ detail, flush, onChanged, onClose }: ChangeProcedureProps & { onClose(): void }) {
  const t = useT();
  const api = useApi();
  const [chosen, setChosen] = useState<ProcedureSummary | null>(null);
  const change = useMutation({
    mutationFn: async (code: string) => {
      await flush();
      // no expectedVersion: the save just flushed moved the version, and this call touches no field a window edits
      return api.call('dossiers.changeProcedure', { id: detail.id, procedureCode: code });
    },
    onSuccess: (result) => {
      onClose();
      onChanged(result);
    },
  });
  const title = chosen ? t('procedure.changeConfirmTitle', { name: chosen.name }) : t('procedure.changeTitle', { code: detail.localCode });
  return (
    <Dialog title={title} onClose={onClose} role={chosen ? 'alertdialog' : 'dialog'}>
      {chosen ? (
        <ChangeConfirm
          detail={detail}
          busy={change.isPending}
          onBack={() => {
            change.reset();
            setChosen(null);
          }}
          onConfirm={() => change.mutate(chosen.code)}
        />
      ) : (
        <ProcedureSearch currentCode={detail.procedureCode} onChoose={setChosen} />
      )}
      {change.error ? (
        <p className="notice notice--error" role="alert">
          {errorText(change.error, t)}
        </p>
      ) : null}
    </Dialog>
  );
}

/** 150 ms: as the catalog picker, a search per pause in typing. */
const searchDelayMs = 150;

function ProcedureSearch({ currentCode, onChoose }: { currentCode: string; onChoose(p: ProcedureSummary): void }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const typed = useDebouncedValue(query.trim(), searchDelayMs);
  const search = useApiQuery('catalog.search', { query: typed, limit: 9 }, { keepPrevious: true, enabled: typed !== '' });
  const hits = (search.data ?? []).filter((p) => p.code !== currentCode).slice(0, 8);
  const list = useRef<HTMLUListElement>(null);
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'ArrowDown') return;
    e.preventDefault();
    list.current?.querySelector<HTMLButtonElement>('button')?.focus();
  };
  return (
    <>
      <div className="field field--search">
        <label htmlFor="change-procedure-search" className="field__label">
          {t('procedure.changeSearch')}
        </label>
        <input
          id="change-procedure-search"
          type="search"
          className="input"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKey}
          autoComplete="off"
          data-autofocus
          aria-describedby="change-procedure-hint"
        />
        <p id="change-procedure-hint" className="field__hint">
          {t('procedure.changeSearchHint')}
        </p>
      </div>
      {typed !== '' && search.data && hits.length === 0 ? (
        <p className="muted" role="status">
          {t('procedure.changeNoResults', { query: typed })}
        </p>
      ) : null}
      {search.error ? <p className="notice notice--error">{errorText(search.error, t)}</p> : null}
      <ul className="move-targets" ref={list} aria-label={t('procedure.changeSearch')}>
        {typed === '' ? null : hits.map((p) => (
          <li key={p.code}>
            <button type="button" className="btn btn--secondary move-targets__choice" onClick={() => onChoose(p)}>
              {p.name} <span className="muted mono">({p.code})</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function ChangeConfirm({ detail, busy, onBack, onConfirm }: { detail: DossierDetail; busy: boolean; onBack(): void; onConfirm(): void }) {
  const t = useT();
  const back = useRef<HTMLButtonElement>(null);
  const pages = detail.components.reduce((n, c) => n + c.pages.length, 0);
  // the confirmation opens on "Chọn thủ tục khác": Enter never rebuilds the checklist by accident
  useEffect(() => back.current?.focus(), []);
  return (
    <>
      <p>{t('procedure.changeFrom', { code: detail.localCode, name: detail.procedureName })}</p>
      <ul>
        <li>{t('procedure.changeKeeps', { count: pages })}</li>
        <li>{t('procedure.changePages')}</li>
        <li>{t('procedure.changeAnswers')}</li>
        <li>{t('procedure.changeForm')}</li>
      </ul>
      <div className="form__actions">
        <button type="button" className="btn btn--ghost" ref={back} onClick={onBack} disabled={busy}>
          {t('procedure.changeBack')}
        </button>
        <button type="button" className="btn btn--primary" onClick={onConfirm} disabled={busy}>
          {t('procedure.changeConfirm')}
        </button>
      </div>
    </>
  );
}

/** Said after "Đổi thủ tục", and focused: the button that opened the dialog is gone with the old editor. */
export function ProcedureChangedNotice({ change }: { change: ProcedureChange }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="notice notice--info" role="status" tabIndex={-1} ref={ref}>
      <p>{t('procedure.changed', { name: change.detail.procedureName })}</p>
      {change.moved.length > 0 ? (
        <ul>
          {change.moved.map((m) => (
            <li key={m.from}>{t('procedure.movedOther', { count: m.pages, from: m.from })}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
