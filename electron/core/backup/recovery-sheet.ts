// The one-time recovery sheet (Phiếu khôi phục dữ liệu): the passphrase, its key fingerprint and how to restore, as A4 PDF.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { formatDateTime } from '../../common/format';
import { drawLine, drawWrapped, type TextStyle } from '../pdf/pdf-text';

export type RecoverySheetData = {
  office: { code: string; name: string; address: string };
  counterNumber: number;
  passphrase: string;
  fingerprint: string;
  createdAt: number;
  createdBy: string;
  folder: string;
};

const GREY = rgb(0.35, 0.35, 0.35);

/**
 * Built only in the call that sets the passphrase and never stored: the PC keeps the public half of the key alone, so
 * this sheet is the only place the passphrase exists outside the admin's head.
 */
export async function recoverySheetPdf(data: RecoverySheetData, fonts: { regular: Uint8Array; bold: Uint8Array }): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(fonts.regular, { subset: true });
  const bold = await doc.embedFont(fonts.bold, { subset: true });
  const page = doc.addPage([595.28, 841.89]);
  const left = 56;
  const width = 595.28 - 2 * left;
  const s = (size: number, font = regular, color = rgb(0, 0, 0)): TextStyle => ({ font, size, color });
  let y = 841.89 - 64;
  const line = (text: string, style: TextStyle, gap = 6) => {
    const n = drawWrapped(page, text, left, y, width, style, style.size * 1.35);
    y -= n * style.size * 1.35 + gap;
  };

  drawLine(page, data.office.name, left, y, width, s(11, bold));
  y -= 15;
  line(`${data.office.address} · Mã điểm ${data.office.code} · Quầy ${String(data.counterNumber).padStart(2, '0')}`, s(9.5, regular, GREY), 18);
  drawLine(page, 'PHIẾU KHÔI PHỤC DỮ LIỆU', left, y, width, s(18, bold), 'center');
  y -= 20;
  drawLine(page, 'Đại lý DVC — cụm mật khẩu mở các bản sao lưu của điểm', left, y, width, s(10.5, regular, GREY), 'center');
  y -= 36;

  line('Cụm mật khẩu khôi phục:', s(11, bold), 10);
  const boxTop = y + 14;
  page.drawRectangle({ x: left, y: y - 34, width, height: boxTop - (y - 34), borderColor: rgb(0, 0, 0), borderWidth: 1.2 });
  drawLine(page, data.passphrase, left + 12, y - 14, width - 24, s(data.passphrase.length > 40 ? 13 : 18, bold), 'center');
  y -= 60;
  line(`Mã khoá: ${data.fingerprint}`, s(12, bold), 4);
  line('Mỗi bản sao lưu ghi mã khoá của cụm mật khẩu mở được nó. Khi đổi cụm mật khẩu, giữ lại phiếu cũ cho các bản sao lưu cũ.', s(9.5, regular, GREY), 18);

  line('Cất phiếu này thế nào', s(12, bold), 6);
  for (const text of [
    '• Phiếu này chỉ in một lần: ứng dụng không lưu cụm mật khẩu, không ai (kể cả bộ phận hỗ trợ) lấy lại được nếu mất phiếu.',
    '• Cất nơi có khoá, tách khỏi máy tính và khỏi ổ sao lưu (ví dụ: két của điểm hoặc phòng của trưởng điểm). Có thể in hai bản, cất hai nơi.',
    '• Ai có phiếu này và ổ sao lưu thì đọc được hồ sơ của công dân: không chụp ảnh, không gửi qua mạng.',
  ]) line(text, s(10.5), 3);
  y -= 12;

  line('Khi máy hỏng, mất hoặc thay máy mới', s(12, bold), 6);
  for (const text of [
    '1. Cài ứng dụng Đại lý DVC trên máy mới. Ở màn hình thiết lập ban đầu, chọn "Khôi phục từ bản sao lưu".',
    `2. Cắm ổ sao lưu, chọn tệp .dvcbak mới nhất trong thư mục sao lưu (đang đặt là: ${data.folder || 'chưa chọn'}).`,
    '3. Nhập cụm mật khẩu ở trên. Ứng dụng kiểm tra từng tệp rồi đưa lại toàn bộ hồ sơ, trang quét, báo cáo chốt ngày và các hồ sơ đang chờ gửi cổng (gửi đúng một lần).',
    '4. Đăng nhập bằng tài khoản cũ. Máy mới mang số quầy của bản sao lưu: đừng để hai máy cùng số quầy.',
  ]) line(text, s(10.5), 3);

  y = 90;
  drawLine(page, `Lập lúc ${formatDateTime(data.createdAt)} bởi ${data.createdBy}.`, left, y, width, s(9, regular, GREY));
  drawLine(page, 'Người cất giữ phiếu (ký, ghi rõ họ tên):', left, y - 18, width, s(9, regular, GREY));
  return doc.save();
}
