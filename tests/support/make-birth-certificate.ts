// Fixture: a filled Giấy chứng sinh page (layout of mẫu GCS, TT 56/2017/TT-BYT Phụ lục 5 / TT 22/2025/TT-BYT) at 300 DPI.
import { createCanvas } from '@napi-rs/canvas';
import {
  birthCertificateContent,
  pick,
  type BirthCertificateContent,
  type BirthCertificateTruth,
} from './birth-certificate-data';
import { capturePage, type CaptureCondition } from './birth-certificate-capture';
import { drawSignature, drawStamp } from './birth-certificate-ink';
import {
  drawStyle,
  PAGE_H,
  PAGE_W,
  PageWriter,
  registerFonts,
  type BirthCertificateStyle,
  type Cell,
} from './birth-certificate-writer';
import { seededRandom } from './vietnamese-corpus';

// Which form: the Giấy chứng sinh in force is mẫu số 01, Phụ lục I of Thông tư 22/2025/TT-BYT (effective 01/10/2025),
// which replaced Thông tư 17/2012/TT-BYT and the form of Thông tư 56/2017/TT-BYT Phụ lục 5 (no Thông tư 27/2019 form
// was found). The 2025 annex text could not be read here, so the page follows the 2017 form's fields and order (Cơ sở
// KB, CB; Số; Quyển số; mẹ/người nuôi dưỡng, năm sinh, nơi đăng ký thường trú, BHXH/BHYT, giấy tờ tùy thân, dân tộc,
// cha; "Đã sinh con vào lúc … giờ … phút, ngày … tháng … năm …"; Tại; số con; giới tính, cân nặng; dự định đặt tên
// con; ghi chú; signatures and seal), and varies the ID line between the 2017 wording and the newer "Số định danh cá
// nhân" ones, as pages in circulation do.

export type { BirthCertificateTruth } from './birth-certificate-data';
export { captureConditions, type CaptureCondition } from './birth-certificate-capture';
export type { BirthCertificateStyle } from './birth-certificate-writer';

function drawHeader(w: PageWriter, c: BirthCertificateContent): void {
  const leftCx = 620;
  const rightCx = 1720;
  const top = w.y;
  w.centred(c.facility.parent, leftCx, top, w.font(false, 0.92));
  w.centred(c.facility.name.toUpperCase(), leftCx, top + w.style.size * 1.3, w.font(true, 0.86));
  w.ctx.fillRect(leftCx - 120, top + w.style.size * 1.3 + 18, 240, 3);
  w.centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightCx, top, w.font(true, 0.9));
  const motto = w.centred(
    'Độc lập - Tự do - Hạnh phúc',
    rightCx,
    top + w.style.size * 1.3,
    w.font(true, 0.92),
  );
  w.ctx.fillRect(motto.x0, top + w.style.size * 1.3 + 18, motto.x1 - motto.x0, 3);
  w.y = top + w.style.size * 3.2;
  w.row([{ items: [{ label: 'Số:' }, { value: c.serial, slot: 380 }] }]);
  w.row([{ items: [{ label: 'Quyển số:' }, { value: c.book, slot: 300 }] }]);
  w.y += w.style.size * 0.6;
  w.centred('GIẤY CHỨNG SINH', PAGE_W / 2, w.y, w.font(true, 1.45));
  w.y += w.style.lineGap * 1.4;
}

const idLabels = [
  'Số định danh cá nhân/CCCD:',
  'Số định danh cá nhân:',
  'Số CCCD/Hộ chiếu:',
  'Giấy CMND/Thẻ căn cước/Hộ chiếu số:',
];
const spacedId = (id: string) => `${id.slice(0, 3)} ${id.slice(3, 6)} ${id.slice(6)}`;

function drawBody(w: PageWriter, c: BirthCertificateContent): void {
  const { random } = w;
  const t = c.truth;
  const mid = 1360;
  const ethnicityWithYear = random() < 0.5;
  w.row([
    {
      items: [
        { label: 'Họ và tên mẹ/người nuôi dưỡng:' },
        { value: w.style.motherUpper ? t.motherFullName.toUpperCase() : t.motherFullName },
      ],
    },
  ]);
  const year: Cell = { items: [{ label: 'Năm sinh:' }, { value: String(c.motherBirthYear) }] };
  w.rows(
    ethnicityWithYear
      ? [year, { x: mid, items: [{ label: 'Dân tộc:' }, { value: c.motherEthnicity }] }]
      : [year],
  );
  w.row([{ items: [{ label: 'Nơi đăng ký thường trú:' }, { value: c.motherResidence }] }]);
  if (random() < 0.5)
    w.row([{ items: [{ label: 'Mã số BHXH/Thẻ BHYT số:' }, { value: c.insuranceNumber }] }]);
  const id = random() < 0.15 ? spacedId(t.motherIdNumber) : t.motherIdNumber;
  const idCell: Cell = { items: [{ label: pick(random, idLabels) }, { value: id }] };
  w.rows(
    random() < 0.5
      ? [idCell, { x: mid + 200, items: [{ label: 'Ngày cấp:' }, { value: c.idIssueDate }] }]
      : [idCell],
  );
  if (!ethnicityWithYear) w.row([{ items: [{ label: 'Dân tộc:' }, { value: c.motherEthnicity }] }]);
  if (c.fatherFullName)
    w.row([
      {
        items: [
          { label: 'Họ và tên cha:' },
          { value: w.style.motherUpper ? c.fatherFullName.toUpperCase() : c.fatherFullName },
        ],
      },
    ]);
  const [hh = '', mm = ''] = c.timeOfBirth.split(':');
  const [dd = '', mo = '', yyyy = ''] = t.dateOfBirth.split('/');
  w.row([
    {
      items: [
        { label: 'Đã sinh con vào lúc:' },
        { value: hh, slot: 110 },
        { label: 'giờ' },
        { value: mm, slot: 110 },
        { label: 'phút, ngày' },
        { value: dd, slot: 110 },
        { label: 'tháng' },
        { value: mo, slot: 110 },
        { label: 'năm' },
        { value: yyyy, slot: 190 },
      ],
    },
  ]);
  w.row([{ items: [{ label: 'Tại:' }, { value: t.placeOfBirth }] }]);
  w.row([{ items: [{ label: 'Số con trong lần sinh này:' }, { value: c.children }] }]);
  w.rows([
    { items: [{ label: 'Giới tính của con:' }, { value: c.sexWritten }] },
    { x: mid, items: [{ label: 'Cân nặng:' }, { value: `${String(c.weightGrams)} gram` }] },
  ]);
  w.row([
    {
      items: [
        { label: 'Dự định đặt tên con là:' },
        { value: w.style.childUpper ? t.childFullName.toUpperCase() : t.childFullName },
      ],
    },
  ]);
  w.row([{ items: [{ label: 'Ghi chú:' }, { value: c.note || ' ' }] }]);
}

/** The signature block; returns where the page's writing ends (the names under the signatures). */
function drawSignatures(w: PageWriter, c: BirthCertificateContent): number {
  const { random, ctx } = w;
  const d = c.issueDate;
  const cols = [420, 1240, 2020];
  w.y += w.style.size * 0.4;
  const signed = `${c.facility.town}, ngày ${String(d.day).padStart(2, '0')} tháng ${String(d.month).padStart(2, '0')} năm ${String(d.year)}`;
  w.text(signed, w.right - w.width(signed, `italic ${w.font()}`), w.y, `italic ${w.font()}`);
  w.y += w.style.lineGap;
  const titles = [
    ['Cha, mẹ hoặc', 'người nuôi dưỡng'],
    ['Người đỡ đẻ', ''],
    ['Thủ trưởng', 'cơ sở KB, CB'],
  ];
  const hints = ['(Ký, ghi rõ họ tên)', '(Ký, ghi rõ họ tên)', '(Ký, đóng dấu)'];
  const names = [c.truth.motherFullName, c.midwife, c.head];
  const top = w.y;
  cols.forEach((cx, i) => {
    w.centred(titles[i]?.[0] ?? '', cx, top, w.font(true, 0.9));
    if (titles[i]?.[1]) w.centred(titles[i]?.[1] ?? '', cx, top + w.style.size * 1.2, w.font(true, 0.9));
    w.centred(hints[i] ?? '', cx, top + w.style.size * 2.4, `italic ${w.font(false, 0.85)}`);
    drawSignature(ctx, cx, top + w.style.size * 5, random() < 0.5 ? '#1a3aa8' : '#222', random);
    w.centred(names[i] ?? '', cx, top + w.style.size * 8, w.font(true, 0.9));
  });
  const headX = cols[2] ?? 0;
  drawStamp(
    ctx,
    headX - 80 + random() * 60,
    top + w.style.size * (4 + random() * 1.5),
    200 + random() * 30,
    c.facility.name,
    'GCS',
    w.style.stampColour,
    random,
  );
  // a hanging stamp (dấu treo) over the facility name, as some hospitals add
  if (random() < 0.3)
    drawStamp(
      ctx,
      620 - 260,
      330 + w.style.size * 0.6,
      120,
      c.facility.name,
      '',
      w.style.stampColour,
      random,
    );
  return top + w.style.size * 8.5;
}

export type BirthCertificatePage = {
  png: Uint8Array;
  truth: BirthCertificateTruth;
  content: BirthCertificateContent;
  style: BirthCertificateStyle;
};

/** A clean 300 DPI page; the same seed gives the same page. */
export async function makeBirthCertificatePage(seed: number): Promise<BirthCertificatePage> {
  registerFonts();
  const random = seededRandom(seed * 7919 + 17);
  const content = birthCertificateContent(random);
  const style = drawStyle(random);
  // drawn on a longer sheet, then fitted to A4: a certificate with every optional line and wide spacing is printed
  // smaller rather than cut off at the bottom
  const sheet = createCanvas(PAGE_W, Math.round(PAGE_H * 1.4));
  const paper = 246 + Math.floor(random() * 10);
  const paperColour = `rgb(${String(paper)},${String(paper)},${String(paper - 4)})`;
  const ctx = sheet.getContext('2d');
  ctx.fillStyle = paperColour;
  ctx.fillRect(0, 0, sheet.width, sheet.height);
  const writer = new PageWriter(ctx, style, random);
  drawHeader(writer, content);
  drawBody(writer, content);
  const bottom = drawSignatures(writer, content);
  const scale = Math.min(1, (PAGE_H - 200) / bottom);
  const canvas = createCanvas(PAGE_W, PAGE_H);
  const page = canvas.getContext('2d');
  page.fillStyle = paperColour;
  page.fillRect(0, 0, PAGE_W, PAGE_H);
  page.drawImage(sheet, (PAGE_W * (1 - scale)) / 2, 0, PAGE_W * scale, sheet.height * scale);
  const png = await canvas.encode('png');
  return {
    png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength),
    truth: content.truth,
    content,
    style,
  };
}

export type CapturedBirthCertificate = {
  name: string;
  condition: CaptureCondition;
  /** what the capture was, e.g. "phone, other desk" */
  capture: string;
  bytes: Uint8Array;
  truth: BirthCertificateTruth;
  /** extra truth not in NAME.fields.json (HH:mm) */
  timeOfBirth: string;
  style: BirthCertificateStyle;
};

/** One generated page in a capture condition: name `gcs-<condition>-<seed>`, the same bytes for the same seed. */
export async function makeBirthCertificate(
  seed: number,
  condition: CaptureCondition,
): Promise<CapturedBirthCertificate> {
  const page = await makeBirthCertificatePage(seed);
  const { bytes, capture } = await capturePage(page.png, condition, seed);
  return {
    name: `gcs-${condition}-${String(seed)}`,
    condition,
    capture,
    bytes,
    truth: page.truth,
    timeOfBirth: page.content.timeOfBirth,
    style: page.style,
  };
}
