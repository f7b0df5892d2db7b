// The intake's declaration form (tờ khai), built from the dossier's form schema: fill, read in, confirm, save, print.
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { FormProvider } from 'react-hook-form';
import type { ApplicantDraft } from '../../../electron/common/applicant';
import type { DossierDetail } from '../../../electron/common/contract';
import { toVietnamIsoDate } from '../../../electron/common/format';
import { formFieldOfPortalPath } from '../../../electron/common/forms/form-paths';
import { leafFields } from '../../../electron/common/forms/form-definition';
import { getAt } from '../../../electron/common/forms/form-data';
import { unconfirmedPaths } from '../../../electron/common/forms/prefill';
import { useApi } from '../../api/api-context';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { ErrorNotice } from '../../ui/Notice';
import { usePortalFix } from '../intake/PortalFixNotice';
import { SaveStatus } from '../intake/SaveStatus';
import { FormEditorCtx, type FormEditorContext } from './form-context';
import { adminUnitsOf } from './form-model';
import { SectionView } from './FormNodes';
import { PrintFormButton } from './PrintFormButton';
import { useFormEditorState, type Loaded } from './use-form-editor';
import './forms.css';

/** What the intake screen asks of the form before "Đánh dấu sẵn sàng": null when it may go on, else why not. */
export type DeclarationHandle = { beforeReady(): Promise<string | null> };

type SectionProps = { detail: DossierDetail; editable: boolean; applicant: ApplicantDraft; ref?: Ref<DeclarationHandle | null> };

export function DeclarationSection({ detail, editable, applicant, ref }: SectionProps) {
  const api = useApi();
  const t = useT();
  const [loaded, setLoaded] = useState<Loaded | 'none' | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const status = detail.status;

  const load = useCallback(async () => {
    try {
      const v = await api.call('forms.get', { dossierId: detail.id, withAdminUnits: true });
      if (!v.stored || !v.adminUnits) return setLoaded('none');
      setLoaded({
        def: v.schema,
        units: adminUnitsOf(v.adminUnits),
        stored: v.stored,
        dossierVersion: v.dossierVersion ?? 0,
        reasonRequired: v.reasonRequired,
        today: toVietnamIsoDate(Date.now()),
      });
      setGeneration((g) => g + 1);
      setLoadError(null);
    } catch (err) {
      if (isApiError(err) && err.code === 'FORM_NOT_AVAILABLE') setLoaded('none');
      else setLoadError(err);
    }
  }, [api, detail.id]);
  // a status change (ready, returned) changes who may edit and whether an edit needs a reason
  useEffect(() => void load(), [load, status]);

  if (loaded === 'none') return null;
  if (loadError) return <ErrorNotice>{t('form.loadFailed', { message: errorText(loadError, t) })}</ErrorNotice>;
  if (!loaded) return <p aria-busy="true">{t('form.loading')}</p>;
  return <DeclarationEditor key={generation} loaded={loaded} detail={detail} editable={editable} applicant={applicant} handle={ref} reload={load} />;
}

type EditorProps = { loaded: Loaded; detail: DossierDetail; editable: boolean; applicant: ApplicantDraft; handle: Ref<DeclarationHandle | null> | undefined; reload(): Promise<void> };

function DeclarationEditor({ loaded, detail, editable, applicant, handle, reload }: EditorProps) {
  const t = useT();
  const { def } = loaded;
  const [reason, setReason] = useState('');
  const reasonRef = useRef(reason);
  reasonRef.current = reason;
  const editor = useFormEditorState({ dossierId: detail.id, loaded, readOnly: !editable, reason: () => reasonRef.current.trim() || undefined });
  const { form, meta, save, showAll } = editor;
  const portalFix = usePortalFix(detail);

  const portalProblems = useMemo(() => {
    const out: Record<string, string> = {};
    for (const f of portalFix?.fields ?? []) {
      const path = formFieldOfPortalPath(f.path);
      if (path) out[path] ??= f.message;
    }
    return out;
  }, [portalFix]);
  const pending = unconfirmedPaths(def, editor.current());
  const extraProblems: Record<string, string> = showAll ? Object.fromEntries(pending.map((p) => [p, t('form.unconfirmedField')])) : {};

  const ctx: FormEditorContext = {
    def, units: loaded.units, dossier: detail, applicant, readOnly: !editable, meta, showAll, extraProblems, portalProblems,
    deps: editor.deps, userEdited: editor.userEdited, confirm: editor.confirm, applyReadings: editor.applyReadings, rowRemoved: editor.rowRemoved,
  };

  const defaults = useMemo(() => new Set(leafDefaults(def)), [def]);

  useImperativeHandle(handle, () => ({
    async beforeReady() {
      await save.flush();
      const stored = editor.current();
      // never touched: the citizen's paper declaration is scanned instead (core checks the same way)
      if (Object.keys(stored.sources).length === 0 && !hasOwnInput(def, stored.data, defaults)) return null;
      const count = await editor.checkAll();
      return count > 0 ? t('form.fixBeforeReady', { count }) : null;
    },
  }));

  function onKeyDown(e: KeyboardEvent<HTMLFormElement>): void {
    if (e.key !== 'Enter' || !(e.target instanceof HTMLInputElement) || e.target.type === 'checkbox' || e.target.type === 'file') return;
    e.preventDefault();
    const cell = e.target.closest('[data-path]');
    const path = cell?.getAttribute('data-path');
    // Enter confirms a value read into this field, then moves on, as Tab would
    if (path && meta.sources[path] && !meta.confirmed.includes(path)) editor.confirm([path]);
    focusNextField(e.currentTarget, e.target);
    void save.flush();
  }

  const online = detail.mode === 'online';
  return (
    <section className="card form-declaration" aria-labelledby="form-title">
      <header className="form-declaration__head">
        <div>
          <h2 id="form-title" className="section-title">{sentenceCase(def.title)}</h2>
          <p className="muted small">
            {[def.formNumber, def.formNumberNote].filter(Boolean).join(' · ')}
          </p>
        </div>
        <div className="form-declaration__actions">
          {editable ? <FormSaveLine state={save.state} onRetry={() => void save.flush()} /> : null}
          <PrintFormButton dossierId={detail.id} beforePrint={save.flush} primary={!online} />
        </div>
      </header>
      <p className="muted small form-declaration__mode">{online ? t('form.onlineNote') : t('form.paperNote')}</p>
      {save.state.kind === 'stale' ? (
        <div className="notice notice--error form-stale" role="alert">
          <p>{t('form.stale')}</p>
          <div className="form__actions">
            <button type="button" className="btn btn--secondary btn--small" onClick={() => void reload()}>{t('form.staleReload')}</button>
            <button type="button" className="btn btn--ghost btn--small" onClick={() => void save.overwrite()}>{t('form.staleOverwrite')}</button>
          </div>
        </div>
      ) : null}
      {editable && loaded.reasonRequired ? (
        <div className="form-reason">
          <label htmlFor="form-reason" className="field__label">{t('form.reason')}</label>
          <input id="form-reason" className="input" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} onBlur={() => void save.flush()} />
          <p className={save.state.kind === 'needsReason' ? 'field__error' : 'field__hint'}>{t('form.reasonHint')}</p>
        </div>
      ) : null}
      <FormProvider {...form}>
        <FormEditorCtx.Provider value={ctx}>
          <form className="form-declaration__body" aria-label={def.title} noValidate onSubmit={(e) => e.preventDefault()} onKeyDown={onKeyDown}>
            {def.sections.map((s) => (
              <SectionView key={s.key} section={s} />
            ))}
          </form>
        </FormEditorCtx.Provider>
      </FormProvider>
      {editable ? (
        <div className="form-declaration__foot">
          <button type="button" className="btn btn--secondary" onClick={() => void editor.checkAll()}>{t('form.check')}</button>
          {pending.length > 0 ? <span className="muted small">{t('form.pendingCount', { count: pending.length })}</span> : null}
        </div>
      ) : null}
    </section>
  );
}

function FormSaveLine({ state, onRetry }: { state: ReturnType<typeof useFormEditorState>['save']['state']; onRetry(): void }) {
  const t = useT();
  if (state.kind === 'stale') return <p className="save-status save-status--error" role="status">{t('form.staleShort')}</p>;
  if (state.kind === 'needsReason') return <p className="save-status save-status--error" role="status">{t('form.reasonMissing')}</p>;
  return <SaveStatus state={state} onRetry={onRetry} />;
}

/** "TỜ KHAI ĐĂNG KÝ KHAI SINH" -> "Tờ khai đăng ký khai sinh": the paper's capitals read as shouting on screen. */
export function sentenceCase(title: string): string {
  if (title !== title.toUpperCase()) return title;
  const lower = title.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** Paths of fields with a schema default (Việt Nam, Kinh, today): not the agent's input. */
function leafDefaults(def: Loaded['def']): string[] {
  const out: string[] = [];
  const walk = (nodes: Loaded['def']['sections'][number]['nodes'], at: string) => {
    for (const n of nodes) {
      const path = at ? `${at}.${n.key}` : n.key;
      if (n.kind === 'group') walk(n.fields, path);
      else if (n.kind === 'field' && n.default !== undefined) out.push(path);
    }
  };
  walk(def.sections.flatMap((s) => s.nodes), '');
  return out;
}

/** Whether the agent put anything into the form beyond its defaults (a row, or a value of a field with no default). */
function hasOwnInput(def: Loaded['def'], data: Record<string, unknown>, defaults: ReadonlySet<string>): boolean {
  return leafFields(def).some(({ path }) => {
    if (path.includes('[]')) return (getAt(data, path.slice(0, path.indexOf('[]'))) as unknown[] | undefined)?.length;
    return !defaults.has(path) && getAt(data, path) !== undefined;
  });
}

/** The next field of the form after `from` (its first input), in the paper's order as laid out. */
function focusNextField(formEl: HTMLElement, from: HTMLElement): void {
  const controls = [...formEl.querySelectorAll<HTMLElement>('[data-path] input:not([type=hidden]):not([disabled]):not([tabindex="-1"]), [data-path] select:not([disabled]), [data-path] textarea')];
  const at = controls.indexOf(from);
  controls[at + 1]?.focus();
}
