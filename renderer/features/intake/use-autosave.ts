// Autosave of the intake form's react-hook-form values: debounced saveDraft calls, one at a time, flushed on blur, navigation and lock.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { CallOutput } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import { isApiError } from '../../api/client';
import { registerPendingSave } from '../../app/pending-saves';
import { sameIntakeFields, type IntakeDraft, type ServerDraft } from './stale-guard';

export type { IntakeDraft } from './stale-guard';
export type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: number } | { kind: 'error'; error: unknown };
export type SaveResult = CallOutput<'dossiers.saveDraft'>;

/** 600 ms: long enough that a fast typist causes one save per word, short enough that a crash loses a few keystrokes. */
export const autosaveDelayMs = 600;

export type Autosave = {
  /** the form's values as last changed (a copy: a new object on each change, for memos and children) */
  draft: IntakeDraft;
  state: SaveState;
  lastResult: SaveResult | null;
  flush(): Promise<void>;
  /** Drops the pending edit (the agent chose to load the newer copy another window saved instead). */
  discard(): void;
};

/** The form's values, copied: react-hook-form changes its own object in place. */
function snapshotOf(form: UseFormReturn<IntakeDraft>): IntakeDraft {
  return structuredClone(form.getValues());
}

/**
 * `form`: the intake form; its values are the draft. `server`: the dossier as last read. Every save names the version its edits started from; a save refused because
 * another window changed the applicant stays refused (shown, kept pending, never overwriting); a version moved on by
 * something else (a page, the fee, the form) is adopted and the save goes out (issue 13, two tabs).
 */
export function useAutosave(
  id: string,
  form: UseFormReturn<IntakeDraft>,
  enabled: boolean,
  server?: ServerDraft,
): Autosave {
  const api = useApi();
  const [initial] = useState(() => snapshotOf(form));
  const [draft, setDraft] = useState(initial);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [lastResult, setLastResult] = useState<SaveResult | null>(null);
  const latest = useRef(initial);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  // another window saved a newer applicant and this window's edit was refused: nothing goes out on its own any more
  // (not on blur, not on leaving) until the agent loads the newer copy; before, the blur of the click on
  // "Tải lại bản mới nhất" started a save that replaced the button under the pointer, and the reload never came
  const conflicted = useRef(false);
  // what this window's edits start from: the version and fields it loaded or last saved
  const base = useRef<{ version: number | undefined; fields: IntakeDraft }>({ version: server?.version, fields: initial });
  const serverVersion = server?.version;
  const serverDraft = useRef(server);
  serverDraft.current = server;
  useEffect(() => {
    const s = serverDraft.current;
    if (!s || base.current.version === undefined || s.version <= base.current.version) return;
    if (sameIntakeFields(base.current.fields, s.draft, s.subjectFromForm)) base.current = { ...base.current, version: s.version };
  }, [serverVersion]);

  const save = useCallback(
    async (snapshot: IntakeDraft, retried: boolean): Promise<SaveResult> => {
      try {
        const result = await api.call('dossiers.saveDraft', { id, ...snapshot, expectedVersion: base.current.version });
        base.current = { version: result.version, fields: snapshot };
        return result;
      } catch (err) {
        if (retried || !isApiError(err) || err.code !== 'CONFLICT') throw err;
        // newer on the server: adopt it only when what this window edits is untouched there
        const fresh = await api.call('dossiers.get', { id });
        const freshDraft: IntakeDraft = {
          applicant: fresh.applicant,
          delivery: fresh.delivery,
          mode: fresh.mode,
          subjectName: fresh.subject?.name ?? '',
        };
        if (!sameIntakeFields(base.current.fields, freshDraft, fresh.subject?.fromForm ?? false)) throw err;
        base.current = { ...base.current, version: fresh.version };
        return save(snapshot, true);
      }
    },
    [api, id],
  );

  const flush = useCallback((): Promise<void> => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    if (!dirty.current || conflicted.current) return chain.current;
    dirty.current = false;
    const snapshot = latest.current;
    // saves run one after another so an older draft can never overwrite a newer one
    chain.current = chain.current.then(async () => {
      setState({ kind: 'saving' });
      try {
        const result = await save(snapshot, false);
        setLastResult(result);
        setState({ kind: 'saved', at: Date.now() });
      } catch (err) {
        dirty.current = true; // keep the edit pending: the next flush (or "Lưu lại") retries it
        if (isApiError(err) && err.code === 'CONFLICT') conflicted.current = true;
        setState({ kind: 'error', error: err });
      }
    });
    return chain.current;
  }, [save]);

  // every change of the form's values (typed, read from the card, confirmed) is saved after a pause
  useEffect(() => {
    if (!enabled) return undefined;
    const sub = form.watch(() => {
      const next = snapshotOf(form);
      if (JSON.stringify(next) === JSON.stringify(latest.current)) return;
      latest.current = next;
      setDraft(next);
      dirty.current = true;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), autosaveDelayMs);
    });
    return () => sub.unsubscribe();
  }, [enabled, form, flush]);

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
      void flush(); // leaving the screen: whatever is pending still goes out
    };
  }, [flush]);

  const discard = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    dirty.current = false;
  }, []);

  return { draft, state, lastResult, flush, discard };
}
