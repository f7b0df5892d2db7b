// A contract form's sending: the checked values go to core, the answer's sentence or the refusal (fields marked) shown.
import { useState } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { useT } from '../i18n/i18n-context';
import { serverError } from './contract-form';

/**
 * A form's sending: the checked values go to `send`, whose answer (a sentence, if any) is the form's success notice;
 * a refusal is shown by serverError (its sentence as `error`, its fields marked).
 */
export function useFormSend<T extends FieldValues, O>(
  form: UseFormReturn<T, unknown, O>,
  send: (values: O) => Promise<string | undefined | void>,
  codeFields: Partial<Record<string, Path<T>>> = {},
) {
  const t = useT();
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const submit = form.handleSubmit(async (values) => {
    setError('');
    setDone('');
    try {
      setDone((await send(values)) ?? '');
    } catch (err) {
      setError(serverError(form, err, t, codeFields));
    }
  });
  return { submit, error, done, busy: form.formState.isSubmitting };
}
