// Language state and the t(key, params) hook; Vietnamese is the default, English is the alternative.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { vi, type MessageKey } from './vi';

export type Lang = 'vi' | 'en';
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const catalogues: Record<Lang, Record<MessageKey, string>> = { vi, en };
const langKey = 'dvc.lang';

export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const template = catalogues[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

type I18n = { lang: Lang; setLang(lang: Lang): void; t: Translate };
const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    return localStorage.getItem(langKey) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(langKey, next);
    } catch {
      // storage may be unavailable (file:// in some shells); the choice then lasts for this run only
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const t = useCallback<Translate>((key, params) => translate(lang, key, params), [lang]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export function useT(): Translate {
  return useI18n().t;
}
