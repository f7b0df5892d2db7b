// Types shared by the i18n hook and plain modules that format texts (kept out of the .tsx so Node-side tests can import them).
import type { MessageKey } from './vi';

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;
