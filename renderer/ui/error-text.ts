// Turns anything thrown by an API call into a sentence the agent can act on.
import { isApiError } from '../api/client';
import type { Translate } from '../i18n/i18n-context';

export function errorText(err: unknown, t: Translate): string {
  if (isApiError(err)) {
    if (err.code === 'TRANSPORT') return t('common.transportError', { detail: err.message });
    return err.message;
  }
  return t('common.transportError', { detail: err instanceof Error ? err.message : String(err) });
}
