// Reads the portal's GET /catalog answer: gzip undone, the app's catalog file in version 1 or 2, returned as version 2.
import { gunzipSync } from 'node:zlib';
import { parseCatalogFileText } from '../catalog/catalog-file';
import { classifyResponse, retry, type PortalResult, type PortalTransport } from './portal-http';
import type { PortalCatalog } from './portal-protocol';

/**
 * The catalog is tens of megabytes of JSON (3.6 MB gzipped for the shipped one): the client asks for gzip and fetch
 * undoes Content-Encoding; a body that still starts with the gzip magic (a transport or proxy that passed it through
 * undecoded, or a portal serving a .json.gz as is) is gunzipped here.
 */
export const catalogRequestHeaders = { Accept: 'application/json', 'Accept-Encoding': 'gzip' } as const;

// 5 min: the gzipped shipped catalog over a ~100 kbit/s counter line; JSON calls keep their 20 s
export const CATALOG_TIMEOUT_MS = 300_000;

function isGzipped(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function timedOut(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** A 200 answer as a v2 catalog (v1 files are converted the way *Nhập danh mục* converts them). */
export async function readPortalCatalog(
  t: PortalTransport,
  res: Response,
  signal?: AbortSignal,
): Promise<PortalResult<PortalCatalog>> {
  if (res.status !== 200) return classifyResponse(res, t.now());
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return retry(timedOut(error) ? 'timeout' : 'network');
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(isGzipped(bytes) ? gunzipSync(bytes) : bytes);
    return { kind: 'ok', value: parseCatalogFileText(text) };
  } catch {
    // not gzip, not UTF-8, or not a catalog file (AppError CATALOG_FORMAT): the portal answered out of protocol
    return retry('protocol', { status: res.status });
  }
}
