// Audit view: the audit log filtered for a supervisor, and a chain check that says where and how it breaks.
import type { Db } from '../../../db/client';
import {
  auditRow,
  auditRowBefore,
  listAudit,
  type AuditFilter,
  type AuditRow,
} from '../../../db/queries/audit-queries';
import { formatDateTime } from '../../common/format';
import type { AuditCheck, AuditItem } from '../../common/report-contract';
import { requireRole, type Actor } from '../auth/actor';
import { verifyAuditChain } from './audit-log';

function toItem(r: AuditRow): AuditItem {
  let details: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(r.details);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      details = parsed as Record<string, unknown>;
  } catch {
    details = { raw: r.details };
  }
  return {
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    localCode: r.local_code,
    details,
  };
}

export type AuditView = ReturnType<typeof createAuditView>;

export function createAuditView(deps: { db: Db }) {
  const { db } = deps;

  /** verifyAuditChain parses each row's details: a row rewritten into invalid JSON is itself the break. */
  function verifyChain(): ReturnType<typeof verifyAuditChain> {
    try {
      return verifyAuditChain(db);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      const bad = db.$client
        .prepare('SELECT id FROM audit_log WHERE json_valid(details) = 0 ORDER BY id LIMIT 1')
        .get() as { id: number } | undefined;
      const rows = (db.$client.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
      if (!bad) throw error;
      return { ok: false, rows, brokenAtId: bad.id };
    }
  }

  return {
    list(actor: Actor, f: AuditFilter) {
      requireRole(actor, ['supervisor', 'admin']);
      const { rows, total } = listAudit(db, f);
      return { items: rows.map(toItem), total };
    },

    verify(actor: Actor): AuditCheck {
      requireRole(actor, ['supervisor', 'admin']);
      const check = verifyChain();
      if (check.ok) {
        return {
          ok: true,
          rows: check.rows,
          brokenAtId: null,
          problem: null,
          row: null,
          previous: null,
          message: `Nhật ký nguyên vẹn: đã kiểm tra ${check.rows} dòng.`,
        };
      }
      const row = auditRow(db, check.brokenAtId);
      const previous = auditRowBefore(db, check.brokenAtId);
      // the row's prev_hash is the hash of the row before it unless rows were removed or rewritten in between
      const problem: AuditCheck['problem'] =
        previous && row && previous.id !== row.id - 1
          ? 'gap'
          : row && row.prev_hash !== (previous?.hash ?? '0'.repeat(64))
            ? 'link'
            : 'edited';
      const when = row ? ` (${formatDateTime(row.at)}, ${row.action})` : '';
      const what = {
        edited: 'nội dung dòng này đã bị sửa sau khi ghi',
        link: 'dòng này không nối tiếp dòng trước: có dòng bị xoá, chèn hoặc sửa',
        gap: `thiếu các dòng từ ${(previous?.id ?? 0) + 1} đến ${(row?.id ?? 1) - 1}: có dòng đã bị xoá`,
      }[problem];
      return {
        ok: false,
        rows: check.rows,
        brokenAtId: check.brokenAtId,
        problem,
        row: row ? toItem(row) : null,
        previous: previous ? toItem(previous) : null,
        message: `Nhật ký bị thay đổi tại dòng số ${check.brokenAtId}${when}: ${what}.`,
      };
    },
  };
}
