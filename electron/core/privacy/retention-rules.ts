// Retention periods per class of citizen data, their lawful defaults and sources, and when a dossier's clock starts.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { settings as settingsTable } from '../../../db/schema';
import { retentionPeriodsSchema, type RetentionPeriods } from '../../common/privacy-contract';

export const DAY_MS = 86_400_000;

/*
 * When does a dossier's retention clock start ("the end")? At the first time it reached one of these statuses:
 * - result_ready, completed, rejected: the portal has decided; the scans and the data were collected to file this
 *   procedure, and that purpose is achieved (Law 91/2025/QH15 Điều 14: data is deleted once the purpose of processing
 *   is achieved or the storage period has run out). result_ready counts because a dossier may wait there for months
 *   until the citizen collects the result, and the scans play no part in handing it over (the receipt and the card do).
 * - withdrawn: the citizen or the office stopped the dossier; nothing more will be done with it.
 * Open dossiers (draft ... supplement_requested) have no end: their data is still in use.
 */
export const END_STATUSES = ['result_ready', 'completed', 'rejected', 'withdrawn'] as const;

export type RetentionRule = { key: keyof RetentionPeriods; label: string; defaultDays: number; basis: string };

/*
 * Defaults, in days after the end. The agent is not the archive of the administrative dossier: the receiving authority
 * keeps the official file under the archives rules (Luật Lưu trữ, periods set per sector by the ministries),
 * so the agent keeps its working copy only as long as its own purposes need it (Law 91/2025/QH15 Điều 14), and the
 * bookkeeping skeleton (codes, dates, amounts, counts, status history) as accounting records (never purged here).
 */
export const RETENTION_RULES: readonly RetentionRule[] = [
  {
    key: 'idCardImages',
    label: 'Ảnh thẻ căn cước',
    defaultDays: 30,
    // Decree 356/2025/NĐ-CP Điều 4 lists images of ID cards as sensitive personal data: kept the shortest time. The
    // citizen brings the card to collect the result and to any new intake (re-use needs the card read anyway).
    basis:
      'Dữ liệu cá nhân nhạy cảm (Nghị định 356/2025/NĐ-CP, Điều 4); xoá khi đã hoàn thành mục đích (Luật 91/2025/QH15, Điều 14). 30 ngày đủ để trả kết quả và giải đáp thắc mắc.',
  },
  {
    key: 'otherScans',
    label: 'Bản quét giấy tờ khác',
    defaultDays: 90,
    // Complaints Law 02/2011/QH13 Điều 9: 90 days to complain about an administrative decision. Until then the office
    // may have to show what it filed on the citizen's behalf.
    basis:
      'Giữ đến hết thời hiệu khiếu nại 90 ngày (Luật Khiếu nại 02/2011/QH13, Điều 9) để đối chiếu những gì đã nộp thay người dân; sau đó xoá (Luật 91/2025/QH15, Điều 14).',
  },
  {
    key: 'ocrText',
    label: 'Chữ nhận dạng (OCR) từ giấy tờ',
    defaultDays: 30,
    // derived data: used for search, prefill and the PDF text layer while the dossier is filed; no purpose after it
    basis:
      'Dữ liệu tạo ra từ bản quét, chỉ dùng khi nhập và gửi hồ sơ; xoá khi đã hoàn thành mục đích (Luật 91/2025/QH15, Điều 14).',
  },
  {
    key: 'applicantData',
    label: 'Thông tin người nộp và tờ khai',
    defaultDays: 90,
    basis:
      'Cần để liên hệ trả kết quả và giải quyết khiếu nại trong 90 ngày (Luật Khiếu nại 02/2011/QH13, Điều 9); sau đó xoá, chỉ giữ khung hồ sơ không có dữ liệu cá nhân.',
  },
  {
    key: 'receipts',
    label: 'Phiếu tiếp nhận, bản in (in lại)',
    defaultDays: 3650,
    // The receipt records the fee and service charge collected in cash: an accounting document, kept under the
    // accounting law's storage periods (Luật Kế toán 88/2015/QH13 and Nghị định 174/2016/NĐ-CP; 10 years for vouchers
    // used to keep the books, the longest). Article numbers are left out: not confirmed against the texts (issue 11).
    // Confirmed from published sources (02/12/2026): Law 91/2025/QH15 Điều 9 (consent) and Điều 14 khoản 1 (deletion
    // once the purpose is achieved or the storage period ends); Decree 356/2025/NĐ-CP Điều 4 (sensitive data, images of
    // identity documents included); Luật Khiếu nại 02/2011/QH13 Điều 9 (90 days to complain).
    // The app stores no print file (receipts print from memory); this period is how long a copy may be printed again,
    // with the personal fields gone once the applicant data has been purged.
    basis:
      'Chứng từ thu tiền: lưu theo thời hạn lưu trữ tài liệu kế toán, dài nhất 10 năm (Luật Kế toán 88/2015/QH13; Nghị định 174/2016/NĐ-CP). Ứng dụng không lưu tệp in; đây là thời hạn còn được in lại phiếu.',
  },
  {
    key: 'reuseScans',
    label: 'Giấy tờ người dân đồng ý lưu để dùng lại',
    defaultDays: 365,
    // the citizen's own, separate and withdrawable choice (Law 91/2025/QH15 Điều 9); ID card images are not kept longer
    // for it: the card is read again at every intake
    basis:
      'Theo sự đồng ý riêng của người dân (Luật 91/2025/QH15, Điều 9); rút lại đồng ý thì áp dụng lại thời hạn thường ngay ở lần xoá kế tiếp. Không áp dụng cho ảnh thẻ căn cước.',
  },
];

export const defaultPeriods: RetentionPeriods = Object.fromEntries(
  RETENTION_RULES.map((r) => [r.key, r.defaultDays]),
) as RetentionPeriods;

const KEY = 'retention';

export function readPeriods(db: Db): RetentionPeriods {
  const row = db.select().from(settingsTable).where(eq(settingsTable.key, KEY)).get();
  const stored = row ? (JSON.parse(row.value) as Partial<RetentionPeriods>) : {};
  return retentionPeriodsSchema.parse({ ...defaultPeriods, ...stored });
}

export function writePeriods(db: Db, periods: RetentionPeriods, at: number): void {
  const json = JSON.stringify(periods);
  db.insert(settingsTable)
    .values({ key: KEY, value: json, updatedAt: at })
    .onConflictDoUpdate({ target: settingsTable.key, set: { value: json, updatedAt: at } })
    .run();
}
