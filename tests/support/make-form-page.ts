// Fixture: a declaration form (tờ khai) page at 300 DPI: "Label: value" lines over dotted leaders and a red stamp.
import sharp, { type OverlayOptions } from 'sharp';
import { formFields, seededRandom } from './vietnamese-corpus';
import { textPageFontFile } from './make-text-page';

const PAGE_W = 2480;
const PAGE_H = 3508;
const MARGIN = 260;

type RenderedLine = { png: Buffer; width: number; height: number; baseline: number };

function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

async function renderText(text: string, size: number, colour: string, bold = false): Promise<{ png: Buffer; width: number; height: number }> {
  const weight = bold ? ' weight="bold"' : '';
  const out = await sharp({
    text: {
      text: `<span foreground="${colour}"${weight}>${escapeMarkup(text.normalize('NFC'))}</span>`,
      font: `Noto Sans ${String(size)}`,
      fontfile: textPageFontFile(),
      dpi: 300,
      rgba: true,
    },
  })
    .png()
    .toBuffer({ resolveWithObject: true });
  return { png: out.data, width: out.info.width, height: out.info.height };
}

/**
 * Renders one line and finds its baseline: the render is cropped to the ink, so the same text is rendered again with
 * a final period, whose bottom sits on the baseline (the period does not change the crop's top).
 */
async function renderLine(text: string, size = 12, colour = 'black', bold = false): Promise<RenderedLine> {
  const plain = await renderText(text, size, colour, bold);
  const probe = await renderText(`${text}.`, size, colour, bold);
  const alpha = await sharp(probe.png).extractChannel(3).raw().toBuffer({ resolveWithObject: true });
  const { width, height } = alpha.info;
  let baseline = height;
  for (let y = height - 1; y >= 0; y--) {
    let ink = false;
    for (let x = Math.max(0, width - 8); x < width; x++) if ((alpha.data[y * width + x] ?? 0) > 128) ink = true;
    if (ink) {
      baseline = y + 1;
      break;
    }
  }
  return { ...plain, baseline };
}

type Layer = OverlayOptions;

/** Dots of a leader line, drawn as circles on the baseline every `pitch` pixels between x0 and x1. */
function leaderSvg(x0: number, x1: number, baselineY: number, pitch = 14, radius = 2.6): Layer {
  const dots: string[] = [];
  for (let x = x0; x <= x1; x += pitch) dots.push(`<circle cx="${String(x)}" cy="${String(baselineY - radius)}" r="${String(radius)}"/>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${String(PAGE_W)}" height="${String(PAGE_H)}"><g fill="#111">${dots.join('')}</g></svg>`;
  return { input: Buffer.from(svg), left: 0, top: 0 };
}

async function redStamp(random: () => number): Promise<Buffer> {
  const size = 470;
  const c = size / 2;
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? 60 : 24;
    const a = (Math.PI / 5) * i - Math.PI / 2;
    points.push(`${(c + r * Math.cos(a)).toFixed(1)},${(c + 8 + r * Math.sin(a)).toFixed(1)}`);
  }
  // ink that did not take: a few light specks, as a real stamp leaves
  const specks = Array.from({ length: 60 }, () => {
    const a = random() * Math.PI * 2;
    const r = 100 + random() * 125;
    return `<circle cx="${(c + r * Math.cos(a)).toFixed(1)}" cy="${(c + r * Math.sin(a)).toFixed(1)}" r="${(2 + random() * 4).toFixed(1)}" fill="#fff"/>`;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${String(size)}" height="${String(size)}">
    <g fill="none" stroke="#d4202c"><circle cx="${String(c)}" cy="${String(c)}" r="222" stroke-width="12"/>
    <circle cx="${String(c)}" cy="${String(c)}" r="186" stroke-width="5"/></g>
    <polygon points="${points.join(' ')}" fill="#d4202c"/>${specks.join('')}</svg>`;
  const top = await renderText('UỶ BAN NHÂN DÂN', 9, '#d4202c', true);
  const bottom = await renderText('PHƯỜNG VĂN CHƯƠNG', 9, '#d4202c', true);
  return sharp(Buffer.from(svg))
    .composite([
      { input: top.png, left: Math.round(c - top.width / 2), top: 110 },
      { input: bottom.png, left: Math.round(c - bottom.width / 2), top: 300 },
    ])
    .png()
    .toBuffer();
}

export type FormPage = { png: Uint8Array; groundTruth: string };

/**
 * A birth-registration declaration: centred headers, 16 "label: value" lines whose dotted leaders run to the right
 * margin (every third value written over its leader, as a hand-filled form), a pledge, a signature block under a
 * red stamp that also covers part of the last lines. The ground truth is the printed text without dots or stamp.
 */
export async function makeFormPage(seed: number): Promise<FormPage> {
  const random = seededRandom(seed);
  const layers: Layer[] = [];
  const truth: string[] = [];
  let y = MARGIN;

  const centred = async (text: string, size: number, bold: boolean, gap: number) => {
    const line = await renderLine(text, size, 'black', bold);
    layers.push({ input: line.png, left: Math.round((PAGE_W - line.width) / 2), top: y - line.baseline });
    truth.push(text);
    y += gap;
  };
  await centred('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', 12, true, 70);
  await centred('Độc lập - Tự do - Hạnh phúc', 12, true, 150);
  await centred('TỜ KHAI ĐĂNG KÝ KHAI SINH', 14, true, 120);

  const kinhGui = await renderLine('Kính gửi: Uỷ ban nhân dân phường Văn Chương');
  layers.push({ input: kinhGui.png, left: MARGIN + 300, top: y - kinhGui.baseline });
  truth.push('Kính gửi: Uỷ ban nhân dân phường Văn Chương');
  y += 130;

  const start = Math.floor(random() * formFields.length);
  for (let i = 0; i < 16; i++) {
    const field = formFields[(start + i) % formFields.length] ?? { label: '', value: '' };
    const label = await renderLine(field.label);
    const value = await renderLine(field.value);
    const labelEnd = MARGIN + label.width;
    layers.push({ input: label.png, left: MARGIN, top: y - label.baseline });
    const overLeader = i % 3 === 1;
    const valueLeft = labelEnd + (overLeader ? 60 : 25);
    const leaderStart = overLeader ? labelEnd + 18 : valueLeft + value.width + 18;
    layers.push(leaderSvg(leaderStart, PAGE_W - MARGIN, y));
    layers.push({ input: value.png, left: valueLeft, top: y - value.baseline });
    truth.push(`${field.label} ${field.value}`);
    y += 118;
  }

  y += 40;
  for (const text of [
    'Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm',
    'trước pháp luật về cam đoan của mình.',
  ]) {
    const line = await renderLine(text);
    layers.push({ input: line.png, left: MARGIN, top: y - line.baseline });
    truth.push(text);
    y += 80;
  }

  y += 60;
  const blockCentre = PAGE_W - MARGIN - 520;
  const signature = ['Làm tại: Hà Nội, ngày 05 tháng 3 năm 2025', 'NGƯỜI YÊU CẦU', '(Ký, ghi rõ họ, chữ đệm, tên)'];
  const signatureTop = y;
  for (const [i, text] of signature.entries()) {
    const line = await renderLine(text, 12, 'black', i === 1);
    layers.push({ input: line.png, left: Math.round(blockCentre - line.width / 2), top: y - line.baseline });
    truth.push(text);
    y += 80;
  }
  y += 260;
  const name = await renderLine('Trần Thị Mai Phương', 12, 'black', true);
  layers.push({ input: name.png, left: Math.round(blockCentre - name.width / 2), top: y - name.baseline });
  truth.push('Trần Thị Mai Phương');

  const page = await sharp({ create: { width: PAGE_W, height: PAGE_H, channels: 3, background: '#ffffff' } })
    .composite(layers)
    .png()
    .toBuffer();
  // the stamp goes on last, multiplied like ink: black text under it stays black, paper turns red
  const stamp = await redStamp(random);
  const stamped = await sharp(page)
    .composite([{ input: stamp, left: Math.round(blockCentre - 420), top: signatureTop + 120, blend: 'multiply' }])
    .withMetadata({ density: 300 })
    .png()
    .toBuffer();
  return { png: new Uint8Array(stamped), groundTruth: truth.join('\n') };
}
