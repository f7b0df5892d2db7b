// The citizen's consent on a dossier (Law 91/2025/QH15 Điều 9; Decree 356/2025/NĐ-CP): record, withdraw, read, and the rules.
import type { Db } from '../../../db/client';
import type { DossierStatus } from '../../common/contract';
import { AppError } from '../../common/errors';
import type { ConsentMethod, ConsentPurpose, DossierConsents } from '../../common/privacy-contract';
import { appendAudit } from '../audit/audit-log';
import type { Actor } from '../auth/actor';
import type { DossierService } from '../dossiers/dossier-service';
import { EDITABLE, recordTransition } from '../dossiers/lifecycle';
import type { Clock } from '../ports';
import type { SettingsService } from '../settings/settings-service';
import { consentClause, fillNotice, purposeLabels, type NoticeFile } from './consent-notice';
import { readPeriods } from './retention-rules';

type ConsentRow = {
  id: number;
  purpose: ConsentPurpose;
  notice_version: string;
  method: ConsentMethod;
  recorded_at: number;
  recorded_by_name: string | null;
  withdrawn_at: number | null;
  withdrawn_by_name: string | null;
  withdrawn_note: string | null;
};

/** Not yet sent to the portal: withdrawing the procedure consent withdraws the dossier itself (the outbox then cancels). */
const WITHDRAWABLE_LOCALLY: readonly DossierStatus[] = ['draft', 'ready', 'awaiting_review', 'approved', 'returned', 'queued', 'needs_fix'];

export function hasActiveConsent(db: Db, dossierId: string, purpose: ConsentPurpose): boolean {
  return (
    db.$client
      .prepare('SELECT 1 FROM consents WHERE dossier_id = ? AND purpose = ? AND withdrawn_at IS NULL LIMIT 1')
      .get(dossierId, purpose) !== undefined
  );
}

/** markReady's rule: no dossier goes on without the citizen's consent to process their data for this procedure. */
export function assertProcedureConsent(db: Db, dossierId: string): void {
  if (!hasActiveConsent(db, dossierId, 'procedure')) throw new AppError('CONSENT_REQUIRED');
}

function rowsOf(db: Db, dossierId: string): ConsentRow[] {
  return db.$client
    .prepare(
      `SELECT k.id, k.purpose, k.notice_version, k.method, k.recorded_at, r.full_name AS recorded_by_name,
              k.withdrawn_at, w.full_name AS withdrawn_by_name, k.withdrawn_note
         FROM consents k LEFT JOIN users r ON r.id = k.recorded_by LEFT JOIN users w ON w.id = k.withdrawn_by
        WHERE k.dossier_id = ? ORDER BY k.id DESC`,
    )
    .all(dossierId) as ConsentRow[];
}

export type ReceiptConsent = { method: ConsentMethod; noticeVersion: string; purposes: string[]; clause: string };

export type ConsentService = ReturnType<typeof createConsentService>;

export function createConsentService(deps: {
  db: Db;
  clock: Clock;
  settings: SettingsService;
  dossiers: DossierService;
  notices: NoticeFile;
}) {
  const { db, clock, settings, dossiers } = deps;
  const currentNotice = () => fillNotice(deps.notices, settings.get().office, readPeriods(db));

  function view(dossierId: string, status: DossierStatus): DossierConsents {
    const rows = rowsOf(db, dossierId);
    const active = (p: ConsentPurpose) => rows.some((r) => r.purpose === p && r.withdrawn_at === null);
    const notice = currentNotice();
    return {
      dossierId,
      notice: { version: notice.version, title: notice.title, text: notice.text },
      records: rows.map((r) => ({
        id: r.id,
        purpose: r.purpose,
        noticeVersion: r.notice_version,
        method: r.method,
        recordedByName: r.recorded_by_name ?? '',
        recordedAt: r.recorded_at,
        withdrawn:
          r.withdrawn_at === null ? null : { at: r.withdrawn_at, byName: r.withdrawn_by_name ?? '', note: r.withdrawn_note ?? '' },
      })),
      active: { procedure: active('procedure'), reuse: active('reuse') },
      method: rows.find((r) => r.purpose === 'procedure' && r.withdrawn_at === null)?.method ?? null,
      canRecord: EDITABLE.includes(status),
    };
  }

  /** The exact text a version names, kept the first time it is used (its retention numbers may change later). */
  function keepNoticeText(version: string, text: string, at: number): void {
    db.$client
      .prepare('INSERT OR IGNORE INTO settings (key, value, updated_at) VALUES (?, ?, ?)')
      .run(`privacy.notice.${version}`, JSON.stringify(text), at);
  }

  return {
    get(actor: Actor, dossierId: string): DossierConsents {
      const row = dossiers.loadRow(actor, dossierId);
      return view(row.id, row.status);
    },

    record(
      actor: Actor,
      input: { dossierId: string; reuse: boolean; method: ConsentMethod; noticeVersion: string },
    ): DossierConsents {
      dossiers.loadEditable(actor, input.dossierId);
      const notice = currentNotice();
      // the citizen agreed to what they were told: a notice changed meanwhile must be read again
      if (input.noticeVersion !== notice.version) throw new AppError('CONSENT_NOTICE_CHANGED', { version: notice.version });
      return db.transaction(() => {
        const row = dossiers.loadEditable(actor, input.dossierId);
        const now = clock.now();
        keepNoticeText(notice.version, notice.text, now);
        const wanted: ConsentPurpose[] = input.reuse ? ['procedure', 'reuse'] : ['procedure'];
        const added: ConsentPurpose[] = [];
        const insert = db.$client.prepare(
          'INSERT INTO consents (dossier_id, purpose, notice_version, method, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)',
        );
        for (const purpose of wanted) {
          if (hasActiveConsent(db, row.id, purpose)) continue;
          insert.run(row.id, purpose, notice.version, input.method, actor.userId, now);
          added.push(purpose);
        }
        if (added.length > 0) {
          appendAudit(db, {
            at: now,
            actorId: actor.userId,
            action: 'consent.record',
            entity: 'dossier',
            entityId: row.id,
            details: { purposes: added, method: input.method, noticeVersion: notice.version },
          });
        }
        return view(row.id, row.status);
      });
    },

    withdraw(actor: Actor, input: { dossierId: string; purpose: ConsentPurpose; note: string }): DossierConsents {
      return db.transaction(() => {
        const row = dossiers.loadRow(actor, input.dossierId);
        if (!hasActiveConsent(db, row.id, input.purpose)) {
          throw new AppError('CONSENT_NOT_GIVEN', { purpose: purposeLabels[input.purpose] });
        }
        const now = clock.now();
        db.$client
          .prepare(
            'UPDATE consents SET withdrawn_at = ?, withdrawn_by = ?, withdrawn_note = ? WHERE dossier_id = ? AND purpose = ? AND withdrawn_at IS NULL',
          )
          .run(now, actor.userId, input.note || 'tại quầy', row.id, input.purpose);
        appendAudit(db, {
          at: now,
          actorId: actor.userId,
          action: 'consent.withdraw',
          entity: 'dossier',
          entityId: row.id,
          details: { purpose: input.purpose },
        });
        if (input.purpose === 'procedure' && WITHDRAWABLE_LOCALLY.includes(row.status)) {
          recordTransition(db, {
            dossierId: row.id,
            from: row.status,
            to: 'withdrawn',
            actorId: actor.userId,
            source: 'local',
            message: 'Người nộp rút lại sự đồng ý xử lý dữ liệu cá nhân cho thủ tục này.',
            at: now,
          });
        }
        const status = dossiers.loadRow(actor, row.id).status;
        return view(row.id, status);
      });
    },

    /** What the receipt prints: the purposes in force, the method, the notice version and the clause. */
    forReceipt(dossierId: string): ReceiptConsent | null {
      const active = rowsOf(db, dossierId).filter((r) => r.withdrawn_at === null);
      const procedure = active.find((r) => r.purpose === 'procedure');
      if (!procedure) return null;
      const purposes = (['procedure', 'reuse'] as const).filter((p) => active.some((r) => r.purpose === p));
      const clauseTemplate = fillNotice(deps.notices, settings.get().office, readPeriods(db)).clauseTemplate;
      return {
        method: procedure.method,
        noticeVersion: procedure.notice_version,
        purposes: purposes.map((p) => purposeLabels[p]),
        clause: consentClause(clauseTemplate, procedure.notice_version, purposes),
      };
    },
  };
}
