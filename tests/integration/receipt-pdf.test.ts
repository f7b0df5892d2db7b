// The receipt PDF read back as a citizen and a machine would: its text (pdftotext), its fonts, its QR code, its pages.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { renderReceiptPdf, type ReceiptData } from '../../electron/core/pdf/receipt';

const fontDir = join(__dirname, '../../resources/fonts');
const fonts = {
  regular: new Uint8Array(readFileSync(join(fontDir, 'NotoSans-Regular.ttf'))),
  bold: new Uint8Array(readFileSync(join(fontDir, 'NotoSans-Bold.ttf'))),
};

const longProcedureName =
  'Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con, cấp bản sao trích lục hộ tịch và cấp giấy chứng nhận có yếu tố nước ngoài tại Ủy ban nhân dân cấp xã';

/** Invented people and places; the applicant's name arrives decomposed (NFD), as some keyboards type it. */
const sampleReceipt: ReceiptData = {
  office: {
    code: 'DL-HN-0123',
    name: 'Bưu điện Văn hoá xã Tân Lập',
    address: 'Thôn Thượng, xã Tân Lập, huyện Đan Phượng, Hà Nội',
    phone: '024 3388 1234',
  },
  agentName: 'Trần Thị Hồng Nhung',
  localCode: 'HS-20260213-0007',
  createdAt: Date.UTC(2026, 1, 13, 2, 35), // 09:35 in Hà Nội
  applicant: {
    fullName: 'Nguyễn Thị Ngọc Ánh'.normalize('NFD'),
    idNumber: '001186012345',
    dateOfBirth: '1986-07-21',
    phone: '0912 345 678',
    address: 'Số 12 ngõ 34 phố Nguyễn Trãi, phường Thượng Đình, quận Thanh Xuân, thành phố Hà Nội',
  },
  procedure: { code: '1.001193', name: longProcedureName },
  mode: 'online',
  components: [
    { name: 'Tờ khai đăng ký khai sinh theo mẫu', kind: 'submit', pageCount: 2, originals: 1, copies: 0 },
    {
      name: 'Giấy chứng sinh do cơ sở khám bệnh, chữa bệnh cấp; trường hợp không có giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh',
      kind: 'submit',
      pageCount: 1,
      originals: 1,
      copies: null,
    },
    { name: 'Căn cước công dân của người đi đăng ký', kind: 'show', pageCount: 2, originals: 1, copies: 0 },
    { name: 'Giấy chứng nhận kết hôn của cha mẹ', kind: 'submit', pageCount: 1, originals: 0, copies: 1 },
  ],
  fee: { statutoryVnd: 1_234_000, detail: '1.234.000 đồng', serviceChargeVnd: 20_000, totalVnd: 1_254_000 },
  delivery: {
    method: 'post',
    address: 'Số 12 ngõ 34 phố Nguyễn Trãi, phường Thượng Đình, quận Thanh Xuân, Hà Nội',
  },
  dueDate: '2026-02-25',
  overrideReason: 'Giấy chứng nhận kết hôn bản gốc đang thất lạc, công dân cam kết bổ sung sau',
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'receipt-pdf-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function render(name: string, data: ReceiptData, pageSize: 'A4' | 'A5' = 'A4') {
  const bytes = await renderReceiptPdf(data, fonts, { pageSize });
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
  return { bytes, path, text, pages, flat: text.replace(/\s+/g, ' ') };
}

async function decodeQr(pngPath: string): Promise<string[]> {
  const wasmPath = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  const wasm = readFileSync(wasmPath);
  await prepareZXingModule({
    overrides: {
      wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength),
      locateFile: () => wasmPath,
    },
    fireImmediately: true,
  });
  const results = await readBarcodes(new Uint8Array(readFileSync(pngPath)), { formats: ['QRCode'] });
  return results.map((r) => r.text);
}

describe('renderReceiptPdf', () => {
  it('prints the applicant, procedure, fee and appointment date so pdftotext reads them back, on one A4 page', async () => {
    const { text, flat, pages, path } = await render('a4.pdf', sampleReceipt);
    expect(pages).toBe(1);
    expect(text).toContain('PHIẾU TIẾP NHẬN HỒ SƠ');
    expect(text).toContain('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Nguyễn Thị Ngọc Ánh'.normalize('NFC'));
    expect(text).not.toContain('Nguyễn Thị Ngọc Ánh'.normalize('NFD'));
    expect(text).toMatch(/Ngày hẹn trả kết quả:\s+Thứ Tư, 25\/02\/2026/);
    expect(text).toContain('1.001193');
    expect(text).toMatch(/Phí, lệ phí:\s+1\.234\.000 ₫/);
    expect(text).toMatch(/Tổng số tiền:\s+1\.254\.000 ₫ \(gồm phí dịch vụ đại lý 20\.000 ₫\)/);
    // no portal code before the portal has accepted the dossier
    expect(text).not.toContain('Cổng Dịch vụ công');
    expect(text).toContain('HS-20260213-0007');
    expect(text).toContain('09:35 13/02/2026');
    expect(text).toContain('21/07/1986');
    // the long procedure name wraps over several lines but none of it is lost
    expect(flat).toContain(longProcedureName);
    expect(flat).toContain('Tổng cộng: 4 giấy tờ, 6 trang');
    expect(flat).toContain('Xuất trình');
    expect(flat).toContain('Lý do: Giấy chứng nhận kết hôn bản gốc đang thất lạc');
    expect(text).toContain('NGƯỜI NỘP HỒ SƠ');
    expect(text).toContain('NGƯỜI TIẾP NHẬN');

    if (process.env.RECEIPT_SCREENSHOT) {
      execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', path, join(dir, 'shot')]);
      copyFileSync(join(dir, 'shot.png'), process.env.RECEIPT_SCREENSHOT);
    }
  });

  it('embeds only the used glyphs of the Vietnamese font', async () => {
    const { bytes, path } = await render('fonts.pdf', sampleReceipt);
    const fontList = execFileSync('pdffonts', [path], { encoding: 'utf8' });
    expect(fontList).toMatch(/NotoSans-Regular\S*\s+CID TrueType\s+Identity-H\s+yes/);
    expect(fontList).toMatch(/NotoSans-Bold\S*\s+CID TrueType\s+Identity-H\s+yes/);
    expect(bytes.length).toBeLessThan(80_000); // the two full fonts alone are ~1 MB
  });

  it('carries a QR code that scans back to the local dossier code', async () => {
    const { path } = await render('qr.pdf', sampleReceipt);
    execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', path, join(dir, 'qr')]);
    expect(await decodeQr(join(dir, 'qr.png'))).toEqual(['HS-20260213-0007']);
  });

  it('says "Miễn phí" for a free procedure, and when the deadline is unknown says who will tell', async () => {
    const { text } = await render('free.pdf', {
      ...sampleReceipt,
      fee: { statutoryVnd: 0, detail: 'Miễn phí, lệ phí', serviceChargeVnd: 0, totalVnd: 0 },
      dueDate: null,
      delivery: { method: 'counter' },
      overrideReason: null,
    });
    expect(text).toMatch(/Phí, lệ phí:\s+Miễn phí/);
    expect(text).toContain('Theo thông báo của cơ quan giải quyết');
    expect(text).toContain('Nhận tại quầy của đại lý');
    expect(text).not.toContain('Ghi chú');
  });

  it('states a per-page fee with its arithmetic, the service charge and the total', async () => {
    const { text } = await render('per-page.pdf', {
      ...sampleReceipt,
      procedure: { code: '2.000815', name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản' },
      components: [
        { name: 'Bản sao cần chứng thực', kind: 'submit', pageCount: 3, originals: 0, copies: 1 },
        { name: 'Bản chính cần chứng thực', kind: 'show', pageCount: 0, originals: 1, copies: 0 },
      ],
      fee: { statutoryVnd: 5_000, detail: '3 trang × 1 bản = 5.000 đồng', serviceChargeVnd: 20_000, totalVnd: 25_000 },
      overrideReason: null,
    });
    expect(text).toMatch(/Phí, lệ phí:\s+5\.000 ₫ \(3 trang × 1 bản = 5\.000 đồng\)/);
    expect(text).toMatch(/Tổng số tiền:\s+25\.000 ₫ \(gồm phí dịch vụ đại lý 20\.000 ₫\)/);
    // the original shown at the counter is listed as seen, not as zero pages
    expect(text).toMatch(/Bản chính cần chứng thực\s+Xuất trình\s+1\s+0\s+Đã xem/);
  });

  it('names the person concerned, the agent’s fee with its reason, and after the portal accepted, its code', async () => {
    const { text, flat, path } = await render(
      'subject.pdf',
      {
        ...sampleReceipt,
        subject: { label: 'Trẻ được khai sinh', name: 'Nguyễn Minh Khôi' },
        caseName: 'Có Giấy chứng sinh',
        portalCode: 'G22.99-261120-000123',
        fee: {
          statutoryVnd: null,
          detail: 'Danh mục chưa ghi rõ phí, lệ phí',
          overrideVnd: 200_000,
          overrideReason: 'Mức thu theo Thông tư 244/2016/TT-BTC',
          serviceChargeVnd: 20_000,
          totalVnd: 220_000,
        },
      },
      'A5',
    );
    expect(text).toMatch(/Trẻ được khai sinh:\s+Nguyễn Minh Khôi/);
    expect(text).toMatch(/Trường hợp:\s+Có Giấy chứng sinh/);
    expect(flat).toContain('Mã hồ sơ trên Cổng Dịch vụ công: G22.99-261120-000123');
    expect(flat).toContain('Phí, lệ phí đã thu: 200.000 ₫. Lý do: Mức thu theo Thông tư 244/2016/TT-BTC');
    expect(text).toMatch(/Tổng số tiền:\s+220\.000 ₫/);
    // the portal code sits clear of the QR, which still scans to the local code
    execFileSync('pdftoppm', ['-png', '-r', '200', '-singlefile', path, join(dir, 'qr-a5')]);
    expect(await decodeQr(join(dir, 'qr-a5.png'))).toEqual(['HS-20260213-0007']);
  });

  it('fits a typical dossier on one A5 sheet', async () => {
    const { pages, text } = await render(
      'a5.pdf',
      {
        ...sampleReceipt,
        procedure: { code: '1.001193', name: 'Thủ tục đăng ký khai sinh' },
        components: sampleReceipt.components.slice(0, 3),
        overrideReason: null,
      },
      'A5',
    );
    expect(pages).toBe(1);
    expect(text).toContain('25/02/2026');
  });

  it('continues a long list of components on further pages, repeating the table header', async () => {
    const components = Array.from({ length: 40 }, (_, i) => ({
      name: `Giấy tờ kèm theo số ${i + 1}: bản sao giấy xác nhận nơi cư trú`,
      kind: 'submit' as const,
      pageCount: 1,
      originals: 0,
      copies: 1,
    }));
    const { pages, text, flat } = await render('long.pdf', { ...sampleReceipt, components }, 'A5');
    expect(pages).toBeGreaterThan(1);
    for (let i = 1; i <= 40; i += 1) expect(flat).toContain(`Giấy tờ kèm theo số ${i}:`);
    expect(text.match(/Tên giấy tờ/g)?.length).toBeGreaterThan(1);
    expect(text).toContain(`Trang 2/${pages}`);
    expect(text).toContain('HS-20260213-0007 (tiếp theo)');
    expect(flat).toContain('Tổng cộng: 40 giấy tờ, 40 trang');
  });
});
