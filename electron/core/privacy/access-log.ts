// The access log: who looked at which citizen's data, when and why; append-only and hash-chained like the audit log.
import { createHash } from 'node:crypto';
import type { Db } from '../../../db/client';
import { chainHash, GENESIS_HASH, verifyChain, type ChainCheck } from '../audit/hash-chain';
import type { Actor } from '../auth/actor';
import type { Clock } from '../ports';
import { idNumberDigest } from './id-digest';

export const accessActions = {
  'page.full': 'Xem ảnh trang',
  'page.thumb': 'Xem ảnh thu nhỏ',
  'reuse.thumb': 'Xem giấy tờ cũ để dùng lại',
  'reuse.link': 'Dùng lại giấy tờ cũ',
  'reuse.list': 'Tra giấy tờ cũ theo số định danh',
  'pdf.component': 'Xem/in PDF thành phần hồ sơ',
  'pdf.receipt': 'Xem/in phiếu tiếp nhận',
  'pdf.form': 'Xem/in tờ khai',
  'search.id_number': 'Tìm hồ sơ theo số định danh',
  'citizen.find': 'Tra dữ liệu của công dân',
  'citizen.export': 'Xuất dữ liệu cho công dân',
  'citizen.erase': 'Xoá dữ liệu theo yêu cầu của công dân',
  'access_log.export': 'Xuất nhật ký truy cập',
} as const;
export type AccessAction = keyof typeof accessActions;

export type AccessEntry = {
  action: AccessAction;
  dossierId?: string | null;
  target?: string | null;
  /** the applicant's ID number (stored as its digest only) */
  idNumber?: string | null;
  reason?: string | null;
};

/*
 * Thumbnails are fetched every time a checklist is drawn (each autosave, each OCR progress event): logging each fetch
 * would write hundreds of rows per intake. A thumbnail view is logged once per page, per session, per hour: enough to
 * answer "who saw this citizen's pages, and when" to the hour, at about one row per page per intake. The memory of
 * what was logged is per process: after a restart the first view is logged again (one extra row at most).
 */
const THUMB_WINDOW_MS = 3_600_000;

type AccessRowForCheck = {
  id: number;
  at: number;
  actor_id: string | null;
  action: string;
  dossier_id: string | null;
  target: string | null;
  id_digest: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
};

const hashedFields = (r: Omit<AccessRowForCheck, 'id' | 'prev_hash' | 'hash'>) => [
  r.at,
  r.actor_id,
  r.action,
  r.dossier_id,
  r.target,
  r.id_digest,
  r.reason,
];

export type AccessLog = ReturnType<typeof createAccessLog>;

export function createAccessLog(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const thumbSeen = new Map<string, number>();

  function dossierDigest(dossierId: string): string | null {
    const row = db.$client.prepare('SELECT applicant_id_number AS n FROM dossiers WHERE id = ?').get(dossierId) as
      | { n: string }
      | undefined;
    return row && row.n !== '' ? idNumberDigest(db, row.n) : null;
  }

  function append(actor: Actor | null, e: AccessEntry): void {
    const at = clock.now();
    const digest = e.idNumber ? idNumberDigest(db, e.idNumber) : e.dossierId ? dossierDigest(e.dossierId) : null;
    const fields = {
      at,
      actor_id: actor?.userId ?? null,
      action: e.action,
      dossier_id: e.dossierId ?? null,
      target: e.target ?? null,
      id_digest: digest,
      reason: e.reason ?? null,
    };
    // one transaction: the previous hash read and this row's insert cannot interleave with another append
    db.transaction(() => {
      const last = db.$client.prepare('SELECT hash FROM access_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
      const prevHash = last?.hash ?? GENESIS_HASH;
      db.$client
        .prepare(
          'INSERT INTO access_log (at, actor_id, action, dossier_id, target, id_digest, reason, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          fields.at,
          fields.actor_id,
          fields.action,
          fields.dossier_id,
          fields.target,
          fields.id_digest,
          fields.reason,
          prevHash,
          chainHash(prevHash, hashedFields(fields)),
        );
    });
  }

  /**
   * A view that repeats while a screen is open (thumbnails, the re-use list): logged at most once per session, per
   * action and target, per hour (see THUMB_WINDOW_MS).
   */
  function oncePerHour(actor: Actor, session: string, e: AccessEntry & { target: string }): void {
    const sessionRef = createHash('sha256').update(session).digest('hex').slice(0, 16);
    const key = `${sessionRef}:${e.action}:${e.target}`;
    const now = clock.now();
    const last = thumbSeen.get(key);
    if (last !== undefined && now - last < THUMB_WINDOW_MS) return;
    if (thumbSeen.size > 20_000) thumbSeen.clear();
    thumbSeen.set(key, now);
    append(actor, e);
  }

  return {
    append,

    oncePerHour,

    /** A page image seen through pages.image: the full image every time, the thumbnail once per hour per session. */
    page(actor: Actor, session: string, pageId: string, variant: 'thumb' | 'full'): void {
      const row = db.$client.prepare('SELECT dossier_id AS d FROM pages WHERE id = ?').get(pageId) as { d: string } | undefined;
      if (!row) return;
      if (variant === 'full') append(actor, { action: 'page.full', dossierId: row.d, target: pageId });
      else oncePerHour(actor, session, { action: 'page.thumb', dossierId: row.d, target: pageId });
    },

    verify(): ChainCheck {
      const rows = db.$client
        .prepare('SELECT id, at, actor_id, action, dossier_id, target, id_digest, reason, prev_hash, hash FROM access_log ORDER BY id')
        .all() as AccessRowForCheck[];
      return verifyChain(rows, hashedFields);
    },
  };
}
