// Web host: the same core and contract over HTTP on 127.0.0.1, serving the built renderer, for browsers and e2e tests.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeWire, encodeWire, type Base64Codec } from '../electron/common/wire';
import type { EventName } from '../electron/common/contract';
import { formatErrorMessage } from '../electron/common/errors';
import { largestWireFileBytes, MAX_WIRE_BODY_BYTES, wireFileName } from '../electron/core/files/upload-size';
import { uploadLimits } from '../electron/core/files/page-image';
import { createAppCore, type AppCoreOptions } from '../electron/core/app-core';
import { createLogger } from '../electron/core/logger';
import { createDevSecrets } from '../electron/core/sync/dev-secrets';
import { createDevKeyVault } from '../electron/core/crypto/dev-key-vault';
import { CONTENT_SECURITY_POLICY } from '../electron/common/csp';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const MAX_BODY = MAX_WIRE_BODY_BYTES; // a 50 MB file as base64 plus JSON framing

const nodeCodec: Base64Codec = {
  encode: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
  decode: (b64) => {
    const buf = Buffer.from(b64, 'base64');
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  },
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

export type WebHostOptions = Partial<AppCoreOptions> & {
  port?: number;
  dataDir: string;
  rendererDir?: string;
  token?: string;
  quiet?: boolean;
};

export type WebHost = { url: string; port: number; token: string; server: Server; close(): Promise<void> };

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The body, or null past MAX_BODY: refused from Content-Length before a byte is read, else stopped mid-stream. */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return Promise.resolve(null);
  const declared = Number(req.headers['content-length'] ?? NaN);
  return new Promise((resolveBody, reject) => {
    // copied into one buffer as it arrives: joining 70 MB of chunks at the end stood the event loop still for ~0.3 s
    const whole = Number.isSafeInteger(declared) && declared >= 0 ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      if (size + c.length > MAX_BODY || (whole && size + c.length > whole.length)) {
        resolveBody(null);
        req.destroy();
        return;
      }
      if (whole) c.copy(whole, size);
      else chunks.push(c);
      size += c.length;
    });
    req.on('end', () => resolveBody(whole ? whole.subarray(0, size) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const quiet = opts.quiet ?? false;
  const logger =
    opts.logger ??
    createLogger((line) => {
      if (!quiet) process.stderr.write(`${line}\n`);
    });
  const core = await createAppCore({
    ...opts,
    dataDir: opts.dataDir,
    resourcesDir: opts.resourcesDir ?? join(repoRoot, 'resources'),
    logger,
    // DEVELOPMENT key file (not encrypted); the Electron app keeps credentials with safeStorage
    secrets: opts.secrets ?? createDevSecrets(opts.dataDir),
    // DEVELOPMENT master key file (<data>/master-key.DEV-NOT-PROTECTED.json, 0600); Electron wraps it with safeStorage
    vault: opts.vault ?? createDevKeyVault(opts.dataDir),
    // the .ts source, compiled by tsx inside the thread: `--import tsx` does not reach worker threads on Node 20
    // uploads are opened in their own thread, within a time and memory budget (same loader as the preprocess thread)
    inspectWorker: opts.inspectWorker ?? {
      entry: new URL('../electron/workers/inspect-worker.ts', import.meta.url),
      loader: import.meta.resolve('tsx/esm/api'),
    },
    preprocessWorker: opts.preprocessWorker ?? {
      entry: new URL('../electron/workers/preprocess-worker.ts', import.meta.url),
      loader: import.meta.resolve('tsx/esm/api'),
    },
  });
  const rendererDir = opts.rendererDir ?? join(repoRoot, 'dist', 'renderer');
  // one feed per open stream, each ended by core when its session ends (logout, idle, disabled account)
  const sseClients = new Map<ServerResponse, { close(): void }>();
  let port = opts.port ?? 0;

  function allowedHost(req: IncomingMessage): boolean {
    // DNS-rebinding guard: only our own loopback origin may talk to us
    const host = req.headers.host ?? '';
    return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  }

  function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8') {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(body);
  }

  async function handleRpc(req: IncomingMessage, res: ServerResponse, name: string) {
    const hostToken = String(req.headers['x-host-token'] ?? '');
    if (!sameToken(hostToken, token)) return send(res, 401, encodeWire({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sai mã phiên của máy chủ web.' } }));
    const body = await readBody(req);
    // a file over the limit is refused before the JSON is parsed or its base64 decoded (that alone stalled the host)
    if (body === null || largestWireFileBytes(body) > uploadLimits.maxFileBytes) {
      const message = formatErrorMessage('FILE_TOO_LARGE', { name: (body && wireFileName(body)) ?? '' });
      if (body === null) res.setHeader('connection', 'close'); // the rest of an over-long body is not read
      return send(res, 413, encodeWire({ ok: false, error: { code: 'FILE_TOO_LARGE', message } }));
    }
    let input: unknown;
    try {
      input = body.length > 0 ? decodeWire(body.toString('utf8'), nodeCodec) : {};
    } catch {
      return send(res, 400, encodeWire({ ok: false, error: { code: 'VALIDATION', message: 'Yêu cầu không đúng định dạng.' } }));
    }
    const session = String(req.headers['x-session'] ?? '') || null;
    const result = await core.router.dispatch(name, session, input);
    send(res, 200, encodeWire(result, nodeCodec));
  }

  /** The stream is fetched with the same headers as a call (never tokens in the URL: they end up in logs and history). */
  function handleEvents(req: IncomingMessage, res: ServerResponse) {
    if (!sameToken(String(req.headers['x-host-token'] ?? ''), token)) return send(res, 401, '{}');
    let feed: { close(): void };
    try {
      feed = core.openEventFeed(
        String(req.headers['x-session'] ?? ''),
        (event: EventName, payload: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`),
        () => {
          sseClients.delete(res);
          res.end();
        },
      );
    } catch {
      return send(res, 401, '{}');
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(`: connected\n\n`);
    sseClients.set(res, feed);
    req.on('close', () => {
      feed.close();
      sseClients.delete(res);
    });
  }

  function serveStatic(res: ServerResponse, pathname: string) {
    const root = resolve(rendererDir);
    let rel: string;
    try {
      rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    } catch {
      return send(res, 400, 'bad request', 'text/plain'); // a malformed %-escape (e.g. /%E0%A4%A)
    }
    let file = normalize(join(root, rel));
    if (!file.startsWith(root + sep)) return send(res, 403, 'forbidden', 'text/plain');
    if (!existsSync(file) || !statSync(file).isFile()) file = join(root, 'index.html'); // client-side routes
    if (!existsSync(file)) return send(res, 500, 'Renderer chưa được build: hãy chạy `npm run build:renderer`.', 'text/plain; charset=utf-8');
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
    res.end(readFileSync(file));
  }

  function route(req: IncomingMessage, res: ServerResponse) {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      return send(res, 400, '{}');
    }
    if (!allowedHost(req)) return send(res, 403, '{}');
    if (req.method === 'POST' && url.pathname.startsWith('/rpc/')) {
      handleRpc(req, res, url.pathname.slice(5)).catch((error: unknown) => {
        logger.error('rpc transport failed', { error });
        if (!res.headersSent) send(res, 500, '{}');
      });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/events') return handleEvents(req, res);
    if (req.method === 'GET') return serveStatic(res, url.pathname);
    send(res, 405, '{}');
  }

  // nothing a request carries may take the host down: anything unexpected is a 500 for that request only
  const server = createServer((req, res) => {
    try {
      route(req, res);
    } catch (error) {
      logger.error('request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) send(res, 500, '{}');
      else res.destroy();
    }
  });

  try {
    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('error', rejectListen);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', rejectListen);
        resolveListen();
      });
    });
  } catch (error) {
    await core.close();
    const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    throw new Error(busy ? `Cổng ${port} đang được chương trình khác dùng: hãy chọn cổng khác (--port).` : String(error), { cause: error });
  }
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : port;
  const url = `http://127.0.0.1:${port}/?t=${token}`;
  return {
    url,
    port,
    token,
    server,
    async close() {
      for (const [res, feed] of sseClients) {
        feed.close();
        res.end();
      }
      // stop accepting, then drop kept-alive connections at once: close()'s callback waits for every one of them
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
      await core.close();
    },
  };
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main() {
  const args = process.argv.slice(2);
  const host = await startWebHost({
    port: Number(argValue(args, '--port') ?? 5173),
    dataDir: resolve(argValue(args, '--data') ?? join(repoRoot, '.data', 'web')),
    token: argValue(args, '--token'),
    ocrWorkers: argValue(args, '--ocr-workers') ? Number(argValue(args, '--ocr-workers')) : undefined,
    ...(argValue(args, '--sync-probe-ms')
      ? { syncTiming: { offlineProbeMs: Number(argValue(args, '--sync-probe-ms')), onlineIntervalMs: Number(argValue(args, '--sync-interval-ms') ?? 30_000) } }
      : {}),
  });
  process.stdout.write(`Đại lý DVC (web) đang chạy: ${host.url}\n`);
  const stop = () => {
    // the database is consistent after every commit: if shutting down takes too long (a stuck OCR page), just exit
    setTimeout(() => process.exit(1), 15_000).unref();
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
