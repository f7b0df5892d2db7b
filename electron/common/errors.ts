// Error codes shared by core, router and UI, with the Vietnamese message a user can act on.
export const errorMessages = {
  VALIDATION: 'Dữ liệu nhập chưa hợp lệ. Hãy kiểm tra lại các ô được đánh dấu.',
  NOT_FOUND: 'Không tìm thấy dữ liệu yêu cầu. Có thể nó đã bị xoá hoặc bạn không có quyền xem.',
  UNAUTHENTICATED: 'Phiên làm việc đã hết hạn hoặc chưa đăng nhập. Hãy đăng nhập lại.',
  FORBIDDEN: 'Tài khoản của bạn không có quyền thực hiện thao tác này.',
  SETUP_DONE: 'Ứng dụng đã được thiết lập ban đầu. Hãy đăng nhập bằng tài khoản quản trị.',
  SETUP_REQUIRED: 'Ứng dụng chưa được thiết lập. Hãy nhập thông tin đại lý và tạo tài khoản quản trị.',
  BAD_CREDENTIALS: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  ACCOUNT_LOCKED: 'Tài khoản tạm khoá do nhập sai mật khẩu nhiều lần. Hãy thử lại sau {minutes} phút hoặc nhờ quản trị viên mở khoá.',
  ACCOUNT_DISABLED: 'Tài khoản đã bị vô hiệu hoá. Hãy liên hệ quản trị viên.',
  USERNAME_TAKEN: 'Tên đăng nhập này đã có người dùng. Hãy chọn tên khác.',
  WEAK_PASSWORD: 'Mật khẩu cần ít nhất 8 ký tự, gồm cả chữ và số.',
  CONFLICT: 'Hồ sơ vừa được thay đổi ở nơi khác. Hãy tải lại để xem bản mới nhất.',
  INVALID_STATE: 'Không thể thực hiện thao tác này khi hồ sơ đang ở trạng thái "{status}".',
  MISSING_COMPONENTS: 'Còn thiếu giấy tờ bắt buộc: {names}. Hãy bổ sung trang quét hoặc ghi lý do nộp thiếu.',
  APPLICANT_INCOMPLETE: 'Thông tin người nộp chưa đầy đủ hoặc chưa đúng: {fieldNames}. Hãy sửa các ô được đánh dấu.',
  APPLICANT_UNCONFIRMED:
    'Thông tin đọc tự động từ thẻ căn cước chưa được xác nhận: {fieldNames}. Hãy đối chiếu với thẻ rồi bấm "Xác nhận".',
  SCAN_FOLDER_INVALID: 'Không dùng được thư mục quét "{folder}": {reason}. Hãy chọn thư mục máy quét lưu ảnh vào.',
  DUE_DATE_REQUIRED:
    'Không tính được ngày hẹn từ thời hạn giải quyết của thủ tục ("{deadline}"). Hãy nhập ngày hẹn trả kết quả.',
  DUE_DATE_INVALID: 'Ngày hẹn trả kết quả phải từ hôm nay trở đi.',
  FILE_EMPTY: 'Tệp "{name}" rỗng (0 byte). Hãy quét hoặc chọn lại tệp.',
  FILE_TOO_LARGE: 'Tệp "{name}" lớn hơn 50 MB. Hãy quét lại ở độ phân giải 200–300 DPI.',
  IMAGE_TOO_LARGE: 'Ảnh "{name}" quá lớn (trên 100 megapixel). Hãy quét lại ở độ phân giải 200–300 DPI.',
  FILE_UNSUPPORTED: 'Tệp "{name}" không phải ảnh JPEG, PNG, TIFF hoặc PDF. Hãy chọn đúng tệp quét.',
  FILE_TYPE_MISMATCH: 'Tệp "{name}" có đuôi .{ext} nhưng nội dung là {actual}. Hãy kiểm tra lại tệp.',
  FILE_CORRUPT: 'Tệp "{name}" bị hỏng hoặc chưa ghi xong, không đọc được. Hãy quét hoặc sao chép lại.',
  PDF_ENCRYPTED: 'Tệp PDF "{name}" có mật khẩu bảo vệ. Hãy mở khoá hoặc quét lại bản giấy.',
  PDF_TOO_MANY_PAGES: 'Tệp "{name}" có quá nhiều trang ({pages}, tối đa 200). Hãy tách thành các tệp nhỏ hơn.',
  BAD_FILE_NAME: 'Tên tệp "{name}" không hợp lệ. Hãy đổi tên tệp (không chứa dấu / hoặc \\).',
  CATALOG_FORMAT: 'Tệp danh mục không đúng định dạng: {detail}.',
  OCR_FAILED: 'Không nhận dạng được chữ trên trang này. Hãy quét lại rõ nét hơn.',
  NO_QUALITY_WARNINGS: 'Trang này không có cảnh báo chất lượng nào cần xác nhận.',
  STORAGE: 'Không ghi được dữ liệu xuống ổ đĩa. Hãy kiểm tra dung lượng trống rồi thử lại.',
  SELF_REVIEW: 'Bạn không thể tự duyệt hoặc trả lại hồ sơ do chính mình tiếp nhận. Hãy nhờ kiểm soát viên khác.',
  DAY_CLOSED: 'Ngày {date} đã được chốt sổ lúc {closedAt}. Thay đổi sau đó sẽ hiện ở mục điều chỉnh của báo cáo kế tiếp.',
  DAY_NOT_CLOSABLE: 'Không thể chốt sổ ngày {date} vì ngày này chưa đến.',
  INTERNAL: 'Đã xảy ra lỗi ngoài dự kiến. Dữ liệu đã nhập vẫn được giữ nguyên; hãy thử lại hoặc báo quản trị viên.',
} as const;

export type ErrorCode = keyof typeof errorMessages;

export type ErrorDetails = {
  [key: string]: string | number | boolean | string[] | Record<string, string> | undefined;
  /** field path -> Vietnamese message, shown beside the field */
  fields?: Record<string, string>;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  constructor(code: ErrorCode, details: ErrorDetails = {}) {
    super(formatErrorMessage(code, details));
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function formatErrorMessage(code: ErrorCode, details: ErrorDetails = {}): string {
  return errorMessages[code].replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = details[key];
    if (value === undefined || (typeof value === 'object' && !Array.isArray(value))) return whole;
    return Array.isArray(value) ? value.join(', ') : String(value);
  });
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
