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
  WEAK_PASSWORD: 'Mật khẩu chưa đủ an toàn. {reason}',
  TOO_MANY_LOGINS:
    'Máy này vừa có quá nhiều lần đăng nhập sai. Hãy đợi {seconds} giây rồi thử lại; nếu quên mật khẩu, hãy nhờ quản trị viên đặt lại.',
  CONFLICT: 'Hồ sơ đã được sửa ở cửa sổ khác lúc {at}; hãy tải lại để xem bản mới nhất.',
  DRAFT_NOT_CANCELLABLE:
    'Hồ sơ {code} đã được đánh dấu sẵn sàng (đã in phiếu tiếp nhận) nên không huỷ được. Nếu người nộp rút hồ sơ, hãy báo kiểm soát viên.',
  DRAFT_PROCEDURE_LOCKED:
    'Hồ sơ {code} đã được đánh dấu sẵn sàng (đã in phiếu tiếp nhận với thủ tục này) nên không đổi thủ tục được. Nếu chọn nhầm thủ tục, hãy tạo hồ sơ mới đúng thủ tục và báo kiểm soát viên về hồ sơ này.',
  PROCEDURE_UNCHANGED: 'Hồ sơ đang là thủ tục này rồi. Hãy chọn một thủ tục khác.',
  INVALID_STATE: 'Không thể thực hiện thao tác này khi hồ sơ đang ở trạng thái "{status}".',
  MISSING_COMPONENTS: 'Còn thiếu giấy tờ bắt buộc: {names}. Hãy bổ sung trang quét hoặc ghi lý do nộp thiếu.',
  APPLICANT_INCOMPLETE: 'Thông tin người nộp chưa đầy đủ hoặc chưa đúng: {fieldNames}. Hãy sửa các ô được đánh dấu.',
  APPLICANT_UNCONFIRMED:
    'Thông tin đọc tự động từ thẻ căn cước chưa được xác nhận: {fieldNames}. Hãy đối chiếu với thẻ rồi bấm "Xác nhận".',
  SCAN_FOLDER_INVALID: 'Không dùng được thư mục quét "{folder}": {reason}. Hãy chọn thư mục máy quét lưu ảnh vào.',
  CASE_REQUIRED:
    'Thủ tục này có nhiều trường hợp, mỗi trường hợp một bộ giấy tờ. Hãy chọn trường hợp của hồ sơ trước khi đánh dấu sẵn sàng.',
  FEE_REQUIRED:
    'Danh mục chưa có mức phí, lệ phí rõ ràng cho hồ sơ này ({detail}). Hãy nhập số tiền thu và lý do (ít nhất 5 ký tự) ở mục "Phí, lệ phí".',
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
  FILE_TOO_HEAVY:
    'Tệp "{name}" cần quá nhiều bộ nhớ hoặc thời gian để mở ({reason}). Hãy quét lại giấy tờ ở 200–300 DPI, hoặc tách tệp thành các tệp nhỏ hơn.',
  PDF_TOO_MANY_PAGES: 'Tệp "{name}" có quá nhiều trang ({pages}, tối đa 200). Hãy tách thành các tệp nhỏ hơn.',
  BAD_FILE_NAME: 'Tên tệp "{name}" không hợp lệ. Hãy đổi tên tệp (không chứa dấu / hoặc \\).',
  CATALOG_FORMAT: 'Tệp danh mục không đúng định dạng: {detail}.',
  CORRECTIONS_FORMAT: 'Tệp bản sửa danh mục không đúng định dạng: {detail}. Hãy chọn tệp xuất từ màn hình sửa danh mục.',
  CORRECTION_STALE:
    'Bản sửa của thủ tục này vừa được người khác lưu (phiên bản {version}). Hãy tải lại rồi sửa tiếp trên bản mới nhất.',
  REUSE_NOT_ALLOWED:
    'Chưa xem được giấy tờ đã số hoá của người này. Hãy đọc thẻ căn cước của người nộp (mã QR hoặc dòng MRZ) trong hồ sơ này, hoặc nhờ kiểm soát viên duyệt dùng lại.',
  REUSE_NO_CONSENT:
    'Người nộp chưa đồng ý lưu giấy tờ để dùng lại ở các hồ sơ trước (hoặc đã rút lại đồng ý), nên không có giấy tờ nào được gợi ý. Hãy quét giấy tờ mới.',
  CONSENT_REQUIRED:
    'Chưa ghi nhận sự đồng ý của người nộp cho việc xử lý dữ liệu cá nhân để làm thủ tục này. Hãy đọc thông báo cho người nộp nghe (hoặc cho họ đọc), rồi ở mục "Đồng ý xử lý dữ liệu cá nhân" tích ô đồng ý, chọn cách xác nhận và bấm "Ghi nhận đồng ý".',
  CONSENT_NOTICE_CHANGED:
    'Nội dung thông báo xử lý dữ liệu cá nhân vừa được cập nhật (phiên bản {version}). Hãy đọc lại thông báo mới cho người nộp rồi ghi nhận đồng ý.',
  CONSENT_NOT_GIVEN: 'Hồ sơ này không có sự đồng ý đang hiệu lực cho mục đích "{purpose}" nên không có gì để rút lại.',
  RETENTION_EXPIRED:
    'Đã hết thời hạn lưu {what} của hồ sơ này ({date}) nên không thể in lại hoặc xem lại. Nếu cần bản sao, hãy liên hệ cơ quan giải quyết thủ tục.',
  DOSSIER_HELD: 'Hồ sơ {code} đang được giữ lại theo yêu cầu pháp lý từ {since}. Hãy bỏ giữ lại (kèm lý do) trước.',
  DOSSIER_NOT_HELD: 'Hồ sơ {code} không ở trạng thái giữ lại theo yêu cầu pháp lý.',
  ERASE_CONFIRM_MISMATCH:
    'Số định danh nhập lại để xác nhận không khớp. Hãy gõ đúng 12 chữ số của người yêu cầu xoá dữ liệu.',
  CITIZEN_NOT_FOUND: 'Không có hồ sơ nào của số định danh {idNumber} trên máy này (hoặc dữ liệu đã được xoá theo thời hạn lưu trữ).',
  PAGE_PURGED: 'Ảnh trang này đã được xoá theo thời hạn lưu trữ hoặc theo yêu cầu của công dân, không còn để xem.',
  OCR_FAILED: 'Không nhận dạng được chữ trên trang này. Hãy quét lại rõ nét hơn.',
  NO_QUALITY_WARNINGS: 'Trang này không có cảnh báo chất lượng nào cần xác nhận.',
  STORAGE: 'Không ghi được dữ liệu xuống ổ đĩa. Hãy kiểm tra dung lượng trống rồi thử lại.',
  PORTAL_UNREACHABLE:
    'Chưa kết nối được cổng, nên kết nối chưa được lưu: {reason} Nếu điểm chưa có mạng, có thể chọn "Lưu dù chưa kết nối được".',
  PORTAL_SECRET_REFUSED: 'Kết nối chưa được lưu: {reason}',
  PORTAL_CERTIFICATE: 'Kết nối chưa được lưu: {reason}',
  PORTAL_CLOCK: 'Kết nối chưa được lưu: {reason}',
  PORTAL_NOT_PORTAL: 'Kết nối chưa được lưu: {reason}',
  PORTAL_URL_INSECURE: '{reason}',
  KEYSTORE_UNAVAILABLE:
    'Máy này chưa có kho khoá của hệ điều hành (trên Linux: GNOME Keyring hoặc KWallet) nên không thể mã hoá dữ liệu công dân. Hãy cài và mở kho khoá rồi mở lại ứng dụng.',
  DATA_KEY_MISSING:
    'Dữ liệu của điểm đã được mã hoá nhưng không tìm thấy khoá giải mã ({where}). Ứng dụng không tạo khoá mới để khỏi mất dữ liệu: hãy chép lại tệp khoá từ bản sao lưu hoặc báo quản trị viên.',
  DATA_KEY_UNREADABLE:
    'Không mở được khoá giải mã dữ liệu. Hãy đăng nhập đúng tài khoản máy tính đã dùng ứng dụng này (khoá gắn với tài khoản đó), hoặc báo quản trị viên.',
  DATA_TAMPERED:
    'Tệp dữ liệu "{item}" đã bị thay đổi hoặc hỏng nên không được dùng. Hãy quét lại trang này hoặc báo quản trị viên.',
  SELF_REVIEW: 'Bạn không thể tự duyệt hoặc trả lại hồ sơ do chính mình tiếp nhận. Hãy nhờ kiểm soát viên khác.',
  DAY_CLOSED: 'Ngày {date} đã được chốt sổ lúc {closedAt}. Thay đổi sau đó sẽ hiện ở mục điều chỉnh của báo cáo kế tiếp.',
  DAY_NOT_CLOSABLE: 'Không thể chốt sổ ngày {date} vì ngày này chưa đến.',
  FORM_NOT_AVAILABLE: 'Thủ tục này chưa có mẫu tờ khai điền sẵn trong ứng dụng. Hãy dùng tờ khai giấy và quét vào hồ sơ.',
  FORM_VERSION:
    'Mẫu tờ khai "{formId}" đã được cập nhật (phiên bản {version}). Hãy mở lại tờ khai để nhập tiếp trên mẫu mới.',
  FORM_REASON_REQUIRED:
    'Hồ sơ đã từng được đánh dấu sẵn sàng nên mọi thay đổi tờ khai được ghi nhật ký: hãy ghi lý do sửa (ít nhất 5 ký tự).',
  FORM_INCOMPLETE: 'Tờ khai chưa đầy đủ hoặc chưa đúng: {fieldNames}. Hãy sửa các ô được đánh dấu trong phần tờ khai.',
  FORM_UNCONFIRMED:
    'Thông tin tờ khai điền tự động (từ thẻ căn cước, Giấy chứng sinh hoặc thông tin người nộp) chưa được xác nhận: {fieldNames}. Hãy đối chiếu với giấy tờ rồi bấm "Xác nhận".',
  OCR_UNAVAILABLE: 'Máy này chưa bật nhận dạng chữ (OCR) nên chưa đọc được trang này. Hãy nhập tay theo giấy tờ.',
  BACKUP_NOT_CONFIGURED:
    'Chưa cài đặt sao lưu. Hãy vào Cài đặt > Sao lưu dữ liệu: chọn thư mục sao lưu và đặt cụm mật khẩu khôi phục.',
  BACKUP_FOLDER_UNUSABLE:
    'Không ghi được vào thư mục sao lưu "{folder}" ({reason}). Hãy cắm lại ổ USB hoặc kiểm tra ổ mạng, hoặc chọn thư mục khác.',
  BACKUP_BUSY: 'Đang có một lần sao lưu khác ghi vào thư mục này (từ {since}). Hãy đợi lần đó xong rồi thử lại.',
  BACKUP_WRONG_PASSPHRASE:
    'Cụm mật khẩu khôi phục không đúng với bản sao lưu này (mã khoá {fingerprint}). Hãy nhập cụm in trên phiếu khôi phục có cùng mã khoá.',
  BACKUP_DAMAGED:
    'Bản sao lưu bị hỏng hoặc đã bị sửa ({reason}) nên không dùng được. Hãy chọn một bản sao lưu khác trong thư mục sao lưu.',
  BACKUP_NOT_FOUND: 'Không đọc được tệp sao lưu "{file}". Hãy chọn một tệp .dvcbak trong thư mục sao lưu.',
  BACKUP_NEWER_VERSION:
    'Bản sao lưu này do phiên bản mới hơn của ứng dụng tạo ra (dữ liệu đến bước {step}). Hãy cập nhật ứng dụng rồi khôi phục lại.',
  BACKUP_INTERRUPTED:
    'Lần sao lưu bị dừng giữa chừng vì ứng dụng đóng lại; các bản sao lưu trước vẫn nguyên vẹn. Hãy bấm "Sao lưu ngay" khi mở lại.',
  PASSPHRASE_WEAK: 'Cụm mật khẩu khôi phục chưa đủ an toàn: {reason}',
  RESTORE_CONFIRM_REQUIRED:
    'Bản sao lưu này cũ hơn dữ liệu đang có trên máy; khôi phục sẽ làm mất: {loss}. Hãy xác nhận nếu vẫn muốn khôi phục.',
  DATABASE_NEWER_VERSION:
    'Dữ liệu trên máy này do một phiên bản mới hơn của ứng dụng tạo ra (đã nâng cấp {step} bước). Hãy cài lại phiên bản mới nhất; phiên bản này không mở để khỏi làm hỏng dữ liệu.',
  MIGRATION_FAILED:
    'Không nâng cấp được dữ liệu lên phiên bản này (bước {step}: {reason}). Dữ liệu vẫn giữ nguyên như trước khi nâng cấp. Hãy cài lại phiên bản trước hoặc gửi tệp nhật ký cho bộ phận hỗ trợ.',
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
