// Vietnamese labels of the supervisor's screens and reports: dashboard buckets, status groups, contact attempts, audit actions.
import type { DossierStatus } from './contract';
import { portalStatuses } from './dossier-status';
import type { ReportBucket, StatusGroup } from './report-contract';

export const bucketLabels: Record<ReportBucket, string> = {
  'day.taken': 'Tiếp nhận trong ngày',
  'day.draft': 'Đang nhập dở',
  'day.ready': 'Sẵn sàng gửi',
  'day.awaitingReview': 'Chờ duyệt',
  'day.returned': 'Trả lại để sửa',
  'day.queued': 'Đã duyệt, chờ gửi cổng',
  'day.accepted': 'Cổng đã nhận',
  'day.needsFix': 'Cổng trả về cần sửa',
  'day.supplementRequested': 'Yêu cầu bổ sung',
  'day.resultReady': 'Có kết quả',
  'day.withdrawn': 'Đã rút',
  'day.overdue': 'Quá hạn hẹn trả',
  'day.sentToPortal': 'Gửi lên cổng trong ngày',
  'day.completedOn': 'Hoàn thành trong ngày',
  'open.awaitingReview': 'Đang chờ duyệt',
  'open.returned': 'Đang trả lại chờ sửa',
  'open.queued': 'Đang chờ gửi cổng',
  'open.needsFix': 'Cổng trả về cần sửa',
  'open.supplementRequested': 'Cổng yêu cầu bổ sung',
  'open.resultReady': 'Có kết quả chờ trả',
  'open.overdue': 'Quá hạn hẹn trả',
  'open.syncWaiting': 'Trong hàng đợi gửi',
  'open.syncFailing': 'Gửi lỗi, đang thử lại',
  'period.filed': 'Hồ sơ đã nhận (30 ngày)',
  'period.online': 'Nộp trực tuyến toàn trình',
  'period.resolved': 'Đã hoàn thành (30 ngày)',
  'period.onTime': 'Hoàn thành đúng hạn',
  'period.missingScans': 'Thiếu bản quét giấy tờ bắt buộc',
};

/** Report columns: each local or portal status falls in exactly one group. */
export const statusGroups: Record<StatusGroup, readonly DossierStatus[]> = {
  draft: ['draft'],
  review: ['awaiting_review'],
  returned: ['returned'],
  waiting: ['ready', 'approved', 'queued', 'submitting'],
  sent: ['submitted', ...portalStatuses],
  needs_fix: ['needs_fix'],
  withdrawn: ['withdrawn'],
};

export const statusGroupLabels: Record<StatusGroup, string> = {
  draft: 'Đang nhập',
  review: 'Chờ duyệt',
  returned: 'Trả lại',
  waiting: 'Chờ gửi',
  sent: 'Đã gửi cổng',
  needs_fix: 'Cần sửa',
  withdrawn: 'Đã rút',
};

export const statusGroupOrder: readonly StatusGroup[] = [
  'draft',
  'review',
  'returned',
  'waiting',
  'sent',
  'needs_fix',
  'withdrawn',
];

export function statusGroupOf(status: string): StatusGroup {
  for (const group of statusGroupOrder) {
    if ((statusGroups[group] as readonly string[]).includes(status)) return group;
  }
  return 'waiting';
}

/** A receipt was issued (not a draft) and the dossier was not withdrawn: the fee and the service charge were taken. */
export function isBillable(status: string): boolean {
  return status !== 'draft' && status !== 'withdrawn';
}

export const contactChannelLabels = {
  phone: 'Gọi điện',
  sms: 'Tin nhắn',
  in_person: 'Gặp trực tiếp',
} as const;

export const contactOutcomeLabels = {
  reached: 'Đã liên lạc được',
  no_answer: 'Không nghe máy',
  busy: 'Máy bận',
  wrong_number: 'Sai số điện thoại',
  message_left: 'Đã để lại lời nhắn',
  will_come: 'Hẹn sẽ đến',
} as const;

export const auditActionLabels: Record<string, string> = {
  'setup.complete': 'Thiết lập ban đầu',
  'auth.login': 'Đăng nhập',
  'auth.failed': 'Đăng nhập sai mật khẩu',
  'auth.locked': 'Khoá tài khoản tạm thời',
  'user.create': 'Tạo tài khoản',
  'user.update': 'Sửa tài khoản',
  'settings.update': 'Sửa cài đặt',
  'dossier.create': 'Tạo hồ sơ',
  'dossier.ready': 'Hoàn tất tiếp nhận',
  'dossier.awaiting_review': 'Gửi duyệt',
  'dossier.approved': 'Duyệt hồ sơ',
  'dossier.returned': 'Trả lại hồ sơ',
  'dossier.queued': 'Đưa vào hàng đợi gửi',
  'dossier.submitted': 'Đã gửi lên cổng',
  'dossier.contact': 'Ghi nhận liên hệ công dân',
  'page.add': 'Thêm trang quét',
  'page.rotate': 'Xoay trang',
  'page.remove': 'Xoá trang',
  'page.move': 'Đổi thứ tự trang',
  'page.accept_quality': 'Giữ trang có cảnh báo chất lượng',
  'page.auto_rotate': 'Tự xoay trang cho đúng chiều (theo nhận dạng chữ)',
  'day.close': 'Chốt sổ ngày',
};
