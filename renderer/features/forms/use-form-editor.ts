// The declaration form's state: react-hook-form values checked by the shared validator, readings, confirmation, save.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { AdminUnits } from '../../../electron/common/forms/admin-units';
import type { FormDefinition } from '../../../electron/common/forms/form-definition';
import { getAt } from '../../../electron/common/forms/form-data';
import type { PrefillValue, StoredForm } from '../../../electron/common/forms/prefill';
import { unconfirmedPaths } from '../../../electron/common/forms/prefill';
import type { FormValues } from './form-context';
import { dataOf, fieldId, paperRank, problemsOf, rhfName, ruleDependencies } from './form-model';
import { formResolver } from './form-resolver';
import { confirmPaths, forgetPath, mergeReadings, normalizeReadings, shiftRows, type FormMeta } from './form-prefill';
import { useFormSave } from './use-form-save';

export type Loaded = { def: FormDefinition; units: AdminUnits; stored: StoredForm; dossierVersion: number; reasonRequired: boolean; today: string };

/** The first element to give focus to among the fields under `prefix`: the first one still empty. */
function firstEmptyUnder(def: FormDefinition, data: unknown, prefix: string, paths: readonly string[]): string | undefined {
  const rank = paperRank(def);
  return paths
    .filter((p) => p.startsWith(`${prefix}.`) && getAt(data, p) === undefined)
    .sort((a, b) => rank(a) - rank(b))[0];
}

export function useFormEditorState(opts: { dossierId: string; loaded: Loaded; readOnly: boolean; reason(): string | undefined }) {
  const { def, units, today } = opts.loaded;
  const resolver = useMemo(() => formResolver(def, units, today), [def, units, today]);
  const form = useForm<FormValues>({ defaultValues: opts.loaded.stored.data, resolver, mode: 'onTouched', reValidateMode: 'onChange' });
  const [meta, setMetaState] = useState<FormMeta>({ sources: opts.loaded.stored.sources, confirmed: opts.loaded.stored.confirmed });
  const metaRef = useRef(meta);
  const [showAll, setShowAll] = useState(false);
  const deps = useMemo(() => ruleDependencies(def), [def]);

  const current = useCallback(
    (): StoredForm => ({ formId: def.id, version: def.version, data: dataOf(def, form.getValues(), units), ...metaRef.current }),
    [def, units, form],
  );
  const save = useFormSave({
    dossierId: opts.dossierId,
    base: { dossierVersion: opts.loaded.dossierVersion, stored: opts.loaded.stored },
    current,
    reason: opts.reason,
    enabled: !opts.readOnly,
    onSaved: () => undefined,
  });
  const { schedule } = save;

  const setMeta = useCallback(
    (next: FormMeta) => {
      if (next === metaRef.current) return;
      metaRef.current = next;
      setMetaState(next);
      schedule();
    },
    [schedule],
  );

  // every edit, typed or read, is saved after a short pause
  useEffect(() => {
    const sub = form.watch(() => schedule());
    return () => sub.unsubscribe();
  }, [form, schedule]);

  const userEdited = useCallback((path: string) => setMeta(forgetPath(metaRef.current, path)), [setMeta]);
  const confirm = useCallback((paths: readonly string[]) => setMeta(confirmPaths(metaRef.current, paths)), [setMeta]);
  const rowRemoved = useCallback((repeatPath: string, index: number) => setMeta(shiftRows(metaRef.current, repeatPath, index)), [setMeta]);

  const applyReadings = useCallback(
    (values: Record<string, PrefillValue>, focusWithin?: string): string[] => {
      const before = current();
      const { stored: next, applied } = mergeReadings(before, normalizeReadings(def, values, units));
      for (const path of applied) {
        form.setValue(rhfName(path), getAt(next.data, path), { shouldDirty: true, shouldTouch: true, shouldValidate: true });
      }
      setMeta({ sources: next.sources, confirmed: next.confirmed });
      if (focusWithin) {
        // keyboard-first: after a reading, on to the first field of that person still to fill, else its "Xác nhận tất cả"
        setTimeout(() => {
          const empty = firstEmptyUnder(def, next.data, focusWithin, Object.keys(values).concat(personLeaves(def, focusWithin)));
          const target = empty ? document.getElementById(fieldId(empty)) : document.querySelector<HTMLElement>(`[data-path-tools="${focusWithin}"] .form-person-tools__confirm`);
          target?.focus();
        }, 0);
      }
      return applied;
    },
    [current, def, units, form, setMeta],
  );

  /** Every problem at once, focus on the first (paper order); returns how many things need the agent. */
  const checkAll = useCallback(async (): Promise<number> => {
    await form.trigger();
    setShowAll(true);
    const stored = current();
    const problems = problemsOf(def, form.getValues(), units, today);
    const pending = unconfirmedPaths(def, stored);
    const rank = paperRank(def);
    const first = [...Object.keys(problems), ...pending].sort((a, b) => rank(a) - rank(b))[0];
    if (first) document.getElementById(fieldId(first))?.focus();
    return new Set([...Object.keys(problems), ...pending]).size;
  }, [form, current, def, units, today]);

  return { form, meta, showAll, deps, save, current, userEdited, confirm, rowRemoved, applyReadings, checkAll };
}

/** Leaf paths of the group at `prefix` (a person, or a repeat row), from the schema. */
function personLeaves(def: FormDefinition, prefix: string): string[] {
  const pattern = prefix.replace(/\[\d+\]/g, '[]');
  const out: string[] = [];
  const walk = (nodes: FormDefinition['sections'][number]['nodes'], at: string) => {
    for (const n of nodes) {
      const path = at ? `${at}.${n.key}` : n.key;
      if (n.kind === 'group') walk(n.fields, path);
      else if (n.kind === 'repeat') walk(n.fields, `${path}[]`);
      else if (!n.computed && path.startsWith(`${pattern}.`)) out.push(prefix + path.slice(pattern.length));
    }
  };
  walk(def.sections.flatMap((s) => s.nodes), '');
  return out;
}
