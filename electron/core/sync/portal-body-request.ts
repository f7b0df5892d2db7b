// Upload bodies over node:http(s), with "Expect: 100-continue" when asked (fetch cannot): a refusal costs no body bytes; bytes on the wire counted.
import http from 'node:http';
import https from 'node:https';

export type BodyRequest = {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array;
  timeoutMs: number;
  signal: AbortSignal;
  /** ask first (Expect: 100-continue) so a refusal costs no body bytes, at the price of one more round trip (default true) */
  expectContinue?: boolean;
  /** body bytes handed to the socket, reported as each slice is flushed */
  onSent?(bytes: number): void;
};

export type BodyRequester = (r: BodyRequest) => Promise<Response>;

/** thrown (as a cause) when the whole request ran past its timeout */
export class BodyRequestTimeout extends Error {
  readonly code = 'ETIMEDOUT';
}

// A portal that ignores Expect gets the body after this anyway (RFC 9110 §10.1.1: do not wait forever).
const CONTINUE_WAIT_MS = 2_000;
// Flushed slices are counted one by one, so a cut connection shows how far the body got.
const SLICE = 64 * 1024;
const NULL_BODY = new Set([204, 205, 304]);

function toHeaders(raw: http.IncomingHttpHeaders): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(raw)) {
    if (Array.isArray(v)) for (const one of v) h.append(k, one);
    else if (v !== undefined) h.set(k, v);
  }
  return h;
}

export function createBodyRequester(): BodyRequester {
  // keep-alive sockets, as fetch has: one TLS handshake per connection, not per chunk
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 32 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 32 }),
  };

  return (r) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(r.url);
      const secure = url.protocol === 'https:';
      const req = (secure ? https : http).request(url, {
        method: r.method,
        agent: secure ? agents.https : agents.http,
        headers: {
          ...r.headers,
          'Content-Length': String(r.body.length),
          ...(r.expectContinue === false ? {} : { Expect: '100-continue' }),
        },
      });
      let bodyStarted = false;
      let bodyEnded = false;
      let settled = false;
      const timers: ReturnType<typeof setTimeout>[] = [];
      const finish = (): void => {
        settled = true;
        for (const t of timers) clearTimeout(t);
        r.signal.removeEventListener('abort', onAbort);
      };
      const fail = (error: unknown): void => {
        if (settled) return;
        finish();
        req.destroy();
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      const onAbort = (): void => fail(r.signal.reason);
      if (r.signal.aborted) return fail(r.signal.reason);
      r.signal.addEventListener('abort', onAbort, { once: true });
      timers.push(setTimeout(() => fail(new BodyRequestTimeout('request timed out')), r.timeoutMs));

      const writeFrom = (offset: number): void => {
        let at = offset;
        while (at < r.body.length && !settled) {
          const slice = r.body.subarray(at, Math.min(r.body.length, at + SLICE));
          at += slice.length;
          const more = req.write(slice, (error) => {
            if (!error) r.onSent?.(slice.length);
          });
          if (!more) {
            req.once('drain', () => writeFrom(at));
            return;
          }
        }
        if (!settled) {
          bodyEnded = true;
          req.end();
        }
      };
      const startBody = (): void => {
        if (bodyStarted || settled) return;
        bodyStarted = true;
        writeFrom(0);
      };
      req.on('continue', startBody);
      if (r.expectContinue !== false) timers.push(setTimeout(startBody, CONTINUE_WAIT_MS));
      req.on('error', fail);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', fail);
        res.on('end', () => {
          if (settled) return;
          finish();
          // refused before the body went out: the connection still owes it, so it is not reused
          if (!bodyEnded) req.destroy();
          const status = res.statusCode ?? 502;
          const buf = Buffer.concat(chunks);
          const body = NULL_BODY.has(status) || buf.length === 0 ? null : new Uint8Array(buf);
          resolve(new Response(body, { status, headers: toHeaders(res.headers) }));
        });
      });
      req.flushHeaders();
      if (r.expectContinue === false) startBody();
    });
}
