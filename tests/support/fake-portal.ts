// An in-memory PortalClient with the protocol's guarantees (idempotency, resumable uploads, feed) and scripted faults.
import { createHash } from 'node:crypto';
import type {
  ChangesPage,
  DossierSubmission,
  PortalClient,
  PortalFailure,
  PortalResult,
  StatusChange,
  UploadInput,
} from '../../electron/core/sync/portal-client';
import { retry } from '../../electron/core/sync/portal-http';

export type FakeFault = 'server_error' | 'rate_limited' | 'reset_before' | 'reset_after' | 'refuse';

type Upload = { sha256: string; size: number; bytes: Buffer; offset: number };
type Filed = {
  portalCode: string;
  key: string;
  bodyHash: string;
  localCode: string | null;
  status: StatusChange['status'];
};

/** Thrown at a planned crash point, after the fake has run `onCrash` (which closes the app's database). */
export class CrashError extends Error {
  constructor() {
    super('simulated crash');
  }
}

const CHUNK = 16;
const next: Record<string, StatusChange['status'] | undefined> = {
  received: 'processing',
  processing: 'supplement_requested',
  supplement_requested: 'result_ready',
  result_ready: 'completed',
};

export class FakePortal implements PortalClient {
  online = true;
  /** consumed one per request, in order */
  faults: FakeFault[] = [];
  /** consumed one per POST /dossiers only (the request where a lost answer hurts) */
  postFaults: FakeFault[] = [];
  /** crash at the n-th request from now (0 = the next one); 'after' lets that request take effect first */
  crashPlan: { requestsLeft: number; phase: 'before' | 'after'; onlyPosts?: boolean } | null = null;
  onCrash: () => void = () => undefined;
  readonly uploads = new Map<string, Upload>();
  readonly filed = new Map<string, Filed>();
  readonly feed: StatusChange[] = [];
  posts = 0;
  /** answers given from the idempotency record (the dossier was already filed) */
  replays = 0;
  private seq = 0;
  private uploadSeq = 0;

  /** Runs `effect` under the fault pipeline: offline, scripted faults and the crash plan. */
  private async request<T>(effect: () => T | Promise<T>, isPost = false): Promise<PortalResult<T>> {
    await Promise.resolve();
    if (!this.online) return retry('network');
    const plan = this.crashPlan;
    if (plan && (isPost || !plan.onlyPosts) && plan.requestsLeft-- <= 0) {
      this.crashPlan = null;
      if (plan.phase === 'after') await effect();
      this.onCrash();
      throw new CrashError();
    }
    const fault = (isPost ? this.postFaults.shift() : undefined) ?? this.faults.shift();
    if (fault === 'server_error') return retry('server_error', { status: 503 });
    if (fault === 'rate_limited') return retry('rate_limited', { status: 429, retryAfterMs: 1 });
    if (fault === 'reset_before') return retry('network');
    if (fault === 'refuse')
      return {
        kind: 'fix',
        status: 422,
        errors: [
          {
            path: 'applicant.idNumber',
            code: 'id_number_invalid',
            message: 'Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số.',
          },
        ],
      };
    const value = await effect();
    if (fault === 'reset_after') return retry('network');
    return { kind: 'ok', value };
  }

  authorize() {
    return Promise.resolve<PortalResult<null>>(this.online ? { kind: 'ok', value: null } : retry('network'));
  }

  health() {
    return Promise.resolve<PortalResult<{ status: 'ok'; time: string; version: string }>>(
      this.online
        ? { kind: 'ok', value: { status: 'ok', time: new Date().toISOString(), version: 'fake' } }
        : retry('network'),
    );
  }

  async uploadFile(input: UploadInput) {
    let url =
      input.uploadUrl && this.uploads.get(input.uploadUrl)?.size === input.source.size
        ? input.uploadUrl
        : null;
    if (!url) {
      const created = await this.request(() => {
        const u = `fake://upload/${++this.uploadSeq}`;
        this.uploads.set(u, {
          sha256: input.sha256,
          size: input.source.size,
          bytes: Buffer.alloc(0),
          offset: 0,
        });
        return u;
      });
      if (created.kind !== 'ok') return created;
      url = created.value;
      await input.onCreated?.(url);
    }
    const up = this.uploads.get(url);
    if (!up) return { kind: 'retry', reason: 'protocol', message: 'gone' } satisfies PortalFailure;
    input.onProgress?.({ uploaded: up.offset, total: up.size });
    while (up.offset < up.size) {
      const at = up.offset;
      const chunk = await input.source.read(at, Math.min(CHUNK, up.size - at));
      // as tus does: a chunk for an offset the upload has moved past (another writer) is refused (409)
      const sent = await this.request(() => {
        if (up.offset !== at) return false;
        up.bytes = Buffer.concat([up.bytes, chunk]);
        up.offset += chunk.length;
        return true;
      });
      if (sent.kind !== 'ok') return sent;
      if (!sent.value) return retry('protocol', { status: 409 });
      input.onProgress?.({ uploaded: up.offset, total: up.size });
    }
    if (createHash('sha256').update(up.bytes).digest('hex') !== up.sha256) {
      // the portal drops a damaged upload (410): the next try starts a new one
      this.uploads.delete(url);
      return {
        kind: 'fix',
        status: 460,
        errors: [{ path: 'file', code: 'sha256_mismatch', message: 'sha256' }],
      } satisfies PortalFailure;
    }
    return {
      kind: 'ok',
      value: { uploadUrl: url, sha256: up.sha256, size: up.size, resumedFrom: 0, bytesSent: 0, created: 0 },
    } as const;
  }

  private complete(sha256: string): boolean {
    for (const u of this.uploads.values()) if (u.sha256 === sha256 && u.offset === u.size) return true;
    return false;
  }

  async submitDossier(key: string, body: DossierSubmission) {
    this.posts += 1;
    const bodyHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    const result = await this.request(() => {
      const previous = [...this.filed.values()].find((f) => f.key === key);
      if (previous) {
        if (previous.bodyHash !== bodyHash) return 'conflict';
        this.replays += 1;
        return { filed: previous, replayed: true };
      }
      const missing = body.components.flatMap((c) => c.files).filter((f) => !this.complete(f.sha256));
      if (missing.length > 0) return 'missing';
      const filed: Filed = {
        portalCode: `FAKE-${String(this.filed.size + 1).padStart(5, '0')}`,
        key,
        bodyHash,
        localCode: body.localCode ?? null,
        status: 'received',
      };
      this.filed.set(filed.portalCode, filed);
      this.push(filed, 'received');
      return { filed, replayed: false };
    }, true);
    if (result.kind !== 'ok') return result;
    const v = result.value;
    if (v === 'conflict') return { kind: 'conflict', message: 'conflict' } satisfies PortalFailure;
    if (v === 'missing')
      return {
        kind: 'fix',
        status: 422,
        errors: [{ path: 'components', code: 'file_missing', message: 'Tệp chưa được tải lên.' }],
      } satisfies PortalFailure;
    return {
      kind: 'ok',
      value: {
        portalCode: v.filed.portalCode,
        status: 'received' as const,
        receivedAt: new Date().toISOString(),
        replayed: v.replayed,
      },
    } as const;
  }

  private push(f: Filed, status: StatusChange['status']): void {
    f.status = status;
    this.feed.push({
      seq: ++this.seq,
      portalCode: f.portalCode,
      idempotencyKey: f.key,
      status,
      at: new Date().toISOString(),
      message: status,
      ...(status === 'supplement_requested'
        ? { supplementRequest: { documents: ['Tờ khai'], note: 'Quét lại.' } }
        : {}),
    });
  }

  /** Every filed dossier moves one status step. */
  advance(): void {
    for (const f of this.filed.values()) {
      const to = next[f.status];
      if (to) this.push(f, to);
    }
  }

  getChanges(cursor: string | null, opts: { limit?: number } = {}) {
    return this.request((): ChangesPage => {
      const after = Number(cursor ?? 0);
      const changes = this.feed.filter((c) => c.seq > after).slice(0, opts.limit ?? 100);
      return { changes, nextCursor: String(changes.at(-1)?.seq ?? after) };
    });
  }

  getDossier(): never {
    throw new Error('not used by the engine');
  }

  getCatalog(): never {
    throw new Error('not used by the engine');
  }

  close() {
    return Promise.resolve();
  }
}
