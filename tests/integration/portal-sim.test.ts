// The portal simulator over real HTTP, driven through the app's portal client: tokens, resumable uploads, idempotency, feed, faults.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { get as httpGet } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createHttpPortalClient,
  type PortalClient,
  type StatusChange,
} from '../../electron/core/sync/portal-client';
import type { PortalSimOptions } from '../../scripts/portal-sim/options';
import { startPortalSim, type PortalSimHandle } from '../../scripts/portal-sim/server';
import {
  birthRegistration,
  bufferSource,
  countingFetch,
  movableClock,
  randomFile,
  tempDataDir,
  uploadAll,
  type MovableClock,
} from '../support/portal-sim-fixtures';

const agent = { clientId: 'DL-HN-0042', clientSecret: 'bí-mật-42' };

let data: ReturnType<typeof tempDataDir>;
let sim: PortalSimHandle;
let simClock: MovableClock;
let appClock: MovableClock;
let client: PortalClient;

async function boot(extra: Partial<PortalSimOptions> = {}): Promise<void> {
  sim = await startPortalSim({
    dataDir: data.dir,
    clients: [agent],
    speed: 0,
    seed: 7,
    now: () => simClock.now(),
    ...extra,
  });
}

function clientFor(
  url: string,
  over: Partial<Parameters<typeof createHttpPortalClient>[0]> = {},
): PortalClient {
  // one request, one answer: these tests look at the protocol itself, without the client's in-pass retries
  return createHttpPortalClient({ baseUrl: url, ...agent, clock: appClock, retryDelaysMs: [], ...over });
}

beforeEach(async () => {
  data = tempDataDir();
  simClock = movableClock();
  appClock = movableClock();
  await boot();
  client = clientFor(sim.url);
});

afterEach(async () => {
  await sim.stop();
  data.remove();
});

describe('tokens', () => {
  it('reuses a token, refreshes it before expiry, after a 401 and after revocation', async () => {
    await sim.stop();
    await boot({ tokenTtlS: 60 });
    client = clientFor(sim.url);
    expect((await client.getChanges(null)).kind).toBe('ok');
    expect((await client.getChanges(null)).kind).toBe('ok');
    expect(sim.stats().tokensIssued).toBe(1);

    appClock.shift = 55_000; // inside the last 10% of the token's life: refresh before sending
    expect((await client.getChanges(null)).kind).toBe('ok');
    expect(sim.stats().tokensIssued).toBe(2);

    simClock.shift = 200_000; // the portal thinks it expired while the app does not
    expect((await client.getChanges(null)).kind).toBe('ok');
    expect(sim.stats().tokensIssued).toBe(3);

    sim.revokeAllTokens();
    expect((await client.getCatalog()).kind).toBe('ok');
    expect(sim.stats().tokensIssued).toBe(4);

    // reading the 33 MB catalog held this shared event loop for seconds, so the portal's keep-alive timer may have
    // closed the socket this request reuses: the app's in-pass retry covers that race (a refusal is never retried)
    const wrong = clientFor(sim.url, { clientSecret: 'sai', retryDelaysMs: [50] });
    expect(await wrong.getChanges(null)).toMatchObject({ kind: 'auth' });
  });
});

describe('resumable uploads', () => {
  it('continues at the server offset after a kill and a reset, sending at most one chunk twice', async () => {
    const chunkSize = 256 * 1024;
    const file = randomFile('to-khai.pdf', 5 * 256 * 1024 + 1234);
    const wire = { patchBytes: 0 };
    client = clientFor(sim.url, { chunkSize, fetch: countingFetch(wire) });
    const created: string[] = [];
    const base = {
      source: bufferSource(file.bytes),
      sha256: file.sha256,
      fileName: file.name,
      mime: 'application/pdf',
      onCreated: (url: string) => void created.push(url),
    };

    // 1. the process "dies" after two chunks
    const kill = new AbortController();
    await expect(
      client.uploadFile({
        ...base,
        signal: kill.signal,
        onProgress: (p) => p.uploaded >= 2 * chunkSize && kill.abort(),
      }),
    ).rejects.toThrow();
    // 2. back again, but the connection is cut in the middle of the next chunk
    sim.setFaults({ resetRate: 1 });
    expect(await client.uploadFile({ ...base, uploadUrl: created[0] })).toMatchObject({
      kind: 'retry',
      reason: 'network',
    });
    expect(sim.stats().faults.resetsMidUpload).toBe(1);
    // 3. the network is fine again
    sim.setFaults({ resetRate: 0 });
    const done = await client.uploadFile({ ...base, uploadUrl: created[0] });
    if (done.kind !== 'ok') throw new Error(JSON.stringify(done));

    expect(created).toHaveLength(1);
    expect(done.value.resumedFrom).toBeGreaterThanOrEqual(2 * chunkSize);
    expect(done.value.resumedFrom).toBeLessThan(3 * chunkSize);
    expect(wire.patchBytes).toBeLessThanOrEqual(file.bytes.length + chunkSize);
    const stats = sim.stats();
    expect(stats.uploadBytesReceived).toBe(file.bytes.length); // what arrived before the cut was kept
    expect(stats.filesWithSha256).toBe(1);
    expect(await sim.listFiles({ rehash: true })).toEqual([
      { sha256: file.sha256, size: file.bytes.length, clientId: agent.clientId, storedSha256: file.sha256 },
    ]);
  });

  it('refuses a file whose bytes do not match the declared SHA-256, and a dossier that points at it', async () => {
    const good = randomFile('giay-chung-sinh.pdf', 40_000);
    const bad = { ...randomFile('to-khai.pdf', 30_000), sha256: randomFile('x', 10).sha256 };
    let url = '';
    const upload = (uploadUrl?: string) =>
      client.uploadFile({
        source: bufferSource(bad.bytes),
        sha256: bad.sha256,
        fileName: bad.name,
        mime: 'application/pdf',
        uploadUrl,
        onCreated: (u) => void (url = u),
      });
    expect(await upload()).toMatchObject({
      kind: 'fix',
      errors: [{ path: 'file', code: 'sha256_mismatch' }],
    });
    expect(await upload(url)).toMatchObject({ kind: 'fix' }); // resuming does not slip it through
    await uploadAll(client, [good]);
    const answer = await client.submitDossier('k-bad-file', birthRegistration(bad, good));
    expect(answer).toMatchObject({ kind: 'fix', status: 422 });
    if (answer.kind === 'fix') expect(answer.errors.map((e) => e.path)).toEqual(['components[0].files[0]']);
    expect(sim.stats()).toMatchObject({ checksumFailures: 1, filesWithSha256: 1, dossiersAccepted: 0 });
  });
});

describe('POST /dossiers', () => {
  it('accepts a dossier once per idempotency key, even when the answer to the commit was lost', async () => {
    const form = randomFile('to-khai.pdf', 20_000);
    const cert = randomFile('chung-sinh.pdf', 20_000);
    await uploadAll(client, [form, cert]);
    const body = birthRegistration(form, cert);

    sim.setFaults({ resetRate: 1, resetAfterCommitShare: 1 });
    expect(await client.submitDossier('key-1', body)).toMatchObject({ kind: 'retry', reason: 'network' });
    expect(sim.stats()).toMatchObject({ dossiersAccepted: 1, faults: { resetsAfterCommit: 1 } });

    sim.setFaults({ resetRate: 0 });
    const again = await client.submitDossier('key-1', body);
    const third = await client.submitDossier('key-1', structuredClone(body));
    const committed = sim.listDossiers();
    expect(committed).toHaveLength(1);
    expect(again).toMatchObject({
      kind: 'ok',
      value: { portalCode: committed[0]?.portalCode, replayed: true },
    });
    expect(third).toMatchObject({ kind: 'ok', value: { portalCode: committed[0]?.portalCode } });

    const changed = { ...body, applicant: { ...body.applicant, phone: '0987654321' } };
    expect(await client.submitDossier('key-1', changed)).toMatchObject({ kind: 'conflict' });
    expect(sim.stats()).toMatchObject({
      dossiersAccepted: 1,
      postAttempts: 4,
      duplicateReplays: 2,
      idempotencyConflicts: 1,
    });
  });

  it('answers 422 with field paths and Vietnamese messages, and takes the fixed dossier under the same key', async () => {
    const form = randomFile('to-khai.pdf', 10_000);
    const cert = randomFile('chung-sinh.pdf', 10_000);
    await uploadAll(client, [form]);
    const body = birthRegistration(form, cert);
    const broken = {
      ...body,
      applicant: { ...body.applicant, idNumber: '0011900123' },
      components: body.components.slice(0, 1),
    };
    const refused = await client.submitDossier('key-422', broken);
    if (refused.kind !== 'fix') throw new Error(JSON.stringify(refused));
    expect(refused.errors).toMatchObject([
      { path: 'applicant.idNumber', code: 'id_number_invalid' },
      { path: 'components', code: 'component_missing', component: 'Giấy chứng sinh' },
    ]);
    expect(refused.errors.map((e) => e.message)).toEqual([
      'Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số.',
      'Thiếu thành phần hồ sơ bắt buộc: "Giấy chứng sinh".',
    ]);
    expect(await client.submitDossier('key-422', body)).toMatchObject({
      kind: 'fix',
      errors: [{ path: 'components[1].files[0]', code: 'file_missing' }],
    });
    await uploadAll(client, [cert]);
    expect(await client.submitDossier('key-422', body)).toMatchObject({
      kind: 'ok',
      value: { status: 'received', replayed: false },
    });
  });
});

async function token(): Promise<string> {
  const res = await fetch(`${sim.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: agent.clientId, client_secret: agent.clientSecret }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('one catalog on both sides', () => {
  let form: ReturnType<typeof randomFile>;
  let cert: ReturnType<typeof randomFile>;
  beforeEach(async () => {
    form = randomFile('to-khai.pdf', 4_000);
    cert = randomFile('chung-sinh.pdf', 4_000);
    await uploadAll(client, [form, cert]);
  });
  const refusal = async (key: string, body: ReturnType<typeof birthRegistration>) => {
    const answer = await client.submitDossier(key, body);
    if (answer.kind !== 'fix') throw new Error(JSON.stringify(answer));
    return answer.errors.map((e) => [e.path, e.code, e.component ?? '']);
  };

  it('serves the catalog the app ships by default: the national records with the curated profiles', async () => {
    const res = await fetch(`${sim.url}/catalog`, { headers: { authorization: `Bearer ${await token()}` } });
    const catalog = (await res.json()) as { version: number; catalogVersion: string; procedures: { code: string; cases: { key: string }[] }[] };
    expect(catalog.version).toBe(2);
    expect(catalog.catalogVersion).toContain('curated');
    expect(catalog.procedures.length).toBeGreaterThan(5_000);
    expect(catalog.procedures.find((p) => p.code === '1.004222')?.cases.map((c) => c.key)).toContain('so-huu');
  });

  it('sends the catalog gzipped, then only "not modified" for the ETag the app holds', async () => {
    // raw bytes as they cross the wire (node:http does not undo Content-Encoding the way fetch does)
    const raw = await new Promise<{ status: number; headers: Record<string, unknown>; bytes: number }>(
      (done, fail) => {
        void token().then((bearer) =>
          httpGet(`${sim.url}/catalog`, { headers: { authorization: `Bearer ${bearer}`, 'accept-encoding': 'gzip' } }, (res) => {
            let bytes = 0;
            res.on('data', (c: Buffer) => (bytes += c.length));
            res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
          }).on('error', fail),
        );
      },
    );
    expect(raw).toMatchObject({ status: 200, headers: { 'content-encoding': 'gzip', vary: 'Accept-Encoding' } });
    const first = await client.getCatalog();
    if (first.kind !== 'ok' || first.value.notModified) throw new Error(JSON.stringify(first).slice(0, 300));
    const plainBytes = Buffer.byteLength(JSON.stringify(first.value.catalog));
    console.log(`GET /catalog: ${raw.bytes} bytes gzipped on the wire for ${plainBytes} bytes of JSON (÷${(plainBytes / raw.bytes).toFixed(1)})`);
    // the shipped catalog: ~33 MB of JSON, ~3.6 MB gzipped; a counter's line must not carry the plain one
    expect(raw.bytes).toBeLessThan(plainBytes / 5);
    expect(first.value.catalog.procedures.find((p) => p.code === '1.004222')?.cases.map((c) => c.key)).toContain('so-huu');
    expect(first.value.etag).toMatch(/^W\/"[0-9a-f]+"$/);
    // the portal and the app share this test's event loop: reading 33 MB held it for seconds, so the portal's
    // keep-alive timer may have closed the idle socket the client is about to reuse; the app's in-pass retry covers
    // that race, so this second request goes through a client that has one (the first client has none, on purpose)
    const appLike = clientFor(sim.url, { retryDelaysMs: [50] });
    expect(await appLike.getCatalog(first.value.etag)).toEqual({ kind: 'ok', value: { notModified: true } });
    expect(sim.stats().catalog).toEqual({ downloads: 2, notModified: 1, bytesSent: 2 * raw.bytes });
  });

  it('reads a portal that still serves a version 1 catalog (gzipped file as is, no Content-Encoding)', async () => {
    const v1 = {
      format: 'dai-ly-dvc-catalog',
      version: 1,
      catalogVersion: 'portal-2025-12-01',
      exportedAt: '2025-12-01T00:00:00Z',
      procedures: [
        {
          code: '1.001193',
          name: 'Thủ tục đăng ký khai sinh',
          modes: [{ mode: 'online', deadlineValue: 1, deadlineUnit: 'working_day', deadlineText: '1 ngày', feeVnd: 0, feeText: 'Miễn lệ phí' }],
          components: [
            { kind: 'submit', name: 'Giấy chứng sinh', originals: 1, copies: 0, required: true },
            { kind: 'submit', name: 'Văn bản ủy quyền', originals: 1, copies: 0, required: false },
          ],
        },
      ],
    };
    const oldPortal: typeof fetch = (input) =>
      Promise.resolve(
        (input instanceof Request ? input.url : input instanceof URL ? input.href : input).endsWith('/oauth/token')
          ? Response.json({ access_token: 'tok', token_type: 'Bearer', expires_in: 3600 })
          : new Response(gzipSync(JSON.stringify(v1)), { status: 200, headers: { etag: '"portal-2025-12-01"' } }),
      );
    const got = await clientFor('http://portal.invalid', { fetch: oldPortal }).getCatalog();
    if (got.kind !== 'ok' || got.value.notModified) throw new Error(JSON.stringify(got));
    expect(got.value).toMatchObject({ etag: '"portal-2025-12-01"', catalog: { version: 2, catalogVersion: 'portal-2025-12-01' } });
    expect(got.value.catalog.procedures[0]?.documents.map((d) => [d.name, d.requirement])).toEqual([
      ['Giấy chứng sinh', 'required'],
      ['Văn bản ủy quyền', 'optional'],
    ]);
  });

  it('asks for the case of a procedure that has cases, and checks that case’s documents in the dossier’s mode', async () => {
    expect(await refusal('no-case', { ...birthRegistration(form, cert), caseKey: undefined })).toEqual([['caseKey', 'case_missing', '']]);
    // in person the paper declaration is asked for, not the e-form
    expect(await refusal('direct', { ...birthRegistration(form, cert), mode: 'direct' })).toEqual([
      ['components', 'component_missing', 'Tờ khai đăng ký khai sinh'],
    ]);
    // another case asks for its own document
    expect(await refusal('witness', { ...birthRegistration(form, cert), caseKey: 'nguoi-lam-chung' })).toEqual([
      ['components', 'component_missing', 'Văn bản người làm chứng'],
    ]);
  });

  it('asks for a conditional document only when the agent answered "áp dụng"', async () => {
    const body = birthRegistration(form, cert);
    expect(await refusal('proxy', { ...body, appliedConditions: ['van-ban-uy-quyen'] })).toEqual([
      ['components', 'component_missing', 'Văn bản ủy quyền'],
    ]);
    expect(await client.submitDossier('no-proxy', body)).toMatchObject({ kind: 'ok' });
  });

  it('matches documents by key, and by name for a client that sends none', async () => {
    const body = birthRegistration(form, cert);
    const byName = {
      ...body,
      components: [
        { name: 'Tờ khai điện tử (biểu mẫu tương tác)', files: body.components[0]?.files ?? [] },
        { name: 'Giấy chứng sinh', files: body.components[1]?.files ?? [] },
      ],
    };
    expect(await client.submitDossier('by-name', byName)).toMatchObject({ kind: 'ok' });
    // a key decides over a name: the right name under another key is not the document
    const wrongKey = { ...body, components: [body.components[0], { ...body.components[1], docKey: 'giay-cam-doan' }] } as typeof body;
    expect(await refusal('wrong-key', wrongKey)).toEqual([['components', 'component_missing', 'Giấy chứng sinh']]);
  });
});

describe('status feed', () => {
  it('moves dossiers through portal statuses and pages the changes with a cursor', async () => {
    const form = randomFile('to-khai.pdf', 5_000);
    const cert = randomFile('chung-sinh.pdf', 5_000);
    await uploadAll(client, [form, cert]);
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await client.submitDossier(`feed-${i}`, birthRegistration(form, cert, `TN-${i}`));
      if (r.kind === 'ok') codes.push(r.value.portalCode);
    }
    sim.advance(); // all processing now
    expect(sim.requestSupplement(codes[0] ?? '', ['Giấy chứng sinh'], 'Ảnh chụp bị mờ.')).toBe(true);
    const dossier = await client.getDossier(codes[0] ?? '');
    expect(dossier).toMatchObject({
      kind: 'ok',
      value: { status: 'supplement_requested', supplementRequest: { documents: ['Giấy chứng sinh'] } },
    });
    for (let i = 0; i < 8 && sim.advance() > 0; i++);

    const seen: StatusChange[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const r = await client.getChanges(cursor, { limit: 5 });
      if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
      expect(r.value.changes.length).toBeLessThanOrEqual(5);
      seen.push(...r.value.changes);
      if (r.value.changes.length === 0) {
        expect(r.value.nextCursor).toBe(cursor);
        break;
      }
      cursor = r.value.nextCursor;
    }
    expect(seen.map((c) => c.seq)).toEqual([...seen.map((c) => c.seq)].sort((a, b) => a - b));
    const valid =
      /^received,processing,(supplement_requested,processing,)?(result_ready,completed|rejected)$/;
    for (const code of codes) {
      const path = seen
        .filter((c) => c.portalCode === code)
        .map((c) => c.status)
        .join(',');
      expect(path).toMatch(valid);
    }
    const supplement = seen.find((c) => c.status === 'supplement_requested' && c.portalCode === codes[0]);
    expect(supplement).toMatchObject({
      idempotencyKey: 'feed-0',
      supplementRequest: { documents: ['Giấy chứng sinh'], note: 'Ảnh chụp bị mờ.' },
    });
  });
});

describe('faults', () => {
  it('tells the client when to come back: 429, maintenance 503 and random 5xx', async () => {
    sim.setFaults({ rateLimit: 2 });
    // three quick calls within one second (the feed: the shipped catalog is megabytes, too slow to come back in time)
    const answers = [await client.getChanges(null), await client.getChanges(null), await client.getChanges(null)];
    expect(answers.at(-1)).toMatchObject({
      kind: 'retry',
      reason: 'rate_limited',
      status: 429,
      retryAfterMs: 1000,
    });
    sim.setFaults({ rateLimit: 0 });

    sim.startMaintenance(30);
    const health = await client.health();
    expect(health).toMatchObject({ kind: 'retry', reason: 'maintenance', status: 503 });
    if (health.kind === 'retry') expect(health.retryAfterMs).toBeGreaterThanOrEqual(29_000);
    simClock.shift = 31_000;
    expect(await client.health()).toMatchObject({ kind: 'ok', value: { status: 'ok' } });

    sim.setFaults({ errorRate: 1 });
    expect(await client.getChanges(null)).toMatchObject({ kind: 'retry', reason: 'server_error' });
  });
});

describe('restart', () => {
  it('keeps dossiers, keys, tokens, feed and counters across a restart on the same data dir', async () => {
    const form = randomFile('to-khai.pdf', 8_000);
    const cert = randomFile('chung-sinh.pdf', 8_000);
    await uploadAll(client, [form, cert]);
    const first = await client.submitDossier('restart-1', birthRegistration(form, cert));
    if (first.kind !== 'ok') throw new Error(JSON.stringify(first));
    const { port } = sim;
    await sim.stop();
    await boot({ port });
    // Like the engine after an outage: probe first. A pooled keep-alive socket to the old process may fail once.
    for (let i = 0; i < 3 && (await client.health()).kind !== 'ok'; i++);

    const replay = await client.submitDossier('restart-1', birthRegistration(form, cert));
    expect(replay).toMatchObject({
      kind: 'ok',
      value: { portalCode: first.value.portalCode, replayed: true },
    });
    expect(await client.getChanges(null)).toMatchObject({
      kind: 'ok',
      value: { changes: [{ portalCode: first.value.portalCode }] },
    });
    expect(sim.stats()).toMatchObject({
      dossiersAccepted: 1,
      tokensIssued: 1,
      filesWithSha256: 2,
      duplicateReplays: 1,
    });
  });

  it('runs as a child process from the command line', async () => {
    const child = spawn(
      'node_modules/.bin/tsx',
      [
        'scripts/portal-sim/cli.ts',
        '--port',
        '0',
        '--data',
        data.dir + '/cli',
        '--admin-token',
        'adm',
        '--speed',
        '0',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const ready = JSON.parse(line.toString().split('\n')[0] ?? '') as { url: string; port: number };
    expect(await (await fetch(`${ready.url}/health`)).json()).toMatchObject({ status: 'ok' });
    const stats = await fetch(`${ready.url}/admin/stats`, { headers: { 'X-Admin-Token': 'adm' } });
    expect(await stats.json()).toMatchObject({ dossiersAccepted: 0 });
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});
