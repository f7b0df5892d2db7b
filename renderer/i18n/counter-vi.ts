// Vietnamese messages of the counter-at-speed fixes (issue 13): Ctrl+O's target slot, moving a page, two-window saves.
export const counterVi = {
  'slot.pagesTarget': 'thêm trang vào mục này',
  'page.moveTo': 'Chuyển trang {n} sang mục khác',
  'page.moveTitle': 'Chuyển trang {n} sang mục nào?',
  'page.moveBody': 'Trang {n} đang ở "{component}". Chọn mục đúng của nó; chữ đã nhận dạng và cảnh báo đi theo trang.',
  'page.moveNoTarget': 'Hồ sơ không còn mục nào khác để chuyển trang sang.',
  'intake.reloadLatest': 'Tải lại bản mới nhất',
  'draft.cancel': 'Huỷ hồ sơ nháp',
  'draft.cancelTitle': 'Huỷ hồ sơ nháp {code}?',
  'draft.cancelBody': 'Hồ sơ chưa nộp này sẽ bị xoá cùng {count} trang đã quét và thông tin đã nhập. Không khôi phục lại được.',
  'draft.cancelBodyEmpty': 'Hồ sơ chưa nộp này chưa có trang nào; thông tin đã nhập sẽ bị xoá.',
  'draft.cancelConfirm': 'Xoá hồ sơ nháp',
  'draft.cancelled': 'Đã huỷ hồ sơ nháp {code}.',
} as const;
