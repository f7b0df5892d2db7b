// Bench only: PortalClient.uploadFile done by tus-js-client (retryDelays, resume from the server offset), to measure it beside ours.
import { DefaultHttpStack, DetailedError, Upload, type HttpRequest, type HttpStack } from 'tus-js-client';
import type { PortalResult, UploadedFile, UploadInput } from '../../electron/core/sync/portal-client';
import { retry } from '../../electron/core/sync/portal-http';

export type TusJsOptions = {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  chunkSize: number;
  /** the same in-pass retry delays as our client, for a fair comparison */
  retryDelays: number[];
  onSent(bytes: number): void;
};

/** Counts body bytes handed to node:http, like our own client's onSent. */
function countingStack(onSent: (n: number) => void): HttpStack {
  const base = new DefaultHttpStack({});
  return {
    getName: () => 'counting-node',
    createRequest(method, url): HttpRequest {
      const req = base.createRequest(method, url);
      const send = req.send.bind(req);
      req.send = (body: unknown) => {
        if (body instanceof Uint8Array) onSent(body.length);
        return send(body);
      };
      return req;
    },
  };
}

/**
 * uploadFile over tus-js-client. Our durable upload store is its URL storage: the URL it creates reaches
 * input.onCreated (our SQLite row) before its first PATCH (tus-js-client awaits urlStorage.addUpload), and a
 * stored URL is handed back as `uploadUrl`, so it resumes with a HEAD exactly as ours does.
 */
export function createTusJsUploader(o: TusJsOptions): (input: UploadInput) => Promise<PortalResult<UploadedFile>> {
  let token: string | null = null;
  let fetching: Promise<string> | null = null;
  const base = o.baseUrl.endsWith('/') ? o.baseUrl : `${o.baseUrl}/`;

  async function fetchToken(): Promise<string> {
    for (;;) {
      const res = await fetch(new URL('oauth/token', base), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: o.clientId, client_secret: o.clientSecret }),
      }).catch(() => null);
      if (res?.ok) return ((await res.json()) as { access_token: string }).access_token;
      await res?.body?.cancel();
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  const currentToken = (): Promise<string> => {
    if (token) return Promise.resolve(token);
    fetching ??= fetchToken().then((t) => {
      token = t;
      fetching = null;
      return t;
    });
    return fetching;
  };

  return async (input) => {
    const bytes = Buffer.from(await input.source.read(0, input.source.size));
    let sent = 0;
    let created = 0;
    return new Promise((resolve) => {
      const upload = new Upload(bytes, {
        endpoint: new URL('files/', base).toString(),
        uploadUrl: input.uploadUrl ?? null,
        uploadSize: bytes.length,
        chunkSize: o.chunkSize,
        retryDelays: o.retryDelays,
        metadata: { sha256: input.sha256, filename: input.fileName, filetype: input.mime },
        headers: { 'Tus-Resumable': '1.0.0' },
        httpStack: countingStack((n) => {
          sent += n;
          o.onSent(n);
          input.onSent?.(n);
        }),
        fingerprint: () => Promise.resolve(`sha256:${input.sha256}`),
        storeFingerprintForResuming: true,
        removeFingerprintOnSuccess: false,
        urlStorage: {
          findAllUploads: () => Promise.resolve([]),
          findUploadsByFingerprint: () => Promise.resolve([]),
          removeUpload: () => Promise.resolve(),
          async addUpload(_fingerprint, previous) {
            created += 1;
            if (previous.uploadUrl) await input.onCreated?.(previous.uploadUrl);
            return input.sha256;
          },
        },
        onBeforeRequest: async (req) => {
          req.setHeader('Authorization', `Bearer ${await currentToken()}`);
        },
        onShouldRetry: (err: DetailedError) => {
          const status = err.originalResponse?.getStatus() ?? 0;
          if (status === 401) token = null;
          return status === 0 || status === 401 || status === 409 || status === 423 || status >= 500;
        },
        onProgress: (uploaded, total) => input.onProgress?.({ uploaded, total }),
        onSuccess: () =>
          resolve({
            kind: 'ok',
            value: { uploadUrl: upload.url ?? '', sha256: input.sha256, size: bytes.length, resumedFrom: 0, bytesSent: sent, created },
          }),
        onError: (err) => {
          const status = err instanceof DetailedError ? (err.originalResponse?.getStatus() ?? 0) : 0;
          resolve(retry(status >= 500 ? 'server_error' : 'network', status ? { status } : {}));
        },
      });
      upload.start();
    });
  };
}
