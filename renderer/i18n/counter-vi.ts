// Vietnamese messages of the counter-at-speed fixes (issue 13): Ctrl+O's target slot, moving a page, two-window saves.
export const counterVi = {
  'slot.pagesTarget': 'thêm trang vào mục này',
  'page.moveTo': 'Chuyển trang {n} sang mục khác',
  'page.moveTitle': 'Chuyển trang {n} sang mục nào?',
  'page.moveBody': 'Trang {n} đang ở "{component}". Chọn mục đúng của nó; chữ đã nhận dạng và cảnh báo đi theo trang.',
  'page.moveNoTarget': 'Hồ sơ không còn mục nào khác để chuyển trang sang.',
  'intake.reloadLatest': 'Tải lại bản mới nhất',
} as const;
