// Bench fixture: a database of N generated dossiers over two years (status events, slots, pages, outbox), written with raw statements.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client';
import { foldVietnamese } from '../../electron/common/text';
import { uuidv7 } from '../../electron/core/uuid';

const DAY = 86_400_000;
const VN = 7 * 3_600_000;

/** Generated names only: common Vietnamese name parts, weighted so "Nguyễn" is as frequent as in real registers (~38%). */
const SURNAMES = 'Nguyễn Nguyễn Nguyễn Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ'.split(' ');
const MIDDLES = 'Văn Thị Hữu Đức Minh Thu Ngọc Quang Thanh Xuân'.split(' ');
const GIVEN = (
  'Hoà Lan Hùng Mai Dũng Hương Tuấn Nga Bình Hà Sơn Thảo Long Yến Phúc Trang Hải Linh Khoa Vy Nam Oanh Quý ' +
  'Tâm Cường Hạnh Kiên Loan Thắng Uyên'
).split(' ');
const FEES = [0, 0, 10_000, 20_000, 50_000, 100_000, null];

/** A small deterministic PRNG (mulberry32): the same seed gives the same database, run after run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Weighted = [string, number][];
/** "status:weight ..." -> pairs */
const weights = (spec: string): Weighted =>
  spec.split(' ').map((p) => {
    const [k, w] = p.split(':');
    return [k ?? '', Number(w)];
  });
const TODAY = weights(
  'draft:10 ready:15 awaiting_review:15 approved:10 queued:15 submitting:5 submitted:15 needs_fix:5 returned:5 received:5',
);
const RECENT = weights(
  'submitted:10 received:30 processing:40 needs_fix:3 supplement_requested:7 result_ready:5 awaiting_review:2 returned:1 withdrawn:2',
);
const MONTH = weights(
  'processing:25 supplement_requested:8 result_ready:20 completed:40 rejected:3 withdrawn:2 needs_fix:2',
);
const OLD = weights('completed:88 rejected:5 withdrawn:3 result_ready:2 supplement_requested:1 processing:1');

const MAIN = [
  'draft',
  'ready',
  'queued',
  'submitting',
  'submitted',
  'received',
  'processing',
  'result_ready',
  'completed',
];

/** The statuses a dossier went through to reach `status`, as the lifecycle allows. */
function pathTo(status: string): string[] {
  if (status === 'awaiting_review' || status === 'approved' || status === 'returned') {
    return ['draft', 'awaiting_review', ...(status === 'awaiting_review' ? [] : [status])];
  }
  if (status === 'needs_fix') return ['draft', 'ready', 'queued', 'submitting', 'needs_fix'];
  if (status === 'supplement_requested' || status === 'rejected') return [...MAIN.slice(0, 7), status];
  if (status === 'withdrawn') return [...MAIN.slice(0, 6), 'withdrawn'];
  return MAIN.slice(0, MAIN.indexOf(status) + 1);
}

/** hours after intake of each step: local steps within the hour, portal steps over days, the result around the due date */
function stepOffset(step: string, dueOffsetDays: number, r: () => number): number {
  const local: Record<string, number> = {
    draft: 0,
    ready: 0.2,
    awaiting_review: 0.2,
    approved: 1,
    returned: 1,
    queued: 1.2,
    submitting: 1.25,
    submitted: 1.3,
    needs_fix: 1.4,
  };
  if (step in local) return (local[step] ?? 0) * 3_600_000;
  const lateness = r() < 0.12 ? 1 + Math.floor(r() * 4) : -Math.floor(r() * 2);
  const portal: Record<string, number> = {
    received: 20,
    processing: 30,
    supplement_requested: 60,
    rejected: 24 * dueOffsetDays,
    withdrawn: 40,
    result_ready: 24 * (dueOffsetDays + lateness) - 6,
    completed: 24 * (dueOffsetDays + lateness),
  };
  return (portal[step] ?? 0) * 3_600_000;
}

function pick(r: () => number, table: Weighted): string {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [value, w] of table) if ((x -= w) < 0) return value;
  return table[table.length - 1]?.[0] ?? 'completed';
}

const iso = (epoch: number) => new Date(epoch + VN).toISOString().slice(0, 10);

export type SeedResult = {
  dossiers: number;
  events: number;
  pages: number;
  agents: string[];
  procedures: string[];
  seconds: number;
};

/** `analyze`: run ANALYZE afterwards (the app itself never does, so plans are measured without statistics by default) */
export function seedQueueBench(
  db: Db,
  opts: { dossiers: number; now: number; seed?: number; analyze?: boolean },
): SeedResult {
  const started = performance.now();
  const r = rng(opts.seed ?? 42);
  const sql = db.$client;
  const start = opts.now - 730 * DAY;
  const agents = Array.from({ length: 20 }, (_, i) => `agent-${String(i + 1).padStart(2, '0')}`);
  const procedures = Array.from({ length: 60 }, (_, i) => `B.${String(100_000 + i * 37)}`);
  let events = 0;
  let pages = 0;
  sql.transaction(() => {
    const user = sql.prepare(
      "INSERT INTO users (id, username, full_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, 'x', ?)",
    );
    agents.forEach((id, i) => user.run(id, `nv${i + 1}`, `Nhân viên ${i + 1}`, 'agent', start));
    user.run('sup-1', 'ts1', 'Kiểm soát viên', 'supervisor', start);
    const proc = sql.prepare(
      "INSERT INTO procedures (code, name, search_text, source, catalog_version) VALUES (?, ?, ?, 'national', 'bench')",
    );
    procedures.forEach((code, i) =>
      proc.run(code, `Thủ tục thử nghiệm số ${i + 1}`, `${code} thu tuc thu nghiem so ${i + 1}`),
    );
    const blob = createHash('sha256').update('bench').digest('hex');
    sql
      .prepare("INSERT INTO blobs (sha256, size, mime, created_at) VALUES (?, 1000, 'image/jpeg', ?)")
      .run(blob, start);

    const dossier = sql.prepare(
      `INSERT INTO dossiers (id, local_code, procedure_code, procedure_name, mode, applicant, applicant_name_search, applicant_id_number,
         delivery, fee_vnd, status, due_date, created_by, created_at, updated_at, ready_at, ready_override_reason, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{"method":"counter"}', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const component = sql.prepare(
      'INSERT INTO dossier_components (dossier_id, kind, name, required, ord) VALUES (?, ?, ?, ?, ?)',
    );
    const page = sql.prepare(
      "INSERT INTO pages (id, dossier_id, component_id, ord, blob_sha256, mime, size, width, height, source_name, ocr_status, created_at) VALUES (?, ?, ?, 0, ?, 'image/jpeg', 1000, 1240, 1754, 'scan.jpg', 'done', ?)",
    );
    const event = sql.prepare(
      'INSERT INTO status_events (dossier_id, from_status, to_status, actor_id, source, at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const outbox = sql.prepare(
      'INSERT INTO outbox (dossier_id, idempotency_key, state, attempts, next_attempt_at, last_error, queued_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const request = sql.prepare(
      "INSERT INTO portal_requests (dossier_id, portal_code, feed_seq, documents, note, at) VALUES (?, ?, ?, '[\"Tờ khai\"]', 'Bổ sung tờ khai có chữ ký', ?)",
    );
    const perDay = new Map<string, number>();
    const todayStart = Date.parse(`${iso(opts.now)}T00:00:00Z`) - VN;

    for (let i = 0; i < opts.dossiers; i++) {
      const dayStart = todayStart - (729 - Math.floor((i / opts.dossiers) * 730)) * DAY;
      const created = Math.min(opts.now - 60_000, dayStart + 8 * 3_600_000 + Math.floor(r() * 9 * 3_600_000));
      const age = Math.floor((opts.now - created) / DAY);
      const status = pick(r, age === 0 ? TODAY : age <= 3 ? RECENT : age <= 20 ? MONTH : OLD);
      const day = iso(created);
      const seq = (perDay.get(day) ?? 0) + 1;
      perDay.set(day, seq);
      const name = `${SURNAMES[Math.floor(r() * SURNAMES.length)] ?? ''} ${MIDDLES[Math.floor(r() * MIDDLES.length)] ?? ''} ${GIVEN[Math.floor(r() * GIVEN.length)] ?? ''}`;
      const idNumber = `0${String(10 + Math.floor(r() * 89))}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`;
      const dueOffset = 3 + Math.floor(r() * 12);
      const path = pathTo(status);
      const times = path.map((step) => Math.min(opts.now, created + stepOffset(step, dueOffset, r)));
      const id = uuidv7(created);
      const agent = agents[Math.floor(r() * agents.length)] ?? 'agent-01';
      const procIdx = Math.floor(r() * procedures.length);
      const overridden = status !== 'draft' && r() < 0.03;
      dossier.run(
        id,
        `DL001-${day.replace(/-/g, '').slice(2)}-${String(seq).padStart(4, '0')}`,
        procedures[procIdx] ?? '',
        `Thủ tục thử nghiệm số ${procIdx + 1}`,
        r() < 0.8 ? 'online' : r() < 0.75 ? 'direct' : 'postal',
        JSON.stringify({
          fullName: name,
          idNumber,
          phone: `09${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
        }),
        foldVietnamese(name),
        idNumber,
        FEES[Math.floor(r() * FEES.length)] ?? null,
        status,
        status === 'draft' ? null : iso(created + dueOffset * DAY),
        agent,
        created,
        times[times.length - 1] ?? created,
        status === 'draft' ? null : created + 12 * 60_000,
        overridden ? 'Công dân bổ sung sau' : null,
        path.length,
      );
      for (let c = 0; c < 3; c++) {
        const required = c < 2;
        const compId = Number(
          component.run(
            id,
            c < 2 ? 'submit' : 'show',
            ['Tờ khai', 'Giấy tờ tuỳ thân', 'Bản chính để đối chiếu'][c] ?? '',
            required ? 1 : 0,
            c,
          ).lastInsertRowid,
        );
        if (required && !(overridden && c === 1) && !(status === 'draft' && r() < 0.5)) {
          page.run(uuidv7(created), id, compId, blob, created);
          pages++;
        }
      }
      path.forEach((to, k) => {
        event.run(
          id,
          k === 0 ? null : (path[k - 1] ?? null),
          to,
          k < 4 ? agent : null,
          k < 3 ? 'local' : k < 5 ? 'sync' : 'portal',
          times[k] ?? created,
        );
        events++;
      });
      if (path.includes('queued')) {
        const pending = status === 'queued' || status === 'submitting';
        const failing = pending && r() < 0.25;
        outbox.run(
          id,
          `k-${id}`,
          pending ? 'pending' : status === 'needs_fix' ? 'needs_fix' : 'acknowledged',
          failing ? 3 : 0,
          opts.now + 60_000,
          failing ? 'Không kết nối được cổng (hết thời gian chờ)' : null,
          times[2] ?? created,
          times[times.length - 1] ?? created,
        );
      }
      if (status === 'supplement_requested')
        request.run(id, `G-${id.slice(0, 8)}`, i, times[times.length - 1] ?? created);
    }
    sql
      .prepare("INSERT INTO sync_state (key, value, updated_at) VALUES ('last_success_at', ?, ?)")
      .run(String(opts.now - 300_000), opts.now);
  })();
  if (opts.analyze) sql.exec('ANALYZE');
  return {
    dossiers: opts.dossiers,
    events,
    pages,
    agents,
    procedures,
    seconds: (performance.now() - started) / 1000,
  };
}
