// Small HTTP helpers for the simulator: JSON answers, bounded body reads, Vietnamese error bodies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PortalFieldError } from '../../electron/core/sync/portal-protocol';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  status: number,
  error: string,
  message: string,
  extra: { errors?: PortalFieldError[]; headers?: Record<string, string> } = {},
): void {
  const body = extra.errors ? { error, message, errors: extra.errors } : { error, message };
  sendJson(res, status, body, extra.headers);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const bodyless = status === 200 || status === 204 || status === 304;
  res.writeHead(status, bodyless ? headers : { 'Content-Length': '0', ...headers });
  res.end();
}

const continued = new WeakSet<ServerResponse>();

/**
 * "100 Continue" for a client that asked (Expect: 100-continue), once, and only when the request will be handled:
 * a request refused before this point (fault, 401, 409 offset) never had its body sent.
 */
export function continueIfExpected(req: IncomingMessage, res: ServerResponse): void {
  if (!/100-continue/i.test(String(req.headers.expect ?? ''))) return;
  if (continued.has(res) || res.headersSent || res.destroyed) return;
  continued.add(res);
  res.writeContinue();
}

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > limitBytes) throw new BodyTooLarge(`body over ${limitBytes} bytes`);
    parts.push(buf);
  }
  return Buffer.concat(parts);
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** JSON with keys sorted at every level, so the same body always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
