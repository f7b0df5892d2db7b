// The window's one i18next instance and the helpers that use it outside components (error texts, zod wording);
// a plain module, so Node-side tests can import what uses it.
import { createI18n, type Lang } from './i18n-setup';
import type { MessageParams } from './translate-types';

export const langKey = 'dvc.lang';

type Store = { getItem(key: string): string | null; setItem(key: string, value: string): void };
/** localStorage when there is one (the browser, Electron); none under Node */
export function langStore(): Store | null {
  return (globalThis as { localStorage?: Store }).localStorage ?? null;
}

function initialLang(): Lang {
  try {
    return langStore()?.getItem(langKey) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** the window's instance, made once: screens outside React (error texts, columns) use it through translate() */
export const i18n = createI18n(initialLang());

/** A message in the given language, outside a component. */
export function translate(lang: Lang, key: string, params?: MessageParams): string {
  return i18n.getFixedT(lang)(key, params ?? {});
}

/** The interface language now (for texts made outside components). */
export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'vi';
}

/** True when the language has a message under this key (error codes without an English text fall back to Vietnamese). */
export function hasMessage(lang: Lang, key: string): boolean {
  return i18n.exists(key, { lng: lang, fallbackLng: false });
}
