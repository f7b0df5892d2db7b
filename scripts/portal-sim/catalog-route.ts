// GET /catalog: the simulator's catalog, serialized and gzipped once, revalidated by ETag (304) on every later poll.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { CatalogFile } from '../../electron/common/catalog';
import type { SimContext } from './context';
import { bumpCounter } from './store';

const gzipAsync = promisify(gzip);

type Encoded = { etag: string; json: Buffer; gzipped: Buffer };

// The shipped catalog is ~33 MB of JSON (3.6 MB gzipped): serialized and compressed once per catalog, not per request.
const encodings = new WeakMap<CatalogFile, Promise<Encoded>>();

async function encode(catalog: CatalogFile): Promise<Encoded> {
  const json = Buffer.from(JSON.stringify(catalog), 'utf8');
  const gzipped = await gzipAsync(json, { level: 6 });
  // weak: the gzipped and the plain answer are the same catalog, so one tag revalidates either (RFC 9110 §8.8.1)
  const etag = `W/"${createHash('sha256').update(json).digest('hex').slice(0, 32)}"`;
  return { etag, json, gzipped };
}

function encoded(catalog: CatalogFile): Promise<Encoded> {
  let hit = encodings.get(catalog);
  if (!hit) {
    hit = encode(catalog);
    encodings.set(catalog, hit);
  }
  return hit;
}

/** If-None-Match holds our tag (weak comparison, any of a list, or "*"). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** Accept-Encoding names gzip with a non-zero weight. */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [coding = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

export async function handleCatalog(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { etag, json, gzipped } = await encoded(ctx.catalog);
  const common = { ETag: etag, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
  if (etagMatches(req.headers['if-none-match'], etag)) {
    bumpCounter(ctx.db, 'catalogNotModified');
    res.writeHead(304, common);
    res.end();
    return;
  }
  const zipped = acceptsGzip(req.headers['accept-encoding']);
  const body = zipped ? gzipped : json;
  bumpCounter(ctx.db, 'catalogDownloads');
  bumpCounter(ctx.db, 'catalogBytesSent', body.length);
  res.writeHead(200, {
    ...common,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(body.length),
    ...(zipped ? { 'Content-Encoding': 'gzip' } : {}),
  });
  res.end(body);
}
