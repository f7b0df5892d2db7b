// Moves accepted dossiers through portal statuses over time, with seeded outcomes, and records each change in the feed.
import type { PortalStatus, SupplementRequest } from '../../electron/core/sync/portal-protocol';
import { allDocuments, findProcedure } from './catalog';
import type { SimContext } from './context';
import { hashedRandom } from './faults';
import { appendChange, getDossier, type DossierRow } from './store';

export const statusMessages: Record<PortalStatus, string> = {
  received: 'Cổng dịch vụ công đã tiếp nhận hồ sơ.',
  processing: 'Hồ sơ đang được cơ quan có thẩm quyền xử lý.',
  supplement_requested: 'Cơ quan giải quyết yêu cầu bổ sung hồ sơ.',
  result_ready: 'Đã có kết quả giải quyết, chờ trả cho người nộp.',
  completed: 'Đã trả kết quả cho người nộp.',
  rejected: 'Hồ sơ bị từ chối giải quyết: thông tin kê khai không khớp dữ liệu dân cư.',
};

const finalStatuses = ['completed', 'rejected'];
// Share of dossiers that get one supplement request / a rejection while processing (hashed per dossier and step).
const SUPPLEMENT_SHARE = 0.25;
const REJECT_SHARE = 0.08;

function recordStatus(
  ctx: SimContext,
  row: DossierRow,
  status: PortalStatus,
  supplement: SupplementRequest | null,
  message = statusMessages[status],
): void {
  const now = ctx.now();
  const supplementJson = supplement ? JSON.stringify(supplement) : null;
  ctx.db
    .prepare(
      `UPDATE dossiers SET status = ?, supplement_json = ?, supplemented = supplemented + ?, step = step + 1, updated_at = ?
       WHERE portal_code = ?`,
    )
    .run(status, supplementJson, status === 'supplement_requested' ? 1 : 0, now, row.portal_code);
  appendChange(ctx.db, {
    clientId: row.client_id,
    portalCode: row.portal_code,
    status,
    at: now,
    message: supplement?.note ? `${message} ${supplement.note}` : message,
    supplementJson,
  });
}

function defaultSupplement(ctx: SimContext, row: DossierRow): SupplementRequest {
  const procedure = findProcedure(ctx.catalog, row.procedure_code);
  const names = (procedure ? allDocuments(procedure) : []).filter((c) => c.kind === 'submit').map((c) => c.label ?? c.name);
  const pick = names[Math.floor(hashedRandom(ctx.seed, `${row.portal_code}:doc`) * names.length)];
  return {
    documents: [pick ?? 'Bản sao giấy tờ tuỳ thân của người nộp'],
    note: 'Bản quét chưa rõ nét, đề nghị nộp lại bản rõ hơn.',
  };
}

function nextStatus(ctx: SimContext, row: DossierRow): PortalStatus | null {
  switch (row.status) {
    case 'received':
    case 'supplement_requested':
      return 'processing';
    case 'processing': {
      const r = hashedRandom(ctx.seed, `${row.portal_code}:${row.step}`);
      const supplementShare = row.supplemented === 0 ? SUPPLEMENT_SHARE : 0;
      if (r < supplementShare) return 'supplement_requested';
      if (r < supplementShare + REJECT_SHARE) return 'rejected';
      return 'result_ready';
    }
    case 'result_ready':
      return 'completed';
    default:
      return null;
  }
}

/** One step for one dossier, in one transaction; false when it is already final. */
export function stepDossier(ctx: SimContext, row: DossierRow): boolean {
  const status = nextStatus(ctx, row);
  if (!status) return false;
  ctx.db.transaction(() => {
    recordStatus(ctx, row, status, status === 'supplement_requested' ? defaultSupplement(ctx, row) : null);
  })();
  return true;
}

function openDossiers(ctx: SimContext, dueBefore: number): DossierRow[] {
  return ctx.db
    .prepare(
      `SELECT * FROM dossiers WHERE status NOT IN (${finalStatuses.map(() => '?').join(',')}) AND updated_at <= ?
       ORDER BY updated_at LIMIT 1000`,
    )
    .all(...finalStatuses, dueBefore) as DossierRow[];
}

/** Every open dossier moves one step now, whatever the speed. */
export function advanceAll(ctx: SimContext): number {
  let moved = 0;
  for (const row of openDossiers(ctx, Number.MAX_SAFE_INTEGER)) if (stepDossier(ctx, row)) moved += 1;
  return moved;
}

/** Dossiers whose last change is older than one step at the current speed move on (called from a timer). */
export function advanceDue(ctx: SimContext): number {
  const speed = ctx.faults.faults.speed;
  if (speed <= 0) return 0;
  const stepMs = 60_000 / speed;
  let moved = 0;
  for (const row of openDossiers(ctx, ctx.now() - stepMs)) if (stepDossier(ctx, row)) moved += 1;
  return moved;
}

export function requestSupplement(
  ctx: SimContext,
  portalCode: string,
  documents: string[],
  note: string,
): boolean {
  const row = getDossier(ctx.db, portalCode);
  if (!row || finalStatuses.includes(row.status)) return false;
  ctx.db.transaction(() => recordStatus(ctx, row, 'supplement_requested', { documents, note }))();
  return true;
}
