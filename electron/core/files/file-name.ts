// Validates the name of an uploaded file: it is shown to agents and stored, never used as a path.
import { AppError } from '../../common/errors';
import { uploadLimits } from './page-image';

// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u001f\u007f-\u009f]/;

/** A version of a rejected name that is safe to put in a message: control characters replaced, length capped. */
export function displayableName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
  return cleaned.length > 80 ? `${cleaned.slice(0, 77)}...` : cleaned;
}

/**
 * Returns the NFC name, or throws BAD_FILE_NAME for names that are empty, too long, contain a path
 * separator or control characters, or are only dots ("." and ".." are directory references).
 */
export function checkFileName(name: string): string {
  const normalized = name.normalize('NFC');
  const reason = badNameReason(normalized);
  if (reason) throw new AppError('BAD_FILE_NAME', { name: displayableName(normalized), reason });
  return normalized;
}

function badNameReason(name: string): string | undefined {
  if (name.trim().length === 0) return 'empty';
  if (name.length > uploadLimits.maxNameLength) return 'too_long';
  if (name.includes('/') || name.includes('\\')) return 'path_separator';
  if (controlChars.test(name)) return 'control_character';
  if (/^\.+$/.test(name.trim()) || name.includes('..')) return 'dot_dot';
  return undefined;
}

/** Lower-case extension without the dot, or '' when the name has none. */
export function fileExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return '';
  return name.slice(dot + 1).toLowerCase();
}
