// Admin: the office's own corrections of one procedure's checklist, fees and service charge, with history and conflicts.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CatalogDocument, CorrectionView } from '../../../electron/common/catalog';
import { formatVnd } from '../../../electron/common/format';
import { useApi } from '../../api/api-context';
import { apiKey, useApiQuery } from '../../api/query';
import { navigate } from '../../app/router';
import type { MessageKey } from '../../i18n/vi';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';
import { CorrectionHistory } from './CorrectionHistory';
import { CorrectionsTransfer } from './CorrectionsTransfer';
import { correctionFrom, draftFrom, draftProblems, type CorrectionDraft } from './correction-draft';
import { DocumentEditor } from './DocumentEditor';
import { FeeRuleEditor } from './FeeRuleEditor';
import './catalog-editor.css';

export function ChecklistEditorPage({ code }: { code: string }) {
  const api = useApi();
  const t = useT();
  const queries = useQueryClient();
  const viewQuery = useApiQuery('catalog.corrections.get', { code });
  const historyQuery = useApiQuery('catalog.corrections.history', { code });
  const view = viewQuery.data ?? null;
  const history = historyQuery.data ?? [];
  // the form starts from each correction read (first load, a save, an import); the agent's edits live here until then
  const [draft, setDraft] = useState<CorrectionDraft | null>(null);
  const [draftOf, setDraftOf] = useState<CorrectionView | null>(null);
  if (view && view !== draftOf) {
    setDraftOf(view);
    setDraft(draftFrom(view));
  }
  const [actionError, setError] = useState('');
  const loadFailed = viewQuery.error ?? historyQuery.error;
  const error = actionError || (loadFailed ? errorText(loadFailed, t) : '');
  const [saved, setSaved] = useState('');
  const [saving, setSaving] = useState(false);

  /** the correction and its history read again (after an import of corrections) */
  const reload = () => {
    void queries.invalidateQueries({ queryKey: ['catalog.corrections.get', { code }] });
    void queries.invalidateQueries({ queryKey: ['catalog.corrections.history', { code }] });
  };

  async function save(e?: FormEvent): Promise<void> {
    e?.preventDefault();
    if (!view || !draft || saving) return;
    const problems = draftProblems(draft);
    if (problems.length > 0) {
      setError(problems.map((k) => t(k as MessageKey)).join(' '));
      return;
    }
    setSaving(true);
    setError('');
    setSaved('');
    try {
      const next = await api.call('catalog.corrections.save', {
        correction: correctionFrom(view, draft),
        expectedVersion: view.version,
      });
      queries.setQueryData(apiKey('catalog.corrections.get', { code }), next);
      await queries.invalidateQueries({ queryKey: ['catalog.corrections.history', { code }] });
      setSaved(t('catalogEditor.saved', { version: next.version ?? 0 }));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setSaving(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLFormElement>): void {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void save();
    }
  }

  if (!view || !draft)
    return (
      <div className="catalog-editor">
        <ErrorNotice>{error}</ErrorNotice>
        {error ? null : <p className="muted">{t('common.loading')}</p>}
      </div>
    );

  const conflictFor = (target: string) => view.conflicts.find((c) => c.target === target)?.message ?? null;
  const modes = view.base.modes.map((m) => m.mode);
  const documentList = (docs: CatalogDocument[]) =>
    docs.map((doc) => {
      const d = draft.documents[doc.key];
      return d ? (
        <DocumentEditor
          key={doc.key}
          doc={doc}
          draft={d}
          modes={modes}
          conflict={conflictFor(`document:${doc.key}`)}
          onChange={(next) => setDraft({ ...draft, documents: { ...draft.documents, [doc.key]: next } })}
        />
      ) : null;
    });

  return (
    <div className="catalog-editor">
      <header className="page-header">
        <div className="page-header__main">
          <p className="muted small">
            <a href="#/intake" onClick={(e) => (e.preventDefault(), void navigate({ name: 'new' }))}>
              {t('catalogEditor.back')}
            </a>
          </p>
          <h1 className="page-header__title">{t('catalogEditor.title', { code: view.code })}</h1>
          <p className="catalog-editor__name">{view.base.name}</p>
          <p className="catalog-editor__layers">
            <span className={`tag${view.curated ? ' tag--good' : ''}`}>
              {view.curated ? t('catalogEditor.curated') : t('catalogEditor.parsed')}
            </span>{' '}
            {view.version !== null ? (
              <span className="tag">{t('catalogEditor.corrected', { version: view.version })}</span>
            ) : null}
          </p>
        </div>
      </header>
      {view.conflicts.length > 0 ? (
        <div className="notice notice--warn" role="alert">
          <p>{t('catalogEditor.conflicts', { count: view.conflicts.length })}</p>
          <ul>
            {view.conflicts.map((c) => (
              <li key={c.target}>{c.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form className="catalog-editor__form" onSubmit={(e) => void save(e)} onKeyDown={onKeyDown} aria-label={t('catalogEditor.formLabel')}>
        <section className="card" aria-labelledby="editor-docs-title">
          <h2 id="editor-docs-title" className="section-title">
            {t('catalogEditor.documents')}
          </h2>
          <p className="muted small">{t('catalogEditor.documentsHint')}</p>
          {view.base.documents.length > 0 ? (
            <>
              <h3 className="section-subtitle">{t('catalogEditor.common')}</h3>
              {documentList(view.base.documents)}
            </>
          ) : null}
          {view.base.cases.map((c) => (
            <section key={c.key} aria-label={t('catalogEditor.caseLabel', { name: c.name })}>
              <h3 className="section-subtitle">{t('catalogEditor.case', { name: c.name })}</h3>
              {documentList(c.documents)}
            </section>
          ))}
        </section>
        <section className="card" aria-labelledby="editor-fees-title">
          <h2 id="editor-fees-title" className="section-title">
            {t('catalogEditor.fees')}
          </h2>
          {view.base.modes.map((m) => {
            const d = draft.fees[m.mode];
            return d && m.fee ? (
              <FeeRuleEditor
                key={m.mode}
                mode={m.mode}
                catalogRule={m.fee}
                draft={d}
                conflict={conflictFor(`mode:${m.mode}`)}
                onChange={(next) => setDraft({ ...draft, fees: { ...draft.fees, [m.mode]: next } })}
              />
            ) : null;
          })}
          <fieldset className="fieldset">
            <legend className="fieldset__legend">{t('catalogEditor.serviceCharge')}</legend>
            <label className="check">
              <input
                type="checkbox"
                checked={!draft.serviceCharge.override}
                onChange={(e) => setDraft({ ...draft, serviceCharge: { ...draft.serviceCharge, override: !e.target.checked } })}
              />
              {t('catalogEditor.serviceChargeDefault', { amount: formatVnd(view.defaultServiceChargeVnd) })}
            </label>
            {draft.serviceCharge.override ? (
              <TextField
                id="service-charge"
                label={t('catalogEditor.serviceChargeAmount')}
                inputMode="numeric"
                value={draft.serviceCharge.amount}
                onValueChange={(amount) => setDraft({ ...draft, serviceCharge: { ...draft.serviceCharge, amount } })}
              />
            ) : null}
          </fieldset>
        </section>
        <div className="catalog-editor__bar" role="group" aria-label={t('catalogEditor.saveSection')}>
          <TextField
            id="correction-note"
            label={t('catalogEditor.note')}
            placeholder={t('catalogEditor.noteHint')}
            value={draft.note}
            maxLength={500}
            onValueChange={(note) => setDraft({ ...draft, note })}
            frameClassName="catalog-editor__note"
          />
          <div className="catalog-editor__actions">
            <button type="submit" className="btn btn--primary" disabled={saving} aria-keyshortcuts="Control+S">
              {saving ? t('catalogEditor.saving') : t('catalogEditor.save')}
            </button>
            <button type="button" className="btn btn--ghost" disabled={saving} onClick={() => setDraft(draftFrom(view))}>
              {t('catalogEditor.reset')}
            </button>
          </div>
          <div className="catalog-editor__status">
            <ErrorNotice>{error}</ErrorNotice>
            {saved ? (
              <p className="muted small" role="status">
                {saved}
              </p>
            ) : (
              <p className="muted small">{t('catalogEditor.saveShortcut')}</p>
            )}
          </div>
        </div>
      </form>
      <CorrectionHistory versions={history} current={view.version} />
      <CorrectionsTransfer onImported={reload} />
    </div>
  );
}
