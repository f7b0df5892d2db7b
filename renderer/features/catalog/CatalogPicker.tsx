// New dossier: search the national catalog (accents optional), pin frequent procedures, open an intake.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ProcedureSummary } from '../../../electron/common/catalog';
import { useApi } from '../../api/api-context';
import { useApiQuery } from '../../api/query';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session-context';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';
import { useDebouncedValue } from '../../ui/use-debounced';
import { ProcedureTable } from './ProcedureTable';

/** 150 ms: a search per pause in typing, not per keystroke; the catalog answers in well under that. */
const searchDelayMs = 150;

/** Ctrl+N (or "Hồ sơ mới") while the picker is already open: a fresh search, the old query cleared. */
export const NEW_DOSSIER_EVENT = 'dvc:new-dossier';

export function CatalogPicker() {
  const api = useApi();
  const t = useT();
  const queries = useQueryClient();
  const [query, setQuery] = useState('');
  const typed = useDebouncedValue(query.trim(), searchDelayMs);
  // Enter searches what is typed at once (no pause) and opens its top hit as soon as that answer is in
  const [entered, setEntered] = useState<string | null>(null);
  const debounced = entered ?? typed;
  const search = useApiQuery('catalog.search', { query: debounced, limit: 50 }, { keepPrevious: true });
  const [error, setError] = useState('');
  const [creating, setCreating] = useState<string | null>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const isAdmin = useSession().session.user.role === 'admin';
  // the server ranks the hits (pinned ones first among equals); with no query it lists the pinned procedures
  const results = search.data && !search.isPlaceholderData ? (debounced === '' ? search.data.filter((p) => p.pinned) : search.data) : search.data ? (debounced === '' ? search.data.filter((p) => p.pinned) : search.data) : null;
  const shownError = error || (search.error ? errorText(search.error, t) : '');

  useEffect(() => {
    const fresh = () => {
      setQuery('');
      setEntered(null);
      setError('');
      searchRef.current?.focus();
    };
    window.addEventListener(NEW_DOSSIER_EVENT, fresh);
    return () => window.removeEventListener(NEW_DOSSIER_EVENT, fresh);
  }, []);

  const togglePin = useMutation({
    mutationFn: (p: ProcedureSummary) => api.call('catalog.pin', { code: p.code, pinned: !p.pinned }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['catalog.search'] }),
    onError: (err) => setError(errorText(err, t)),
  });

  const choose = useCallback(
    async (p: ProcedureSummary): Promise<void> => {
      setCreating(p.code);
      setError('');
      try {
        const dossier = await api.call('dossiers.create', { procedureCode: p.code });
        await navigate({ name: 'intake', id: dossier.id });
      } catch (err) {
        setError(errorText(err, t));
        setCreating(null);
      }
    },
    [api, t],
  );

  // the answer to what Enter searched has come: open its top hit
  const top = entered !== null && !search.isPlaceholderData && !search.isFetching ? results?.[0] : undefined;
  useEffect(() => {
    if (entered === null || search.isPlaceholderData || search.isFetching) return;
    setEntered(null);
    if (top && creating === null) void choose(top);
  }, [entered, top, search.isPlaceholderData, search.isFetching, creating, choose]);

  function onSearchKey(e: KeyboardEvent<HTMLInputElement>): void {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      tableRef.current?.querySelector<HTMLButtonElement>('button[data-choose]')?.focus();
    } else if (e.key === 'Enter' && query.trim() !== '') {
      e.preventDefault();
      setEntered(query.trim());
    }
  }

  const empty = debounced === '';
  return (
    <div className="catalog">
      <header className="page-header">
        <div className="page-header__main">
          <h1 className="page-header__title">{t('catalog.title')}</h1>
        </div>
      </header>
      <div className="card">
        <div className="field field--search">
          <label htmlFor="catalog-search" className="field__label">
            {t('catalog.search')}
          </label>
          <input
            id="catalog-search"
            type="search"
            className="input input--large"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setEntered(null);
            }}
            onKeyDown={onSearchKey}
            autoComplete="off"
            autoFocus
            ref={searchRef}
            data-search-box
            aria-describedby="catalog-search-hint"
            aria-controls="catalog-results"
          />
          <p id="catalog-search-hint" className="field__hint">
            {t('catalog.searchHint')}
          </p>
        </div>
        <ErrorNotice>{shownError}</ErrorNotice>
        {creating ? <InfoNotice>{t('catalog.creating')}</InfoNotice> : null}
      </div>
      <section className="card" aria-labelledby="catalog-results-title" id="catalog-results" ref={tableRef}>
        <h2 id="catalog-results-title" className="section-title">
          {empty ? t('catalog.pinned') : t('catalog.results')}
          {results && !empty ? (
            <span className="muted small"> · {t('catalog.resultCount', { count: results.length })}</span>
          ) : null}
        </h2>
        {results === null ? (
          <p className="muted">{t('common.loading')}</p>
        ) : results.length === 0 ? (
          <p className="muted" role="status">
            {empty ? t('catalog.noPinned') : t('catalog.noResults', { query: debounced })}
          </p>
        ) : (
          <ProcedureTable
            items={results}
            busyCode={creating}
            onChoose={(p) => void choose(p)}
            onTogglePin={(p) => togglePin.mutate(p)}
            onEdit={isAdmin ? (p) => void navigate({ name: 'catalogEdit', code: p.code }) : undefined}
          />
        )}
      </section>
    </div>
  );
}
