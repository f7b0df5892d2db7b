// A citizen's requests by ID number (Law 91/2025/QH15 Điều 4, Điều 14): what is held, a copy (JSON + PDF), erasure.
import type { Db } from '../../../db/client';
import type { ApplicantDraft } from '../../common/applicant';
import type { DossierStatus } from '../../common/contract';
import { AppError } from '../../common/errors';
import { formatVnd } from '../../common/format';
import type { CitizenSummary, EraseReport } from '../../common/privacy-contract';
import { appendAudit } from '../audit/audit-log';
import { requireRole, type Actor } from '../auth/actor';
import type { Fonts } from '../documents/documents-service';
import { recordTransition, statusLabels } from '../dossiers/lifecycle';
import type { Clock } from '../ports';
import type { SettingsService } from '../settings/settings-service';
import type { BlobStore } from '../storage/blob-store';
import type { AccessLog } from './access-log';
import { accessAbout, consentsOf, dossierExport, dossiersFiledBy, dossiersMentioning, pagesOfDossier, retentionDates, type DossierRowLite } from './citizen-data';
import { renderCitizenPdf } from './citizen-pdf';
import { idNumberDigest } from './id-digest';
import { endedDossiers, planDossier } from './retention-plan';
import { executePlans } from './retention-purge';
import { readPeriods } from './retention-rules';

/** At the portal now: erasing here would not stop the authority, and the agent still has to hand over the result. */
const AT_PORTAL: readonly DossierStatus[] = ['submitting', 'submitted', 'received', 'processing', 'supplement_requested'];

/** What an erasure keeps, and why (shown to the supervisor and printed in the export). */
export const KEPT_AFTER_ERASURE = [
  'Khung hồ sơ không có dữ liệu cá nhân: mã hồ sơ, thủ tục, ngày tiếp nhận, số tiền phí, lệ phí đã thu, số trang, lịch sử trạng thái. Đây là sổ sách thu tiền, lưu theo thời hạn lưu trữ tài liệu kế toán (Luật Kế toán 88/2015/QH13; Nghị định 174/2016/NĐ-CP; ứng dụng mặc định 10 năm).',
  'Bản ghi sự đồng ý và việc rút lại đồng ý (không chứa dữ liệu cá nhân): bằng chứng xử lý dữ liệu đúng luật (Luật 91/2025/QH15, Điều 9; Nghị định 356/2025/NĐ-CP).',
  'Nhật ký kiểm soát và nhật ký truy cập: chỉ ghi mã băm của số định danh, không ghi tên hay số; không được sửa, xoá để bảo đảm truy vết.',
  'Hồ sơ đã gửi lên cổng dịch vụ công do cơ quan giải quyết thủ tục lưu theo pháp luật về lưu trữ; yêu cầu xoá ở đó gửi đến cơ quan đó.',
];

const purposeWords: Record<string, string> = { procedure: 'làm thủ tục', reuse: 'lưu để dùng lại' };
const methodWords: Record<string, string> = { signed_receipt: 'ký trên phiếu tiếp nhận', read_aloud: 'đọc cho người nộp nghe' };

export type CitizenService = ReturnType<typeof createCitizenService>;

export function createCitizenService(deps: {
  db: Db;
  blobs: BlobStore;
  clock: Clock;
  settings: SettingsService;
  access: AccessLog;
  loadFonts: () => Promise<Fonts>;
}) {
  const { db, blobs, clock, settings, access } = deps;

  function isHeld(dossierId: string): boolean {
    return db.$client.prepare('SELECT 1 FROM legal_holds WHERE dossier_id = ? AND released_at IS NULL').get(dossierId) !== undefined;
  }

  function nameOf(rows: DossierRowLite[]): string {
    for (const r of [...rows].reverse()) {
      const name = (JSON.parse(r.applicant) as ApplicantDraft).fullName;
      if (name) return name;
    }
    return '';
  }

  function summary(idNumber: string): CitizenSummary {
    const filed = dossiersFiledBy(db, idNumber);
    return {
      idNumber,
      fullName: nameOf(filed),
      dossiers: filed.map((d) => {
        const pages = pagesOfDossier(db, d.id);
        return {
          dossierId: d.id,
          localCode: d.local_code,
          procedureName: d.procedure_name,
          status: statusLabels[d.status as DossierStatus] ?? d.status,
          createdAt: d.created_at,
          pages: pages.filter((p) => p.purged_at === null).length,
          idCardPages: pages.filter((p) => p.purged_at === null && p.kind === 'id_card').length,
          purged: d.personal_data_purged_at !== null,
          held: isHeld(d.id),
          consents: consentsOf(db, d.id).filter((k) => k.withdrawnAt === null).map((k) => purposeWords[k.purpose] ?? k.purpose),
        };
      }),
      accessEntries: accessAbout(db, idNumber).length,
    };
  }

  async function imagesOf(rows: DossierRowLite[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const d of rows) {
      for (const p of pagesOfDossier(db, d.id)) {
        if (p.purged_at !== null || out.has(p.blob_sha256)) continue;
        out.set(p.blob_sha256, Buffer.from(await blobs.read(p.blob_sha256)).toString('base64'));
      }
    }
    return out;
  }

  return {
    find(actor: Actor, idNumber: string): CitizenSummary {
      requireRole(actor, ['supervisor', 'admin']);
      access.append(actor, { action: 'citizen.find', idNumber });
      const s = summary(idNumber);
      if (s.dossiers.length === 0 && dossiersMentioning(db, idNumber).length === 0) throw new AppError('CITIZEN_NOT_FOUND', { idNumber });
      return s;
    },

    async export(actor: Actor, idNumber: string) {
      requireRole(actor, ['supervisor', 'admin']);
      const filed = dossiersFiledBy(db, idNumber);
      const mentions = dossiersMentioning(db, idNumber);
      if (filed.length === 0 && mentions.length === 0) throw new AppError('CITIZEN_NOT_FOUND', { idNumber });
      const periods = readPeriods(db);
      const now = clock.now();
      const office = settings.get().office;
      const images = await imagesOf(filed);
      const json = {
        kind: 'dvc-personal-data-export',
        generatedAt: new Date(now).toISOString(),
        controller: { name: office.name, address: office.address, code: office.code },
        idNumber,
        dossiers: filed.map((d) => dossierExport(db, d, periods, images)),
        // another applicant's dossier that names this person: only the parts about them are theirs to receive
        mentionedIn: mentions.map((d) => ({ localCode: d.local_code, procedure: d.procedure_name, createdAt: new Date(d.created_at).toISOString() })),
        accessLog: accessAbout(db, idNumber).map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
        keptAfterErasure: KEPT_AFTER_ERASURE,
      };
      const pdf = await renderCitizenPdf(
        {
          office,
          idNumber,
          fullName: nameOf(filed),
          generatedAt: now,
          generatedBy: actor.fullName,
          dossiers: filed.map((d) => {
            const a = JSON.parse(d.applicant) as ApplicantDraft;
            const pages = pagesOfDossier(db, d.id);
            const consents = consentsOf(db, d.id);
            const reuse = consents.some((k) => k.purpose === 'reuse' && k.withdrawnAt === null);
            return {
              localCode: d.local_code,
              procedureName: d.procedure_name,
              status: statusLabels[d.status as DossierStatus] ?? d.status,
              createdAt: d.created_at,
              fields: d.personal_data_purged_at !== null
                ? [['Thông tin người nộp', 'đã xoá theo thời hạn lưu trữ']]
                : [
                    ['Họ và tên', a.fullName ?? ''],
                    ['Ngày sinh', a.dateOfBirth ?? ''],
                    ['Địa chỉ', a.address ?? ''],
                    ['Số điện thoại', a.phone ?? ''],
                    ['Phí, lệ phí', d.fee_vnd === null ? '—' : formatVnd(d.fee_vnd)],
                  ],
              pages: `${pages.filter((p) => p.purged_at === null).length} trang còn lưu (${pages.filter((p) => p.kind === 'id_card' && p.purged_at === null).length} ảnh thẻ căn cước), ${pages.filter((p) => p.purged_at !== null).length} trang đã xoá`,
              consents: consents.map((k) => `${purposeWords[k.purpose] ?? k.purpose} (${methodWords[k.method] ?? k.method}${k.withdrawnAt ? ', đã rút lại' : ''})`).join('; ') || 'chưa ghi nhận',
              retention: Object.entries(retentionDates(db, d.id, periods, reuse)),
            };
          }),
          mentions: mentions.map((d) => `${d.local_code} (${d.procedure_name})`),
          access: accessAbout(db, idNumber),
          kept: KEPT_AFTER_ERASURE,
        },
        await deps.loadFonts(),
      );
      db.transaction(() => {
        appendAudit(db, { at: now, actorId: actor.userId, action: 'citizen.export', entity: 'citizen', entityId: idNumberDigest(db, idNumber), details: { dossiers: filed.length, mentions: mentions.length } });
      });
      access.append(actor, { action: 'citizen.export', idNumber, target: `${filed.length} hồ sơ` });
      const stamp = new Date(now).toISOString().slice(0, 10);
      return {
        json: { fileName: `du-lieu-ca-nhan-${stamp}.json`, mime: 'application/json', bytes: new TextEncoder().encode(JSON.stringify(json, null, 2)) },
        pdf: { fileName: `du-lieu-ca-nhan-${stamp}.pdf`, mime: 'application/pdf', bytes: pdf },
      };
    },

    async erase(actor: Actor, input: { idNumber: string; confirm: string; reason: string }): Promise<EraseReport> {
      requireRole(actor, ['supervisor', 'admin']);
      if (input.confirm !== input.idNumber) throw new AppError('ERASE_CONFIRM_MISMATCH');
      const filed = dossiersFiledBy(db, input.idNumber);
      if (filed.length === 0) throw new AppError('CITIZEN_NOT_FOUND', { idNumber: input.idNumber });
      const now = clock.now();
      const skipped: EraseReport['skipped'] = [];
      const erasing: DossierRowLite[] = [];
      db.transaction(() => {
        for (const d of filed) {
          const status = d.status as DossierStatus;
          if (isHeld(d.id)) {
            skipped.push({ localCode: d.local_code, reason: 'đang được giữ lại theo yêu cầu pháp lý' });
            continue;
          }
          if (AT_PORTAL.includes(status)) {
            skipped.push({ localCode: d.local_code, reason: `đang được cơ quan giải quyết (${statusLabels[status]}); xoá khi có kết quả, hoặc người nộp rút hồ sơ tại cơ quan đó` });
            continue;
          }
          // not sent yet: the dossier cannot go on without its data, so it is withdrawn first (the outbox then cancels it)
          if (status !== 'withdrawn' && status !== 'completed' && status !== 'rejected' && status !== 'result_ready') {
            recordTransition(db, { dossierId: d.id, from: status, to: 'withdrawn', actorId: actor.userId, source: 'local', message: 'Rút và xoá dữ liệu theo yêu cầu của người nộp.', at: now });
          }
          db.$client
            .prepare("UPDATE consents SET withdrawn_at = ?, withdrawn_by = ?, withdrawn_note = 'yêu cầu xoá dữ liệu' WHERE dossier_id = ? AND withdrawn_at IS NULL")
            .run(now, actor.userId, d.id);
          erasing.push(d);
        }
      });
      const periods = readPeriods(db);
      const plans = erasing.flatMap((d) => endedDossiers(db, 'd.id = ?', [d.id]).map((e) => planDossier(db, e, periods, now, true)));
      const outcome = await executePlans(db, blobs, plans, now);
      const digest = idNumberDigest(db, input.idNumber);
      db.transaction(() => {
        appendAudit(db, {
          at: now,
          actorId: actor.userId,
          action: 'citizen.erase',
          entity: 'citizen',
          entityId: digest,
          details: { reason: input.reason, dossiers: erasing.map((d) => d.id), skipped: skipped.length, pagesPurged: outcome.pagesPurged, blobsDeleted: outcome.blobsDeleted },
        });
      });
      access.append(actor, { action: 'citizen.erase', idNumber: input.idNumber, target: `${erasing.length} hồ sơ`, reason: input.reason });
      const mentions = dossiersMentioning(db, input.idNumber).map((d) => d.local_code);
      return {
        erased: erasing.map((d) => d.local_code),
        skipped,
        pagesPurged: outcome.pagesPurged,
        blobsDeleted: outcome.blobsDeleted,
        kept: [
          ...KEPT_AFTER_ERASURE,
          ...(mentions.length > 0
            ? [`Hồ sơ ${mentions.join(', ')} do người khác nộp có ghi số định danh này: là dữ liệu của người nộp hồ sơ đó nên không xoá theo yêu cầu này; sẽ xoá theo thời hạn lưu trữ.`]
            : []),
        ],
      };
    },
  };
}
