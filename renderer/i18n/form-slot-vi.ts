// Vietnamese messages of the form filled in the app standing in for its checklist slot, the subject, parents' cards.
export const formSlotVi = {
  'formSlot.filled': 'Đã có tờ khai điền trong ứng dụng',
  'formSlot.filledHint': 'Dữ liệu tờ khai được gửi lên cổng thay cho bản quét.',
  'formSlot.printed': 'Đã in, chờ công dân ký',
  'formSlot.printedBy': 'In lúc {time}, người in: {name}. Sửa tờ khai sau khi in thì phải in lại.',
  'formSlot.needs_print': 'Đã điền trong ứng dụng, chưa in: hãy in tờ khai để công dân ký',
  'formSlot.print_outdated': 'Tờ khai đã sửa sau lần in lúc {time}: hãy in lại để công dân ký bản mới',
  'formSlot.unconfirmed': 'Tờ khai trong ứng dụng còn thông tin chưa xác nhận',
  'formSlot.incomplete': 'Tờ khai trong ứng dụng chưa điền đủ',
  'formSlot.tag.filled': 'Đã điền',
  'formSlot.tag.printed': 'Đã in',

  'subject.fromForm': 'Lấy từ tờ khai: sửa họ tên ở phần tờ khai.',
  'subject.fromFormEmpty': 'Chưa điền trong tờ khai',

  'form.cardNotKept': 'Ảnh CCCD không được lưu: chỉ dùng để đọc thông tin của {who}, thủ tục không cần bản sao thẻ này.',
  'form.cardOffer': 'Thủ tục cần bản sao CCCD của người nộp ở mục "{slot}", và {who} là người nộp: lưu ảnh vừa đọc vào đó?',
  'form.cardKeep': 'Lưu ảnh vào "{slot}"',
  'form.cardSkip': 'Không lưu',
  'form.cardKept': 'Đã lưu ảnh CCCD vào "{slot}".',
  'form.cardSkipped': 'Ảnh CCCD không được lưu.',
} as const;
