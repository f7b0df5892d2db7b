// Autosave of the declaration form: debounced forms.save, one at a time, checked against the version last seen.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StoredForm } from '../../../electron/common/forms/prefill';
import { useApi } from '../../api/api-context';
import { isApiError } from '../../api/client';
import { registerPendingSave } from '../../app/pending-saves';
import type { SaveState } from '../intake/use-autosave';

/** 600 ms, as the applicant's autosave: one save per typed word, a crash loses a few keystrokes at most. */
const SAVE_DELAY_MS = 600;

export type FormSaveState = SaveState | { kind: 'stale' } | { kind: 'needsReason' };

/** JSON with sorted keys: the same stored form reads the same whatever order its keys were written in. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
const contentOf = (s: Pick<StoredForm, 'data' | 'sources' | 'confirmed'>) => canonical({ data: s.data, sources: s.sources, confirmed: [...s.confirmed].sort() });

export type FormSave = {
  state: FormSaveState;
  schedule(): void;
  flush(): Promise<void>;
  /** after "stale": save this screen's form over the other one, knowingly */
  overwrite(): Promise<void>;
};

/**
 * Every save names the dossier version it was built on. The dossier's version also moves when the applicant, the
 * checklist or a page changes, so a refusal (CONFLICT) is looked into: when the saved form is still the one this
 * screen last saw, only other parts changed and the save is sent again on the new version; when the form itself was
 * changed elsewhere (another tab or PC), nothing is overwritten: the agent is told and chooses.
 */
export function useFormSave(opts: {
  dossierId: string;
  base: { dossierVersion: number; stored: StoredForm };
  current(): StoredForm;
  reason(): string | undefined;
  enabled: boolean;
  onSaved(result: { stored: StoredForm; dossierVersion: number }): void;
}): FormSave {
  const api = useApi();
  const [state, setState] = useState<FormSaveState>({ kind: 'idle' });
  const version = useRef(opts.base.dossierVersion);
  const seen = useRef(contentOf(opts.base.stored));
  const dirty = useRef(false);
  const stale = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const latest = useRef(opts);
  latest.current = opts;

  const send = useCallback(async (): Promise<void> => {
    const o = latest.current;
    const stored = o.current();
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const reason = o.reason();
        const result = await api.call('forms.save', {
          dossierId: o.dossierId, formId: stored.formId, version: stored.version, data: stored.data, sources: stored.sources,
          confirmed: stored.confirmed, expectedVersion: version.current, ...(reason ? { reason } : {}),
        });
        version.current = result.dossierVersion;
        seen.current = contentOf(result.stored);
        o.onSaved({ stored: result.stored, dossierVersion: result.dossierVersion });
        setState({ kind: 'saved', at: Date.now() });
        return;
      } catch (err) {
        if (isApiError(err) && err.code === 'FORM_REASON_REQUIRED') {
          dirty.current = true;
          setState({ kind: 'needsReason' });
          return;
        }
        if (!isApiError(err) || err.code !== 'CONFLICT') throw err;
        const fresh = await api.call('forms.get', { dossierId: o.dossierId });
        if (!fresh.stored || contentOf(fresh.stored) !== seen.current) {
          stale.current = true;
          dirty.current = true;
          setState({ kind: 'stale' });
          return;
        }
        version.current = fresh.dossierVersion ?? version.current; // only other parts of the dossier moved
      }
    }
  }, [api]);

  const flush = useCallback((): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!dirty.current || stale.current || !latest.current.enabled) return chain.current;
    dirty.current = false;
    chain.current = chain.current.then(async () => {
      setState({ kind: 'saving' });
      try {
        await send();
      } catch (err) {
        dirty.current = true; // kept: the next flush (or "Lưu lại") sends it again
        setState({ kind: 'error', error: err });
      }
    });
    return chain.current;
  }, [send]);

  const schedule = useCallback(() => {
    dirty.current = true;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
  }, [flush]);

  const overwrite = useCallback(async () => {
    const fresh = await api.call('forms.get', { dossierId: latest.current.dossierId });
    version.current = fresh.dossierVersion ?? version.current;
    seen.current = fresh.stored ? contentOf(fresh.stored) : seen.current;
    stale.current = false;
    dirty.current = true;
    await flush();
  }, [api, flush]);

  useEffect(() => {
    const unregister = registerPendingSave(flush);
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    const onPageHide = () => void flush();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      unregister();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
      void flush();
    };
  }, [flush]);

  return { state, schedule, flush, overwrite };
}
