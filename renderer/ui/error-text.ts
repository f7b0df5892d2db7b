// Turns anything thrown by an API call into a sentence the agent can act on, in the interface's language (by error code).
import { isApiError } from '../api/client';
import { currentLang, hasMessage, translate } from '../i18n/i18n-instance';
import type { Translate } from '../i18n/translate-types';

export function errorText(err: unknown, t: Translate): string {
  if (isApiError(err)) {
    if (err.code === 'TRANSPORT') return t('common.transportError', { detail: err.message });
    // core words its message in Vietnamese with the details filled in; another language looks the code up
    const lang = currentLang();
    const key = `error.${err.code}`;
    if (lang !== 'vi' && hasMessage(lang, key)) return translate(lang, key, err.params);
    return err.message;
  }
  return t('common.transportError', { detail: err instanceof Error ? err.message : String(err) });
}

/** An error code's message made here (a check before sending), in the interface's language. */
export function codeText(code: string, params: Record<string, string | number> = {}): string {
  return translate(currentLang(), `error.${code}`, params);
}
