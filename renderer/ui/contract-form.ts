// react-hook-form over the contract's own zod schemas: issues worded in the interface's language, server refusals on their fields.
import { toNestErrors } from '@hookform/resolvers';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  useForm,
  type DefaultValues,
  type FieldError,
  type FieldValues,
  type Path,
  type PathValue,
  type Resolver,
  type UseFormReturn,
} from 'react-hook-form';
import type { z } from 'zod';
import { isApiError } from '../api/client';
import type { Lang } from '../i18n/i18n-setup';
import { currentLang, translate } from '../i18n/i18n-instance';
import type { Translate } from '../i18n/translate-types';
import { errorText } from './error-text';

/** The parts of a zod issue the wording needs (zod 4's raw issue, as its error map receives it). */
type IssueLike = {
  code?: string | undefined;
  origin?: string | undefined;
  minimum?: unknown;
  maximum?: unknown;
  input?: unknown;
};

/**
 * A zod issue in the interface's language. zod's own texts are English and technical ("Too small: expected string to
 * have >=3 characters"); a message written on a check in the schema (refine, min(…, 'text')) is kept as it is.
 */
export function issueText(issue: IssueLike, lang: Lang = currentLang()): string {
  const say = (key: string, params: Record<string, string | number> = {}) => translate(lang, key, params);
  const limit = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : 0);
  const blank = issue.input === undefined || issue.input === null || (typeof issue.input === 'string' && issue.input.trim() === '');
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return blank ? say('validation.required') : say('validation.tooShort', { count: limit(issue.minimum) });
      if (issue.origin === 'array' || issue.origin === 'set') return say('validation.required');
      return say('validation.tooSmall', { min: limit(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return say('validation.tooLong', { count: limit(issue.maximum) });
      return say('validation.tooBig', { max: limit(issue.maximum) });
    case 'invalid_type':
      return blank ? say('validation.required') : say('validation.number');
    default:
      return say('validation.invalid');
  }
}

/** A form's own wording of some issues (by field path and code); undefined leaves the issue to issueText. */
export type IssueWording = (issue: IssueLike & { path?: PropertyKey[] | undefined }) => string | undefined;

/** The resolver for a contract schema: parses with it (trims, defaults) and words its issues by issueText. */
export function contractResolver<S extends z.ZodType<FieldValues, FieldValues>>(schema: S, wording?: IssueWording) {
  return zodResolver(schema, { error: (issue) => wording?.(issue) ?? issueText(issue) });
}

/**
 * The resolver for a domain check that already returns every problem by field path (checkApplicant: its cross-field
 * rules run even while single fields fail, which a zod refinement does not); `type` tells the form how to show each.
 */
export function problemsResolver<T extends FieldValues>(check: (values: T) => Record<string, FieldError>): Resolver<T> {
  return (values, _context, options) => {
    const problems = check(values);
    return Object.keys(problems).length === 0 ? { values, errors: {} } : { values: {}, errors: toNestErrors(problems, options) };
  };
}

/** A form checked by `schema` before it is sent; re-checked on each change once submitted (errors clear as they are fixed). */
export function useContractForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
  wording?: IssueWording,
): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  return useForm<z.input<S>, unknown, z.output<S>>({
    resolver: contractResolver(schema, wording),
    defaultValues,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
}

/** What ui/Field's controls take (value, onValueChange, error) for one field of the form, by its path. */
export function bindField<T extends FieldValues, O>(form: UseFormReturn<T, unknown, O>, name: Path<T>) {
  const value: unknown = form.watch(name);
  return {
    value: typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '',
    onValueChange: (next: string) =>
      form.setValue(name, next as PathValue<T, Path<T>>, { shouldDirty: true, shouldValidate: form.formState.isSubmitted }),
    error: form.getFieldState(name, form.formState).error?.message,
  };
}

/**
 * A refusal from core, shown: its sentence (by error code, in the interface's language) is returned for the form's
 * notice, and the fields the router names are marked too. A code about one field (`codeFields`) is said on that
 * field only and '' is returned.
 */
export function serverError<T extends FieldValues, O>(
  form: UseFormReturn<T, unknown, O>,
  err: unknown,
  t: Translate,
  codeFields: Partial<Record<string, Path<T>>> = {},
  /** the router's field paths that are named otherwise in this form (core's "password" rule -> "admin.password") */
  fieldAliases: Partial<Record<string, Path<T>>> = {},
): string {
  const text = errorText(err, t);
  if (!isApiError(err)) return text;
  const byCode = codeFields[err.code];
  // the router's field texts are Vietnamese; another language says the value is refused in its own words
  const vi = currentLang() === 'vi';
  for (const [path, message] of Object.entries(err.fields ?? {})) {
    const field = fieldAliases[path] ?? (path as Path<T>);
    if (field !== byCode) form.setError(field, { type: 'server', message: vi ? message : t('validation.invalid') });
  }
  if (!byCode) return text;
  // a code about one field: its whole sentence (reason included) on that field, and not again in the notice (the same
  // sentence twice on screen reads as two problems)
  form.setError(byCode, { type: 'server', message: text });
  return '';
}

