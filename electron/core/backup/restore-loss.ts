// What restoring a backup would lose: everything in the live database that the backup's database does not have.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { applyKey } from '../../../db/client';
import type { RestoreLoss } from '../../common/backup-contract';
import { formatDate } from '../../common/format';
import type { SqliteKey } from './database-snapshot';

function tableIn(db: Database.Database, schema: 'main' | 'bk', table: string): boolean {
  return db.prepare(`SELECT 1 FROM ${schema}.sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined;
}

function count(db: Database.Database, sql: string): number {
  return Number((db.prepare(sql).get() as { n: number | null }).n ?? 0);
}

export const NOTHING_LOST: RestoreLoss = {
  newerDossiers: 0,
  newerCodes: [],
  changedDossiers: 0,
  newerPages: 0,
  newerClosures: [],
  newerUsers: 0,
  resent: 0,
  liveLastChangeAt: null,
};

export function isLoss(loss: RestoreLoss): boolean {
  return loss.newerDossiers + loss.changedDossiers + loss.newerPages + loss.newerClosures.length + loss.newerUsers > 0;
}

/**
 * Compares the live database (this PC's key) with a backup's database (the run's key) on one read connection: the
 * backup is ATTACHed under its own key, nothing is written. Only columns present since the first schema are used, so a
 * backup of an older version compares too.
 */
export function assessLoss(opts: {
  livePath: string;
  liveKey: SqliteKey;
  backupPath: string;
  backupKey: string;
  nativeBinding?: string;
}): RestoreLoss {
  if (!existsSync(opts.livePath)) return NOTHING_LOST;
  const db = new Database(opts.livePath, { readonly: true, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  try {
    if (opts.liveKey !== null) applyKey(db, opts.liveKey);
    if (!tableIn(db, 'main', 'dossiers')) return NOTHING_LOST;
    db.prepare('ATTACH DATABASE ? AS bk KEY ?').run(opts.backupPath, `x'${opts.backupKey}'`);
    const codes = db
      .prepare('SELECT local_code AS code FROM main.dossiers WHERE id NOT IN (SELECT id FROM bk.dossiers) ORDER BY created_at')
      .all() as { code: string }[];
    const closures =
      tableIn(db, 'main', 'day_closures') && tableIn(db, 'bk', 'day_closures')
        ? (db.prepare('SELECT date FROM main.day_closures WHERE date NOT IN (SELECT date FROM bk.day_closures) ORDER BY date').all() as { date: string }[]).map((r) => r.date)
        : [];
    const resent =
      tableIn(db, 'main', 'outbox') && tableIn(db, 'bk', 'outbox')
        ? count(
            db,
            "SELECT count(*) AS n FROM main.outbox m JOIN bk.outbox b ON b.dossier_id = m.dossier_id WHERE m.state = 'acknowledged' AND b.state = 'pending'",
          )
        : 0;
    const loss: RestoreLoss = {
      newerDossiers: codes.length,
      newerCodes: codes.slice(0, 8).map((r) => r.code),
      changedDossiers: count(
        db,
        'SELECT count(*) AS n FROM main.dossiers d JOIN bk.dossiers b ON b.id = d.id WHERE d.updated_at > b.updated_at OR d.status <> b.status',
      ),
      newerPages: count(db, 'SELECT count(*) AS n FROM main.pages WHERE id NOT IN (SELECT id FROM bk.pages)'),
      newerClosures: closures,
      newerUsers: count(db, 'SELECT count(*) AS n FROM main.users WHERE id NOT IN (SELECT id FROM bk.users)'),
      resent,
      liveLastChangeAt: (db.prepare('SELECT max(updated_at) AS n FROM main.dossiers').get() as { n: number | null }).n,
    };
    db.exec('DETACH DATABASE bk');
    return loss;
  } finally {
    db.close();
  }
}

/** The loss in one Vietnamese sentence, for the confirmation and the error when it was not confirmed. */
export function describeLoss(loss: RestoreLoss): string {
  const parts: string[] = [];
  if (loss.newerDossiers > 0) {
    const more = loss.newerDossiers > loss.newerCodes.length ? ', …' : '';
    parts.push(`${String(loss.newerDossiers)} hồ sơ tiếp nhận sau bản sao lưu (${loss.newerCodes.join(', ')}${more})`);
  }
  if (loss.changedDossiers > 0) parts.push(`thay đổi sau bản sao lưu của ${String(loss.changedDossiers)} hồ sơ`);
  if (loss.newerPages > 0) parts.push(`${String(loss.newerPages)} trang quét`);
  if (loss.newerClosures.length > 0) parts.push(`chốt sổ ngày ${loss.newerClosures.map(formatDate).join(', ')}`);
  if (loss.newerUsers > 0) parts.push(`${String(loss.newerUsers)} tài khoản người dùng`);
  return parts.join('; ');
}
