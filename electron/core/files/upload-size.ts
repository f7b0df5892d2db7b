// Size limits of an upload checked on the raw request, before anything is parsed or decoded (web host transport).
import { uploadLimits } from './page-image';

/** base64 of the largest file plus the JSON around it (the call name's fields, a file name): nothing else is that big */
export const MAX_WIRE_BODY_BYTES = Math.ceil(uploadLimits.maxFileBytes / 3) * 4 + 256 * 1024;

const MARKER = Buffer.from('"$bytes":"', 'latin1');
const QUOTE = 0x22;
const EQUALS = 0x3d;

/**
 * The decoded size of the largest `{ "$bytes": "<base64>" }` in a wire body (electron/common/wire), found with
 * Buffer.indexOf (no JSON parse, no base64 decode): a file over the limit is refused for the price of a scan.
 * Base64 has no quotes or escapes, so the next quote ends the string.
 */
export function largestWireFileBytes(body: Buffer): number {
  let largest = 0;
  let at = body.indexOf(MARKER);
  while (at >= 0) {
    const start = at + MARKER.length;
    const end = body.indexOf(QUOTE, start);
    const stop = end < 0 ? body.length : end;
    const padding = (body[stop - 1] === EQUALS ? 1 : 0) + (body[stop - 2] === EQUALS ? 1 : 0);
    largest = Math.max(largest, Math.floor(((stop - start) * 3) / 4) - padding);
    if (end < 0) break;
    at = body.indexOf(MARKER, end);
  }
  return largest;
}

/** The `fileName` field of a call, read from the start of the raw body, for the message about a refused file. */
export function wireFileName(body: Buffer): string | null {
  const head = body.subarray(0, 4096).toString('utf8');
  const match = /"fileName":("(?:[^"\\]|\\.)*")/.exec(head);
  if (!match?.[1]) return null;
  try {
    const name: unknown = JSON.parse(match[1]);
    return typeof name === 'string' ? name.slice(0, 80) : null;
  } catch {
    return null;
  }
}
