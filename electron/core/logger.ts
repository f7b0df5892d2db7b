// Structured logger that scrubs personal data (ID numbers, phone numbers, names) before anything is written.
import type { LogFields, Logger } from './ports';

const ID_NUMBER = /\b\d{9}(\d{3})?\b/g;
const PHONE = /(\+?84|0)(\d[\s.-]?){8,9}\d\b/g;
const SENSITIVE_KEYS = /name|phone|idnumber|address|email|password|token|secret|applicant/i;

export function scrubText(value: string): string {
  return value.replace(ID_NUMBER, '[id]').replace(PHONE, '[phone]');
}

export function scrubFields(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SENSITIVE_KEYS.test(key)) out[key] = '[redacted]';
    else if (typeof value === 'string') out[key] = scrubText(value);
    else if (value instanceof Error) out[key] = scrubText(value.message);
    else out[key] = value;
  }
  return out;
}

export type LogSink = (line: string) => void;

export function createLogger(sink: LogSink, clock: { now(): number } = { now: () => Date.now() }): Logger {
  const write = (level: string, message: string, fields?: LogFields) => {
    const entry = { t: new Date(clock.now()).toISOString(), level, msg: scrubText(message), ...scrubFields(fields ?? {}) };
    sink(JSON.stringify(entry));
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
