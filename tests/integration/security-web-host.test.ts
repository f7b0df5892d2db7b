// Probes of the web host as an attacker on the same machine would make them: a malformed URL, an event stream that
// outlives its session, credentials in URLs, bodies too large to read and files too large to decode.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../electron/common/contract';
import { decodeWire, encodeWire, type Base64Codec } from '../../electron/common/wire';
import { adminLogin, office } from '../support/core-harness';
import { BIRTH } from '../support/review-fixtures';
import { startHostProcess, type HostProcess } from '../support/web-host-process';

const nodeCodec: Base64Codec = {
  encode: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
  decode: (b64) => new Uint8Array(Buffer.from(b64, 'base64')),
};

let host: HostProcess;
let dataDir = '';
let hostToken = '';

type Result<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** One request per connection (agent: false): a kept-alive socket the host just closed would fail a call at random. */
function post(path: string, headers: Record<string, string>, body: Buffer | string): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'POST', agent: false, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function rpc<T>(name: string, session: string | null, input: unknown = {}): Promise<Result<T>> {
  const res = await post(`/rpc/${name}`, { 'content-type': 'application/json', 'x-host-token': hostToken, 'x-session': session ?? '' }, encodeWire(input, nodeCodec));
  return decodeWire(res.text, nodeCodec) as Result<T>;
}

async function call<T>(name: string, session: string | null, input: unknown = {}): Promise<T> {
  const r = await rpc<T>(name, session, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** A raw GET with exactly this request line (fetch would normalise a malformed path). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Peak resident memory of the host process so far (VmHWM), in MB. */
function peakMb(): number {
  const status = readFileSync(`/proc/${String(host.child.pid)}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

let admin = '';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dvc-sec-host-'));
  host = await startHostProcess(dataDir, ['--ocr-workers', '1']);
  hostToken = new URL(host.url).searchParams.get('t') ?? '';
  admin = (await call<{ token: string }>('setup.complete', null, { office, admin: adminLogin })).token;
}, 180_000);

afterAll(async () => {
  await host.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('web host under probing', () => {
  it('answers a malformed URL with 400, without a token, and keeps serving', async () => {
    const bad = await rawGet('/%E0%A4%A');
    expect(bad.status).toBe(400);
    expect((await rawGet('/%')).status).toBe(400);
    expect(host.child.exitCode).toBeNull();
    const info = await call<{ setupRequired: boolean }>('app.info', null);
    expect(info.setupRequired).toBe(false);
  });

  it('never takes the session token from the URL of the event stream', async () => {
    const session = (await call<{ token: string }>('auth.login', null, { username: adminLogin.username, password: adminLogin.password })).token;
    const controller = new AbortController();
    const old = await fetch(`${host.origin}/events?t=${hostToken}&s=${session}`, { signal: controller.signal });
    expect(old.status).toBe(401);
    controller.abort();
    await call('auth.logout', session);
  });

  it('ends the event stream when its session logs out, and refuses it afterwards', async () => {
    const session = (await call<{ token: string }>('auth.login', null, { username: adminLogin.username, password: adminLogin.password })).token;
    const headers = { 'x-host-token': hostToken, 'x-session': session };
    const res = await fetch(`${host.origin}/events`, { headers });
    expect(res.status).toBe(200);
    const reader = res.body?.getReader();
    if (!reader) throw new Error('no stream');
    const first = (await reader.read()) as { value?: Uint8Array };
    expect(new TextDecoder().decode(first.value)).toContain('connected');
    await call('auth.logout', session);
    const ended = await Promise.race([
      (async () => {
        for (;;) {
          const chunk = await reader.read();
          if (chunk.done) return 'ended';
        }
      })(),
      new Promise((r) => setTimeout(() => r('still open'), 3000)),
    ]);
    expect(ended).toBe('ended');
    expect((await fetch(`${host.origin}/events`, { headers })).status).toBe(401);
  });

  it('refuses a body whose Content-Length is over the limit before reading it', async () => {
    const { hostname, port } = new URL(host.origin);
    const started = Date.now();
    const status = await new Promise<number | string>((resolve) => {
      const req = request(
        {
          hostname,
          port,
          path: '/rpc/pages.add',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(500 * 1024 * 1024), 'x-host-token': hostToken, 'x-session': admin },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', () => resolve('reset'));
      req.write('{"dossierId":"x"');
      setTimeout(() => {
        resolve('no answer');
        req.destroy();
      }, 3000);
    });
    expect(status).toBe(413);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses a 50 MB + 10 B file at once, without decoding it and without stalling other calls', async () => {
    const d = await call<DossierDetail>('dossiers.create', admin, { procedureCode: BIRTH });
    const componentId = d.components[0]?.id;
    const big = new Uint8Array(50 * 1024 * 1024 + 10);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    // encoded before the clock starts: turning 70 MB of text into bytes would stall this test process, not the host
    const body = Buffer.from(encodeWire({ dossierId: d.id, componentId, fileName: 'qua-lon.jpg', bytes: big }, nodeCodec));
    const before = peakMb();
    // meanwhile another call every 50 ms: the slowest answer is how long the host's event loop stood still
    let slowest = 0;
    let pinging = true;
    const pings = (async () => {
      while (pinging) {
        const t0 = Date.now();
        await call('app.info', null);
        slowest = Math.max(slowest, Date.now() - t0);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const started = Date.now();
    const { text } = await post('/rpc/pages.add', { 'content-type': 'application/json', 'x-host-token': hostToken, 'x-session': admin }, body);
    const answer = decodeWire(text, nodeCodec) as Result<unknown>;
    const took = Date.now() - started;
    pinging = false;
    await pings;
    const grew = peakMb() - before;
    process.stdout.write(`50 MB + 10 B upload: answered in ${String(took)} ms, host peak memory +${grew.toFixed(0)} MB, slowest other call ${String(slowest)} ms\n`);
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.error.code).toBe('FILE_TOO_LARGE');
      expect(answer.error.message).toMatch(/50 MB/);
    }
    expect(grew).toBeLessThan(400);
    expect(slowest).toBeLessThan(1000);
  });
});
