// The PortalClient port the sync engine talks to, and its HTTP implementation for resources/portal-api.yaml.
import type { Clock } from '../ports';
import type { RandomSource } from './backoff';
import { createBodyRequester } from './portal-body-request';
import { CATALOG_TIMEOUT_MS, catalogRequestHeaders, readPortalCatalog } from './portal-catalog';
import {
  classifyResponse,
  createTransport,
  retry,
  type PortalResult,
  type PortalTransport,
} from './portal-http';
import {
  changesPageSchema,
  dossierReceiptSchema,
  healthSchema,
  portalDossierSchema,
  type ChangesPage,
  type DossierReceipt,
  type DossierSubmission,
  type PortalCatalog,
  type PortalDossier,
  type PortalHealth,
} from './portal-protocol';
import { openUpload, uploadWithTus, type UploadedFile, type UploadFileInfo, type UploadInput } from './portal-tus-upload';

export type {
  PortalAuthFailure,
  PortalConflict,
  PortalFailure,
  PortalFix,
  PortalResult,
  PortalRetry,
  RetryReason,
} from './portal-http';
export type { UploadedFile, UploadFileInfo, UploadInput, UploadProgress, UploadSource } from './portal-tus-upload';
export { fileUploadSource } from './portal-tus-upload';
export type {
  ChangesPage,
  DossierReceipt,
  DossierSubmission,
  PortalCatalog,
  PortalDossier,
  PortalFieldError,
  PortalHealth,
  StatusChange,
  SubmittedFile,
  SupplementRequest,
} from './portal-protocol';

export type SubmitReceipt = DossierReceipt & {
  /** true when the portal answered from its idempotency record (an earlier attempt had already committed) */
  replayed: boolean;
};

export type CatalogDownload =
  { notModified: true } | { notModified: false; catalog: PortalCatalog; etag: string | null };

type CallOptions = { signal?: AbortSignal };

/**
 * Everything the sync engine needs from a portal. Methods never throw for portal or network trouble: they return
 * { kind: 'ok', value } or a failure ('retry' | 'fix' | 'conflict' | 'auth'). They throw only when `signal` aborts.
 */
export type PortalClient = {
  /** no token needed; a probe for "is the portal reachable" */
  health(opts?: CallOptions): Promise<PortalResult<PortalHealth>>;
  /**
   * an access token in hand (cached, or fetched now; always fetched with `renew`): 'auth' when the portal refuses the
   * agent code or secret
   */
  authorize(opts?: { renew?: boolean }): Promise<PortalResult<null>>;
  /**
   * Opens an upload and returns its URL without sending a byte, so the caller can store several URLs in one commit
   * before any byte goes (optional: without it, uploadFile creates the upload and reports it through onCreated).
   */
  createUpload?(file: UploadFileInfo, opts?: CallOptions): Promise<PortalResult<string>>;
  /** resumable upload; pass the URL saved from onCreated to resume after a failure or a restart */
  uploadFile(input: UploadInput): Promise<PortalResult<UploadedFile>>;
  /** the same key with the same body always yields the same portalCode; a different body yields 'conflict' */
  submitDossier(
    idempotencyKey: string,
    body: DossierSubmission,
    opts?: CallOptions,
  ): Promise<PortalResult<SubmitReceipt>>;
  getDossier(portalCode: string, opts?: CallOptions): Promise<PortalResult<PortalDossier>>;
  /** status changes after `cursor` (null = from the start); store nextCursor only after the changes are recorded */
  getChanges(
    cursor: string | null,
    opts?: CallOptions & { limit?: number },
  ): Promise<PortalResult<ChangesPage>>;
  /** pass the etag of the catalog you have to get notModified when it has not changed */
  getCatalog(etag?: string | null, opts?: CallOptions): Promise<PortalResult<CatalogDownload>>;
  /** revokes the cached access token (on sign-out or when credentials change) */
  close(): Promise<void>;
};

export type HttpPortalClientOptions = {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  clock: Clock;
  fetch?: typeof fetch;
  /** upload chunk size in bytes; at most this much is sent again after an interruption (default 1 MiB) */
  chunkSize?: number;
  /** timeout of one JSON request (default 20 s) */
  requestTimeoutMs?: number;
  /** timeout of the catalog download, body included (default 5 min: the gzipped catalog at ~100 kbit/s) */
  catalogTimeoutMs?: number;
  /** timeout of one upload chunk (default 120 s: 1 MiB at ~70 kbit/s) */
  chunkTimeoutMs?: number;
  /** delays of the in-pass retries of a transient failure, ms (default 150, 400, 1000; each jittered x0.5..1.5) */
  retryDelaysMs?: readonly number[];
  /** when upload chunks ask first (Expect: 100-continue); default: within a minute of a refusal (portal-http.ts) */
  expectContinue?: 'after-trouble' | 'always';
  random?: RandomSource;
  /** body bytes handed to the network by uploads (the bench and the crash test count them) */
  onSent?(bytes: number): void;
};

type Schema<T> = { safeParse(value: unknown): { success: true; data: T } | { success: false } };

async function readJson<T>(
  t: PortalTransport,
  res: Response,
  okStatus: number[],
  schema: Schema<T>,
): Promise<PortalResult<T>> {
  if (!okStatus.includes(res.status)) return classifyResponse(res, t.now());
  const parsed = schema.safeParse(await res.json().catch(() => null));
  return parsed.success ? { kind: 'ok', value: parsed.data } : retry('protocol', { status: res.status });
}

export function createHttpPortalClient(opts: HttpPortalClientOptions): PortalClient {
  // Upload chunks go over node:http with Expect: 100-continue, so a refused PATCH costs no body bytes; a caller that
  // injects its own fetch (tests counting requests) gets every request through it instead.
  const t = createTransport({
    ...opts,
    fetch: opts.fetch ?? globalThis.fetch,
    ...(opts.fetch ? {} : { bodyRequest: createBodyRequester() }),
  });
  const timeoutMs = opts.requestTimeoutMs ?? 20_000;
  const catalogTimeoutMs = opts.catalogTimeoutMs ?? CATALOG_TIMEOUT_MS;
  const upload = {
    chunkSize: opts.chunkSize ?? 1024 * 1024,
    chunkTimeoutMs: opts.chunkTimeoutMs ?? 120_000,
    requestTimeoutMs: timeoutMs,
  };
  const getJson = async <T>(url: string, schema: Schema<T>, o: CallOptions = {}, auth = true) => {
    const sent = await t.send({
      method: 'GET',
      url,
      timeoutMs,
      signal: o.signal,
      auth,
      headers: { Accept: 'application/json' },
    });
    return sent.kind === 'ok' ? readJson(t, sent.value, [200], schema) : sent;
  };

  return {
    health: (o) => getJson('health', healthSchema, o, false),

    authorize: (o) => t.authorize(o?.renew === true),

    createUpload: (file, o = {}) => openUpload(t, file, upload, o.signal),

    uploadFile: (input) =>
      uploadWithTus(
        t,
        opts.onSent
          ? {
              ...input,
              onSent: (n) => {
                opts.onSent?.(n);
                input.onSent?.(n);
              },
            }
          : input,
        upload,
      ),

    async submitDossier(idempotencyKey, body, o = {}) {
      const sent = await t.send({
        method: 'POST',
        url: 'dossiers',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify(body),
        timeoutMs,
        signal: o.signal,
      });
      if (sent.kind !== 'ok') return sent;
      const replayed = sent.value.headers.get('idempotent-replayed') === 'true';
      const receipt = await readJson(t, sent.value, [200, 201], dossierReceiptSchema);
      return receipt.kind === 'ok' ? { kind: 'ok', value: { ...receipt.value, replayed } } : receipt;
    },

    getDossier: (portalCode, o) =>
      getJson(`dossiers/${encodeURIComponent(portalCode)}`, portalDossierSchema, o),

    getChanges(cursor, o = {}) {
      const query = new URLSearchParams();
      if (cursor) query.set('cursor', cursor);
      if (o.limit) query.set('limit', String(o.limit));
      return getJson(`changes?${query.toString()}`, changesPageSchema, o);
    },

    async getCatalog(etag, o = {}) {
      const headers: Record<string, string> = { ...catalogRequestHeaders };
      if (etag) headers['If-None-Match'] = etag;
      const sent = await t.send({ method: 'GET', url: 'catalog', headers, timeoutMs: catalogTimeoutMs, signal: o.signal });
      if (sent.kind !== 'ok') return sent;
      if (sent.value.status === 304) {
        await sent.value.body?.cancel();
        return { kind: 'ok', value: { notModified: true } };
      }
      const newEtag = sent.value.headers.get('etag');
      const catalog = await readPortalCatalog(t, sent.value, o.signal);
      return catalog.kind === 'ok'
        ? { kind: 'ok', value: { notModified: false, catalog: catalog.value, etag: newEtag } }
        : catalog;
    },

    close: () => t.revokeToken(),
  };
}
