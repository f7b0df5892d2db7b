// New dossier: search the national catalog (accents optional), pin frequent procedures, open an intake.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ProcedureSummary } from '../../../electron/common/catalog';
import { useApi } from '../../api/api-context';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session-context';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { ErrorNotice, InfoNotice } from '../../ui/Notice';
import { useDebouncedValue } from '../../ui/use-debounced';
import { ProcedureTable } from './ProcedureTable';

/** 150 ms: a search per pause in typing, not per keystroke; the catalog answers in well under that. */
const searchDelayMs = 150;

export function CatalogPicker() {
  const api = useApi();
  const t = useT();
  const [query, setQuery] = useState('');
  const debounced = useDebouncedValue(query.trim(), searchDelayMs);
  const [results, setResults] = useState<ProcedureSummary[] | null>(null);
  const [error, setError] = useState('');
  const [creating, setCreating] = useState<string | null>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const isAdmin = useSession().session.user.role === 'admin';

  useEffect(() => {
    let stale = false;
    api.call('catalog.search', { query: debounced, limit: 50 }).then(
      (found) => {
        if (stale) return;
        setResults(
          debounced === ''
            ? found.filter((p) => p.pinned)
            : [...found].sort((a, b) => Number(b.pinned) - Number(a.pinned)),
        );
        setError('');
      },
      (err: unknown) => {
        if (!stale) setError(errorText(err, t));
      },
    );
    return () => {
      stale = true;
    };
  }, [api, debounced, t]);

  async function togglePin(p: ProcedureSummary): Promise<void> {
    try {
      const { pinned } = await api.call('catalog.pin', { code: p.code, pinned: !p.pinned });
      setResults((list) => {
        if (!list) return list;
        const updated = list.map((x) => (x.code === p.code ? { ...x, pinned } : x));
        return debounced === '' ? updated.filter((x) => x.pinned || x.code === p.code) : updated;
      });
    } catch (err) {
      setError(errorText(err, t));
    }
  }

  async function choose(p: ProcedureSummary): Promise<void> {
    setCreating(p.code);
    setError('');
    try {
      const dossier = await api.call('dossiers.create', { procedureCode: p.code });
      await navigate({ name: 'intake', id: dossier.id });
    } catch (err) {
      setError(errorText(err, t));
      setCreating(null);
    }
  }

  function onSearchKey(e: KeyboardEvent<HTMLInputElement>): void {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      tableRef.current?.querySelector<HTMLButtonElement>('button[data-choose]')?.focus();
    } else if (e.key === 'Enter' && results && results.length === 1 && results[0]) {
      e.preventDefault();
      void choose(results[0]);
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
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onSearchKey}
            autoComplete="off"
            autoFocus
            data-search-box
            aria-describedby="catalog-search-hint"
            aria-controls="catalog-results"
          />
          <p id="catalog-search-hint" className="field__hint">
            {t('catalog.searchHint')}
          </p>
        </div>
        <ErrorNotice>{error}</ErrorNotice>
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
            onTogglePin={(p) => void togglePin(p)}
            onEdit={isAdmin ? (p) => void navigate({ name: 'catalogEdit', code: p.code }) : undefined}
          />
        )}
      </section>
    </div>
  );
}
