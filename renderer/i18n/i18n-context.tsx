// Language state and the t(key, params) hook over i18next; Vietnamese is the default, English the alternative.
import { useCallback, useEffect, useMemo, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Lang } from './i18n-setup';
import { i18n, langKey, langStore } from './i18n-instance';
import type { Translate } from './translate-types';

export type { Lang } from './i18n-setup';
export type { MessageParams, Translate } from './translate-types';
export { currentLang, hasMessage, translate } from './i18n-instance';

export function I18nProvider({ children }: { children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <DocumentLang />
      {children}
    </I18nextProvider>
  );
}

/** <html lang> follows the interface language (screen readers pick their voice from it) */
function DocumentLang() {
  const { lang } = useI18n();
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return null;
}

type I18n = { lang: Lang; setLang(lang: Lang): void; t: Translate };

export function useI18n(): I18n {
  // re-renders the caller when the language changes
  const { t: raw, i18n: instance } = useTranslation();
  const lang: Lang = instance.language === 'en' ? 'en' : 'vi';
  const setLang = useCallback(
    (next: Lang) => {
      void instance.changeLanguage(next);
      try {
        langStore()?.setItem(langKey, next);
      } catch {
        // storage may be unavailable (file:// in some shells); the choice then lasts for this run only
      }
    },
    [instance],
  );
  const t = useCallback<Translate>((key, params) => raw(key, params ?? {}), [raw]);
  return useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
}

export function useT(): Translate {
  return useI18n().t;
}
