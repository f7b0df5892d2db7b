// Types shared by the i18n hook and plain modules that format texts (kept out of the .tsx so Node-side tests can import them).
import type { MessageKey } from './vi';

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The English file of a Vietnamese one: every key, and the singular (`key_one`, i18next's plural) where a text counts. */
export type EnglishOf<K extends string> = Record<K, string> & Partial<Record<`${K}_one`, string>>;
