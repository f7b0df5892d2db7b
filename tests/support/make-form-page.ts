// Fixture: a declaration form (tờ khai) page at 300 DPI in any style: leaders, stamp and ink colours, signature.
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

export type LeaderStyle = 'dots' | 'dashes' | 'underscores' | 'underline';
export type StampInk = 'red' | 'blue' | 'purple';
export const leaderStyles: readonly LeaderStyle[] = ['dots', 'dashes', 'underscores', 'underline'];
export const stampInks: readonly StampInk[] = ['red', 'blue', 'purple'];

export type FormStyle = {
  /** what the blanks are drawn with: dot or dash leaders, a run of underscores, or a rule under the value */
  leaders: LeaderStyle;
  /** the office's stamp over the signature block (and sometimes over text), or none */
  stamp: StampInk | null;
  /** ink of the printed form (labels, headings): black, or blue as some offices print */
  printInk: 'black' | 'blue';
  /** ink the values were filled in with */
  valueInk: 'black' | 'blue';
  /** a handwritten signature (a scribble in the value ink) in the signature block */
  signature: boolean;
};

/** The look of the benchmark's first form generator: dotted leaders, red stamp, all black, no signature. */
export const classicFormStyle: FormStyle = { leaders: 'dots', stamp: 'red', printInk: 'black', valueInk: 'black', signature: false };

/** A style drawn from `random`, with `fixed` kept as given (the rest varies, as real forms do). */
export function randomFormStyle(random: () => number, fixed: Partial<FormStyle> = {}): FormStyle {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] ?? (list[0] as T);
  const drawn: FormStyle = {
    leaders: pick(leaderStyles),
    stamp: random() < 0.85 ? pick(stampInks) : null,
    printInk: random() < 0.15 ? 'blue' : 'black',
    valueInk: random() < 0.5 ? 'blue' : 'black',
    signature: random() < 0.8,
  };
  return { ...drawn, ...fixed };
}

type Random = () => number;
const between = (random: Random, lo: number, hi: number) => lo + random() * (hi - lo);
const hex = (r: number, g: number, b: number) => `#${[r, g, b].map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('')}`;

/** An ink colour of its kind with the variation of real pens, printers and stamp pads. */
function inkColour(kind: 'black' | 'print-blue' | 'ballpoint' | 'red' | 'stamp-blue' | 'purple', random: Random): string {
  const j = (v: number, d: number) => v + between(random, -d, d);
  switch (kind) {
    case 'black':
      return hex(j(20, 15), j(20, 15), j(22, 15));
    case 'print-blue':
      return hex(j(25, 15), j(55, 20), j(150, 30));
    case 'ballpoint':
      return hex(j(30, 20), j(45, 20), j(140, 35));
    case 'red':
      return hex(j(210, 25), j(35, 25), j(45, 25));
    case 'purple':
      return hex(j(120, 25), j(45, 20), j(160, 25));
    case 'stamp-blue':
      return hex(j(40, 20), j(80, 25), j(200, 30));
  }
}

/**
 * The blank after a label, from x0 to x1, on the baseline at y: dots or dashes at a regular pitch, a run of
 * underscores (a rule just under the baseline with the hairline gaps between glyphs), or a solid rule under the value.
 */
function leaderSvg(style: LeaderStyle, x0: number, x1: number, baselineY: number, colour: string, random: Random): Layer {
  const marks: string[] = [];
  if (style === 'dots') {
    const pitch = between(random, 10, 16);
    const r = between(random, 2, 3);
    for (let x = x0; x <= x1; x += pitch) marks.push(`<circle cx="${x.toFixed(1)}" cy="${(baselineY - r).toFixed(1)}" r="${r.toFixed(1)}"/>`);
  } else if (style === 'dashes') {
    const dash = between(random, 10, 22);
    const gap = between(random, 6, 12);
    const t = between(random, 2.5, 4);
    for (let x = x0; x + dash <= x1; x += dash + gap) marks.push(`<rect x="${x.toFixed(1)}" y="${(baselineY - t).toFixed(1)}" width="${dash.toFixed(1)}" height="${t.toFixed(1)}"/>`);
  } else if (style === 'underscores') {
    const glyph = between(random, 22, 28);
    const t = between(random, 2.5, 4);
    const below = between(random, 6, 12);
    for (let x = x0; x + glyph <= x1; x += glyph) marks.push(`<rect x="${x.toFixed(1)}" y="${(baselineY + below).toFixed(1)}" width="${(glyph - between(random, 0, 1.5)).toFixed(1)}" height="${t.toFixed(1)}"/>`);
  } else {
    const t = between(random, 2, 4);
    marks.push(`<rect x="${x0.toFixed(1)}" y="${(baselineY + between(random, 6, 14)).toFixed(1)}" width="${(x1 - x0).toFixed(1)}" height="${t.toFixed(1)}"/>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${String(PAGE_W)}" height="${String(PAGE_H)}"><g fill="${colour}">${marks.join('')}</g></svg>`;
  return { input: Buffer.from(svg), left: 0, top: 0 };
}

/** A handwritten signature: a few looping strokes, as a cubic Bézier path. */
function signatureSvg(colour: string, random: Random): { svg: Buffer; width: number; height: number } {
  const [w, h] = [Math.round(between(random, 380, 560)), Math.round(between(random, 140, 220))];
  let x = 20;
  let d = `M ${x.toFixed(0)} ${(h * between(random, 0.4, 0.7)).toFixed(0)}`;
  const strokes = 5 + Math.floor(random() * 5);
  for (let i = 0; i < strokes; i++) {
    const nx = Math.min(w - 20, x + between(random, 30, (w - 40) / strokes * 1.8));
    const ny = h * between(random, 0.15, 0.85);
    d += ` C ${(x + between(random, -40, 60)).toFixed(0)} ${(h * between(random, 0, 1)).toFixed(0)}, ${(nx + between(random, -60, 40)).toFixed(0)} ${(h * between(random, 0, 1)).toFixed(0)}, ${nx.toFixed(0)} ${ny.toFixed(0)}`;
    x = nx;
  }
  d += ` M ${(w * 0.1).toFixed(0)} ${(h * 0.8).toFixed(0)} Q ${(w * 0.5).toFixed(0)} ${(h * between(random, 0.6, 1)).toFixed(0)} ${(w * 0.9).toFixed(0)} ${(h * 0.75).toFixed(0)}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${String(w)}" height="${String(h)}"><path d="${d}" fill="none" stroke="${colour}" stroke-width="${between(random, 3, 5.5).toFixed(1)}" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
  return { svg: Buffer.from(svg), width: w, height: h };
}

/** A round office stamp (con dấu) in `colour`: two rings, a star, the office's name, specks where the ink did not take. */
async function officeStamp(colour: string, random: Random): Promise<Buffer> {
  const size = 470;
  const c = size / 2;
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? 60 : 24;
    const a = (Math.PI / 5) * i - Math.PI / 2;
    points.push(`${(c + r * Math.cos(a)).toFixed(1)},${(c + 8 + r * Math.sin(a)).toFixed(1)}`);
  }
  const specks = Array.from({ length: 40 + Math.floor(random() * 60) }, () => {
    const a = random() * Math.PI * 2;
    const r = 100 + random() * 125;
    return `<circle cx="${(c + r * Math.cos(a)).toFixed(1)}" cy="${(c + r * Math.sin(a)).toFixed(1)}" r="${(2 + random() * 4).toFixed(1)}" fill="#fff"/>`;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${String(size)}" height="${String(size)}">
    <g fill="none" stroke="${colour}"><circle cx="${String(c)}" cy="${String(c)}" r="222" stroke-width="${between(random, 9, 14).toFixed(1)}"/>
    <circle cx="${String(c)}" cy="${String(c)}" r="186" stroke-width="${between(random, 4, 6).toFixed(1)}"/></g>
    <polygon points="${points.join(' ')}" fill="${colour}"/>${specks.join('')}</svg>`;
  const top = await renderText('UỶ BAN NHÂN DÂN', 9, colour, true);
  const bottom = await renderText('PHƯỜNG VĂN CHƯƠNG', 9, colour, true);
  const flat = await sharp(Buffer.from(svg))
    .composite([
      { input: top.png, left: Math.round(c - top.width / 2), top: 110 },
      { input: bottom.png, left: Math.round(c - bottom.width / 2), top: 300 },
    ])
    .png()
    .toBuffer();
  // stamps land at any angle, and a pad gives more or less ink: fade towards white (it is multiplied onto the page)
  const density = between(random, 0.65, 1);
  return sharp(flat)
    .rotate(between(random, -180, 180), { background: { r: 255, g: 255, b: 255, alpha: 0 } })
    .flatten({ background: '#ffffff' })
    .linear(density, 255 * (1 - density))
    .png()
    .toBuffer();
}

export type FormPage = {
  png: Uint8Array;
  groundTruth: string;
  /** the same page with its text alone (no leaders, stamp or signature): what must stay readable after cleaning */
  textPng: Uint8Array;
  style: FormStyle;
};

/**
 * A birth-registration declaration: centred headers, 16 "label: value" lines with their blanks drawn in `style`'s
 * leaders (every third value written over its leader, as a hand-filled form; every value on its rule with
 * underlines), a pledge, a signature block with an optional signature under an optional stamp that sometimes also
 * covers the last lines. The ground truth is the printed and filled-in text, without leaders, stamp or signature.
 * Without `style`, the classic look (dots, red stamp, black ink).
 */
export async function makeFormPage(seed: number, style: FormStyle = classicFormStyle): Promise<FormPage> {
  const random = seededRandom(seed);
  const text: Layer[] = [];
  const furniture: Layer[] = [];
  const truth: string[] = [];
  const printColour = style.printInk === 'blue' ? inkColour('print-blue', random) : inkColour('black', random);
  const valueColour = style.valueInk === 'blue' ? inkColour('ballpoint', random) : inkColour('black', random);
  let y = MARGIN;

  const centred = async (line: string, size: number, bold: boolean, gap: number) => {
    const rendered = await renderLine(line, size, printColour, bold);
    text.push({ input: rendered.png, left: Math.round((PAGE_W - rendered.width) / 2), top: y - rendered.baseline });
    truth.push(line);
    y += gap;
  };
  await centred('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', 12, true, 70);
  await centred('Độc lập - Tự do - Hạnh phúc', 12, true, 150);
  await centred('TỜ KHAI ĐĂNG KÝ KHAI SINH', 14, true, 120);

  const kinhGui = await renderLine('Kính gửi: Uỷ ban nhân dân phường Văn Chương', 12, printColour);
  text.push({ input: kinhGui.png, left: MARGIN + 300, top: y - kinhGui.baseline });
  truth.push('Kính gửi: Uỷ ban nhân dân phường Văn Chương');
  y += 130;

  const leaderColour = printColour;
  const start = Math.floor(random() * formFields.length);
  for (let i = 0; i < 16; i++) {
    const field = formFields[(start + i) % formFields.length] ?? { label: '', value: '' };
    const label = await renderLine(field.label, 12, printColour);
    const value = await renderLine(field.value, 12, valueColour);
    const labelEnd = MARGIN + label.width;
    text.push({ input: label.png, left: MARGIN, top: y - label.baseline });
    const overLeader = style.leaders === 'underline' || i % 3 === 1;
    const valueLeft = labelEnd + (overLeader ? 60 : 25);
    const leaderStart = overLeader ? labelEnd + 18 : valueLeft + value.width + 18;
    furniture.push(leaderSvg(style.leaders, leaderStart, PAGE_W - MARGIN, y, leaderColour, random));
    // a filled-in value sits a little off the line, as handwriting and typewriters do
    const drift = style.valueInk === 'blue' ? Math.round(between(random, -4, 4)) : 0;
    text.push({ input: value.png, left: valueLeft, top: y - value.baseline + drift });
    truth.push(`${field.label} ${field.value}`);
    y += 118;
  }

  y += 40;
  for (const line of [
    'Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm',
    'trước pháp luật về cam đoan của mình.',
  ]) {
    const rendered = await renderLine(line, 12, printColour);
    text.push({ input: rendered.png, left: MARGIN, top: y - rendered.baseline });
    truth.push(line);
    y += 80;
  }

  y += 60;
  const blockCentre = PAGE_W - MARGIN - 520;
  const signatureLines = ['Làm tại: Hà Nội, ngày 05 tháng 3 năm 2025', 'NGƯỜI YÊU CẦU', '(Ký, ghi rõ họ, chữ đệm, tên)'];
  const signatureTop = y;
  for (const [i, line] of signatureLines.entries()) {
    const rendered = await renderLine(line, 12, printColour, i === 1);
    text.push({ input: rendered.png, left: Math.round(blockCentre - rendered.width / 2), top: y - rendered.baseline });
    truth.push(line);
    y += 80;
  }
  if (style.signature) {
    const sig = signatureSvg(valueColour, random);
    furniture.push({ input: sig.svg, left: Math.round(blockCentre - sig.width / 2 + between(random, -60, 60)), top: y + 10 });
  }
  y += 260;
  const name = await renderLine('Trần Thị Mai Phương', 12, valueColour, true);
  text.push({ input: name.png, left: Math.round(blockCentre - name.width / 2), top: y - name.baseline });
  truth.push('Trần Thị Mai Phương');

  const blankPage = () => sharp({ create: { width: PAGE_W, height: PAGE_H, channels: 3, background: '#ffffff' } });
  const textOnly = await blankPage().composite(text).png().toBuffer();
  let page = sharp(await blankPage().composite([...furniture, ...text]).png().toBuffer());
  if (style.stamp) {
    // the stamp goes on last, multiplied like ink: text under it stays dark, paper takes the stamp's colour; over the
    // signature, and half the time reaching up over the last lines of text too
    const stamp = await officeStamp(inkColour(style.stamp === 'blue' ? 'stamp-blue' : style.stamp, random), random);
    const reachUp = random() < 0.5 ? between(random, 120, 330) : 0;
    const left = Math.round(blockCentre - 420 + between(random, -150, 150));
    const top = Math.round(signatureTop + 120 - reachUp + between(random, -40, 40));
    page = sharp(await page.composite([{ input: stamp, left, top, blend: 'multiply' }]).png().toBuffer());
  }
  const png = await page.withMetadata({ density: 300 }).png().toBuffer();
  return { png: new Uint8Array(png), groundTruth: truth.join('\n'), textPng: new Uint8Array(textOnly), style };
}
