// react-hook-form's resolver over the one form validator the app, the printer and the portal simulator share.
import { toNestErrors } from '@hookform/resolvers';
import type { FieldError, Resolver } from 'react-hook-form';
import type { AdminUnits } from '../../../electron/common/forms/admin-units';
import type { FormDefinition } from '../../../electron/common/forms/form-definition';
import type { FormValues } from './form-context';
import { problemsOf, rhfName } from './form-model';

/**
 * react-hook-form's resolver over the one validator the app, the printer and the portal share (validate-form.ts):
 * the form's rules are data, not a zod schema of its own, so the resolver maps its messages by path.
 */
export function formResolver(def: FormDefinition, units: AdminUnits, today: string): Resolver<FormValues> {
  return (values, _context, options) => {
    const problems = problemsOf(def, values, units, today);
    const flat: Record<string, FieldError> = {};
    for (const [path, message] of Object.entries(problems)) flat[rhfName(path)] = { type: 'form', message };
    if (Object.keys(flat).length === 0) return { values, errors: {} };
    return { values: {}, errors: toNestErrors(flat, options) };
  };
}
