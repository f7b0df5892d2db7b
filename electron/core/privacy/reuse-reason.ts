// Why a re-use view was allowed, in words for the access log: the card read in this dossier, or a supervisor's approval.
import type { Db } from '../../../db/client';
import { REUSE_APPROVE_ACTION, reuseAllowed } from '../reuse/reuse-gate';

export function reuseReason(db: Db, dossierId: string): string {
  const row = db.$client.prepare('SELECT applicant_id_number AS n FROM dossiers WHERE id = ?').get(dossierId) as { n: string } | undefined;
  const access = row ? reuseAllowed(db, { dossierId, idNumber: row.n }) : null;
  if (access?.allowed && access.by === 'card') return 'Dùng lại giấy tờ cho hồ sơ mới: thẻ căn cước của người nộp đã được đọc tại quầy';
  const approval = db.$client
    .prepare("SELECT details FROM audit_log WHERE entity = 'dossier' AND entity_id = ? AND action = ? ORDER BY id DESC LIMIT 1")
    .get(dossierId, REUSE_APPROVE_ACTION) as { details: string } | undefined;
  const reason = approval ? (JSON.parse(approval.details) as { reason?: unknown }).reason : undefined;
  return `Dùng lại giấy tờ cho hồ sơ mới: kiểm soát viên đã duyệt${typeof reason === 'string' ? ` (${reason})` : ''}`;
}
