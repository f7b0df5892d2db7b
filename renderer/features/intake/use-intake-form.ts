// The intake form in react-hook-form: checkApplicant as its resolver, problems shown once touched or at "sẵn sàng".
import { useCallback, useEffect, useRef, useState } from 'react';
import { useForm, type FieldError, type Path, type UseFormReturn } from 'react-hook-form';
import { checkApplicant, unconfirmedFields } from '../../../electron/common/applicant';
import { useT } from '../../i18n/i18n-context';
import type { Translate } from '../../i18n/translate-types';
import { problemsResolver } from '../../ui/contract-form';
import type { IntakeDraft } from './stale-guard';

/** The problem keys the screen shows on a field, in form order (ApplicantForm's and FilingPanel's `problems`). */
const shownKeys = [
  'fullName',
  'idNumber',
  'dateOfBirth',
  'sex',
  'phone',
  'address',
  'email',
  'relationship',
  'onBehalfOf.fullName',
  'onBehalfOf.idNumber',
  'delivery.address',
] as const;

/**
 * How a field's error is shown: a rule ("check") once the agent has left the field or asked for every problem; an ID
 * card value not yet confirmed only at "Đánh dấu sẵn sàng"; what the portal or core refused, at once.
 */
type ErrorKind = 'check' | 'unconfirmed' | 'portal' | 'server';

/** The form's field path of a problem key ("fullName" -> "applicant.fullName"; delivery and subject stay as they are). */
export function formPath(key: string): Path<IntakeDraft> {
  if (key === 'subjectName' || key === 'mode' || key.startsWith('delivery.')) return key as Path<IntakeDraft>;
  return `applicant.${key}` as Path<IntakeDraft>;
}

/** Every problem of the form's applicant and delivery, by problem key ("fullName", "delivery.address"). */
export function intakeProblems(draft: IntakeDraft, t: Translate): Record<string, string> {
  const found: Record<string, string> = { ...checkApplicant(draft.applicant) };
  if (draft.delivery.method === 'post' && (draft.delivery.address ?? '').trim() === '') {
    found['delivery.address'] = t('intake.deliveryAddressMissing');
  }
  return found;
}

/** A form value by problem key, as text (the portal's message stays until the agent changes what was sent). */
function valueAt(draft: IntakeDraft, key: string): string {
  if (key === 'delivery.address') return draft.delivery.address ?? '';
  if (key.startsWith('onBehalfOf.')) {
    const field = key.slice('onBehalfOf.'.length) as 'fullName' | 'idNumber';
    return draft.applicant.onBehalfOf?.[field] ?? '';
  }
  const value = (draft.applicant as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : '';
}

export type IntakeForm = {
  form: UseFormReturn<IntakeDraft>;
  /** the problems to show now, by problem key, read from the form's field state */
  shown: Record<string, string>;
  /** a change of the draft (typed, read from the card, confirmed), written into the form; the autosave watches it */
  change(edit: (draft: IntakeDraft) => IntakeDraft): void;
  /** the agent left a field: its problem shows from now on */
  touch(key: string): void;
  /** "Đánh dấu sẵn sàng" found problems: every one shows, unconfirmed ID-card values too */
  showAll(): Promise<void>;
  /** core refused with field messages (router paths, "applicant.fullName" or "fullName") */
  setServerErrors(fields: Record<string, string>): void;
};

export function useIntakeForm(initial: IntakeDraft, portal: Record<string, string>, editable: boolean): IntakeForm {
  const t = useT();
  const tRef = useRef(t);
  tRef.current = t;
  const [showingAll, setShowingAll] = useState(false);
  const showingAllRef = useRef(false);
  const [resolver] = useState(() =>
    problemsResolver<IntakeDraft>((values) => {
      const found: Record<string, FieldError> = {};
      for (const [key, message] of Object.entries(intakeProblems(values, tRef.current)))
        found[formPath(key)] = { type: 'check' satisfies ErrorKind, message };
      if (showingAllRef.current) {
        const message = tRef.current('idcard.unconfirmedField');
        for (const f of unconfirmedFields(values.applicant)) found[formPath(f)] ??= { type: 'unconfirmed' satisfies ErrorKind, message };
      }
      return found;
    }),
  );
  const form = useForm<IntakeDraft>({ defaultValues: initial, resolver });
  // the portal's messages sit on their fields while the value is still the one that was sent
  const sent = useRef(initial);
  const portalRef = useRef(portal);
  portalRef.current = portal;

  const validate = useCallback(async () => {
    await form.trigger();
    const values = form.getValues();
    for (const [key, message] of Object.entries(portalRef.current)) {
      const path = formPath(key);
      if (valueAt(values, key) !== valueAt(sent.current, key) || form.getFieldState(path).error) continue;
      form.setError(path, { type: 'portal' satisfies ErrorKind, message });
    }
  }, [form]);

  // a field filled in when the dossier opens shows its problem at once, as one the agent has left
  useEffect(() => {
    for (const [key, value] of Object.entries(initial.applicant)) {
      if (typeof value === 'string' && value.trim() !== '') touchPath(form, formPath(key));
    }
  }, [form]);
  // every change is checked again (cross-field rules: a relationship makes the represented person required)
  useEffect(() => {
    const sub = form.watch(() => void validate());
    return () => sub.unsubscribe();
  }, [form, validate]);
  useEffect(() => {
    void validate();
  }, [validate, portal]);

  const change = useCallback(
    (edit: (draft: IntakeDraft) => IntakeDraft) => {
      if (!editable) return;
      const next = edit(structuredClone(form.getValues()));
      // part by part: the form leaves an unchanged part alone (no render, no save)
      form.setValue('applicant', next.applicant);
      form.setValue('delivery', next.delivery);
      form.setValue('mode', next.mode);
      form.setValue('subjectName', next.subjectName);
    },
    [editable, form],
  );

  const touch = useCallback((key: string) => touchPath(form, formPath(key)), [form]);

  const showAll = useCallback(async () => {
    showingAllRef.current = true;
    setShowingAll(true);
    await validate();
  }, [validate]);

  const setServerErrors = useCallback(
    (fields: Record<string, string>) => {
      for (const [path, message] of Object.entries(fields)) {
        const key = path.startsWith('applicant.') ? path.slice('applicant.'.length) : path;
        if ((shownKeys as readonly string[]).includes(key)) form.setError(formPath(key), { type: 'server' satisfies ErrorKind, message });
      }
    },
    [form],
  );

  // read through formState so the screen renders again when errors or touched fields change
  const { formState } = form;
  const shown: Record<string, string> = {};
  for (const key of shownKeys) {
    const { error, isTouched } = form.getFieldState(formPath(key), formState);
    if (!error?.message) continue;
    if (error.type === 'check' && !showingAll && !isTouched) continue;
    shown[key] = error.message;
  }
  return { form, shown, change, touch, showAll, setServerErrors };
}

/** Marks a field touched without changing its value (the fields are controlled, none is registered). */
function touchPath(form: UseFormReturn<IntakeDraft>, path: Path<IntakeDraft>): void {
  if (form.getFieldState(path).isTouched) return;
  form.setValue(path, form.getValues(path), { shouldTouch: true });
}
