// i18next over the app's own message files (vi.ts, en.ts): plurals by CLDR rules, error messages by error code.
import i18next, { type i18n as I18nInstance } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { errorMessages } from '../../electron/common/errors';
import { en } from './en';
import { vi } from './vi';

export type Lang = 'vi' | 'en';

/** Vietnamese error messages come from the code's own table (electron/common/errors.ts), English ones from en.ts. */
const viErrors = Object.fromEntries(Object.entries(errorMessages).map(([code, text]) => [`error.${code}`, text]));

/**
 * One i18next instance for the window. The files keep their `{name}` placeholders (other features' keys work as they
 * are); dots and colons are ordinary characters in keys and texts, not namespace or nesting separators. Plurals use
 * `key_one` / `key_other` beside the plain key, which stays the fallback (Vietnamese has no singular form).
 */
export function createI18n(lang: Lang): I18nInstance {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: lang,
    fallbackLng: 'vi',
    resources: { vi: { translation: { ...vi, ...viErrors } }, en: { translation: en } },
    interpolation: { prefix: '{', suffix: '}', escapeValue: false },
    keySeparator: false,
    nsSeparator: false,
    returnNull: false,
    initAsync: false,
  });
  return instance;
}
