// The access log for a supervisor: filtered by user, dates and ID number; exported as CSV or XLSX; chain checked.
import ExcelJS from 'exceljs';
import type { Db } from '../../../db/client';
import { vnDayStart } from '../../../db/queries/dossier-queries';
import { formatDateTime } from '../../common/format';
import type { AccessItem } from '../../common/privacy-contract';
import { requireRole, type Actor } from '../auth/actor';
import { accessActions, type AccessLog } from './access-log';
import { idNumberDigest } from './id-digest';

export type AccessFilter = { actorId?: string; fromDate?: string; toDate?: string; idNumber?: string };

const DAY_MS = 86_400_000;

type Row = {
  id: number;
  at: number;
  actor_name: string | null;
  action: string;
  dossier_id: string | null;
  local_code: string | null;
  target: string | null;
  reason: string | null;
};

function whereOf(db: Db, f: AccessFilter): { sql: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (f.actorId) {
    parts.push('a.actor_id = ?');
    params.push(f.actorId);
  }
  if (f.idNumber) {
    parts.push('a.id_digest = ?');
    params.push(idNumberDigest(db, f.idNumber));
  }
  if (f.fromDate) {
    parts.push('a.at >= ?');
    params.push(vnDayStart(f.fromDate));
  }
  if (f.toDate) {
    parts.push('a.at < ?');
    params.push(vnDayStart(f.toDate) + DAY_MS);
  }
  return { sql: parts.length > 0 ? parts.join(' AND ') : '1 = 1', params };
}

const SELECT = `SELECT a.id, a.at, u.full_name AS actor_name, a.action, a.dossier_id, d.local_code, a.target, a.reason
  FROM access_log a LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN dossiers d ON d.id = a.dossier_id`;

function toItem(r: Row): AccessItem {
  return {
    id: r.id,
    at: r.at,
    actorName: r.actor_name,
    action: r.action,
    actionLabel: (accessActions as Record<string, string>)[r.action] ?? r.action,
    dossierId: r.dossier_id,
    localCode: r.local_code,
    target: r.target,
    reason: r.reason,
  };
}

const HEADERS = ['Thời gian', 'Người xem', 'Hành động', 'Mã hồ sơ', 'Đối tượng', 'Lý do'];
const cells = (i: AccessItem) => [formatDateTime(i.at), i.actorName ?? '', i.actionLabel, i.localCode ?? '', i.target ?? '', i.reason ?? ''];

function csvOf(items: AccessItem[]): Uint8Array {
  const quote = (v: string) => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [HEADERS, ...items.map(cells)].map((row) => row.map(quote).join(','));
  // a BOM so Excel on Windows opens the Vietnamese text as UTF-8
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

async function xlsxOf(items: AccessItem[], filterText: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Đại lý DVC';
  const ws = wb.addWorksheet('Nhật ký truy cập');
  ws.addRow([`Nhật ký truy cập dữ liệu cá nhân${filterText ? ` (${filterText})` : ''}`]).font = { bold: true };
  const header = ws.addRow(HEADERS);
  header.font = { bold: true };
  for (const item of items) ws.addRow(cells(item));
  [18, 24, 34, 24, 40, 40].forEach((width, i) => (ws.getColumn(i + 1).width = width));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export type AccessLogView = ReturnType<typeof createAccessLogView>;

export function createAccessLogView(deps: { db: Db; log: AccessLog }) {
  const { db, log } = deps;

  function query(f: AccessFilter, limit: number, offset: number): { items: AccessItem[]; total: number } {
    const w = whereOf(db, f);
    const rows = db.$client.prepare(`${SELECT} WHERE ${w.sql} ORDER BY a.id DESC LIMIT ? OFFSET ?`).all(...w.params, limit, offset) as Row[];
    const total = (db.$client.prepare(`SELECT count(*) AS n FROM access_log a WHERE ${w.sql}`).get(...w.params) as { n: number }).n;
    return { items: rows.map(toItem), total };
  }

  return {
    list(actor: Actor, f: AccessFilter & { limit: number; offset: number }) {
      requireRole(actor, ['supervisor', 'admin']);
      return query(f, f.limit, f.offset);
    },

    /** The whole filtered log as a file; the export itself is a look at citizens' data and is logged. */
    async export(actor: Actor, f: AccessFilter & { format: 'csv' | 'xlsx' }) {
      requireRole(actor, ['supervisor', 'admin']);
      const { items } = query(f, 1_000_000, 0);
      const filterText = [f.fromDate && `từ ${f.fromDate}`, f.toDate && `đến ${f.toDate}`, f.idNumber && 'theo một số định danh']
        .filter(Boolean)
        .join(', ');
      log.append(actor, { action: 'access_log.export', idNumber: f.idNumber ?? null, target: f.format, reason: filterText || null });
      const stamp = new Date().toISOString().slice(0, 10);
      return f.format === 'csv'
        ? { fileName: `nhat-ky-truy-cap-${stamp}.csv`, mime: 'text/csv', bytes: csvOf(items) }
        : {
            fileName: `nhat-ky-truy-cap-${stamp}.xlsx`,
            mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            bytes: await xlsxOf(items, filterText),
          };
    },

    verify(actor: Actor) {
      requireRole(actor, ['supervisor', 'admin']);
      const check = log.verify();
      return check.ok
        ? { ok: true, rows: check.rows, brokenAtId: null, message: `Nhật ký truy cập nguyên vẹn: đã kiểm tra ${check.rows} dòng.` }
        : {
            ok: false,
            rows: check.rows,
            brokenAtId: check.brokenAtId,
            message: `Nhật ký truy cập bị thay đổi tại dòng số ${check.brokenAtId}: có dòng đã bị sửa, xoá hoặc chèn sau khi ghi.`,
          };
    },
  };
}
