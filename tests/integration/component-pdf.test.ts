// Component PDFs: JPEG pages embedded byte for byte, page sizes and rotation, an invisible Vietnamese text layer.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assembleComponentPdf,
  pageSizeFor,
  type ComponentPage,
  type OcrWord,
} from '../../electron/core/pdf/component-pdf';

const font = new Uint8Array(readFileSync(join(__dirname, '../../resources/fonts/NotoSans-Regular.ttf')));
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'component-pdf-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A light page with a dark band, so a rendered page shows both the image and (if it leaked) any visible text. */
async function scan(width: number, height: number, format: 'jpeg' | 'png'): Promise<Uint8Array> {
  const band = await sharp({
    create: { width, height: Math.round(height / 20), channels: 3, background: '#303030' },
  })
    .png()
    .toBuffer();
  const image = sharp({ create: { width, height, channels: 3, background: '#f4f1ea' } }).composite([
    { input: band, top: height - Math.round(height / 10), left: 0 },
  ]);
  const out = format === 'jpeg' ? await image.jpeg({ quality: 80 }).toBuffer() : await image.png().toBuffer();
  return new Uint8Array(out);
}

function writePdf(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const pdftotext = (path: string, ...args: string[]) =>
  execFileSync('pdftotext', [...args, path, '-'], { encoding: 'utf8' });
const pdfinfo = (path: string) =>
  execFileSync('pdfinfo', ['-f', '1', '-l', '99', path], { encoding: 'utf8' });

/** Words laid out on a line from x, in pixels of the upright image. */
function line(texts: string[], x: number, y: number, height: number): OcrWord[] {
  let left = x;
  return texts.map((text) => {
    const width = Math.round(text.length * height * 0.55);
    const word = { text, bbox: { x0: left, y0: y, x1: left + width, y1: y + height } };
    left += width + Math.round(height * 0.4);
    return word;
  });
}

describe('assembleComponentPdf', () => {
  it('embeds each JPEG unchanged, one page per image, with the title set', async () => {
    const jpegs = [await scan(2480, 3508, 'jpeg'), await scan(2480, 3508, 'jpeg')];
    const pages: ComponentPage[] = jpegs.map((bytes) => ({
      bytes,
      mime: 'image/jpeg',
      width: 2480,
      height: 3508,
      rotation: 0,
    }));
    const pdf = await assembleComponentPdf(pages, { title: 'Giấy khai sinh – bản sao' });
    const path = writePdf('jpeg.pdf', pdf);

    const whole = Buffer.from(pdf);
    for (const jpeg of jpegs) expect(whole.indexOf(Buffer.from(jpeg))).toBeGreaterThan(0);

    // and poppler reads the very same bytes back out as JPEG files
    const prefix = join(dir, 'extracted');
    execFileSync('pdfimages', ['-j', path, prefix]);
    const extracted = readdirSync(dir)
      .filter((f) => f.startsWith('extracted') && f.endsWith('.jpg'))
      .sort();
    expect(extracted).toHaveLength(2);
    extracted.forEach((file, i) =>
      expect(Buffer.compare(readFileSync(join(dir, file)), Buffer.from(jpegs[i] ?? []))).toBe(0),
    );

    const info = pdfinfo(path);
    expect(info).toMatch(/Pages:\s+2/);
    expect(info).toMatch(/Title:\s+Giấy khai sinh – bản sao/);
    expect(info).toMatch(/Page\s+1 size:\s+595\.2 x 841\.92 pts/); // A4 at 300 DPI stays A4
  });

  it('lays an invisible text layer that pdftotext finds with its diacritics, and that does not show', async () => {
    const bytes = await scan(2480, 3508, 'jpeg');
    const words = [
      ...line(['CỘNG', 'HOÀ', 'XÃ', 'HỘI', 'CHỦ', 'NGHĨA', 'VIỆT', 'NAM'], 300, 200, 60),
      ...line(['Giấy', 'khai', 'sinh', 'của', 'Nguyễn', 'Thị', 'Ngọc', 'Ánh'], 300, 400, 60),
      // decomposed input (NFD), as some OCR engines give it, must come out composed
      ...line(['Đặng', 'Văn', 'Hiếu'.normalize('NFD')], 300, 600, 60),
    ];
    const pdf = await assembleComponentPdf(
      [{ bytes, mime: 'image/jpeg', width: 2480, height: 3508, rotation: 0, words }],
      { title: 'Tờ khai', font },
    );
    const path = writePdf('text.pdf', pdf);
    const text = pdftotext(path, '-layout');
    expect(text).toContain('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Giấy khai sinh của Nguyễn Thị Ngọc Ánh');
    expect(text).toContain('Đặng Văn Hiếu'.normalize('NFC'));

    // rendered, the page is only the scan: the area where the words lie stays as light as the paper
    execFileSync('pdftoppm', ['-png', '-r', '30', '-singlefile', path, join(dir, 'text-render')]);
    const crop = await sharp(join(dir, 'text-render.png'))
      .extract({ left: 20, top: 10, width: 120, height: 60 })
      .greyscale()
      .raw()
      .toBuffer();
    expect(Math.min(...crop)).toBeGreaterThan(200);
    // while the scan's own dark band is rendered: the check above can see dark pixels when there are some
    const band = await sharp(join(dir, 'text-render.png'))
      .extract({ left: 20, top: 319, width: 120, height: 10 })
      .greyscale()
      .raw()
      .toBuffer();
    expect(Math.max(...band)).toBeLessThan(100);
  });

  it('rotates by page rotation and keeps the text layer upright where the word is on the turned page', async () => {
    // stored sideways (landscape pixels); words are given in pixels of the page as it reads upright
    const bytes = await scan(1754, 1240, 'jpeg');
    for (const rotation of [90, 180, 270] as const) {
      const words = line(['Trang', 'quét', 'nằm', 'ngang'], 200, 300, 40);
      const pdf = await assembleComponentPdf(
        [{ bytes, mime: 'image/jpeg', width: 1754, height: 1240, rotation, words }],
        { title: 'Xoay', font },
      );
      const path = writePdf(`rotated-${rotation}.pdf`, pdf);
      expect(pdfinfo(path)).toMatch(new RegExp(`Page\\s+1 rot:\\s+${rotation}`));
      expect(pdftotext(path, '-layout')).toContain('Trang quét nằm ngang');
      // 300 DPI: 200 px from the left and 300 px from the top of the upright page are 48 pt and 72 pt
      const first = /<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>Trang</.exec(pdftotext(path, '-bbox'));
      expect(Number(first?.[1])).toBeCloseTo(48, 0);
      expect(Number(first?.[2])).toBeGreaterThan(60);
      expect(Number(first?.[2])).toBeLessThan(80);
      expect(Buffer.from(pdf).indexOf(Buffer.from(bytes))).toBeGreaterThan(0);
    }
  });

  it('accepts PNG pages and writes no text layer when no font is given', async () => {
    const png = await scan(1240, 1754, 'png');
    const pdf = await assembleComponentPdf(
      [
        {
          bytes: png,
          mime: 'image/png',
          width: 1240,
          height: 1754,
          rotation: 0,
          words: line(['Không', 'chữ'], 100, 100, 40),
        },
      ],
      { title: 'PNG' },
    );
    const path = writePdf('png.pdf', pdf);
    expect(pdfinfo(path)).toMatch(/Pages:\s+1/);
    expect(pdftotext(path).trim()).toBe('');
  });

  it('fits oversized photos to A4 and keeps normal scans at 300 DPI size', () => {
    expect(pageSizeFor(2480, 3508)).toEqual({ width: 595.2, height: 841.92 });
    const photo = pageSizeFor(4624, 3468); // a 16 MP phone photo would be 1110 x 832 pt
    expect(photo.height).toBeCloseTo(595.28, 1);
    expect(photo.width).toBeLessThanOrEqual(841.89);
    const upright = pageSizeFor(3468, 4624);
    expect(upright.height).toBeLessThanOrEqual(841.89);
    expect(upright.width).toBeLessThanOrEqual(595.28);
    const small = pageSizeFor(1240, 1754); // 150 DPI scan: half-size page, not blown up
    expect(small.width).toBeCloseTo(297.6, 1);
  });

  it('refuses a corrupt image with a clear error and an empty page list', async () => {
    const broken = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3]);
    await expect(
      assembleComponentPdf([{ bytes: broken, mime: 'image/jpeg', width: 10, height: 10, rotation: 0 }], {
        title: 'x',
      }),
    ).rejects.toMatchObject({ code: 'FILE_CORRUPT' });
    await expect(assembleComponentPdf([], { title: 'x' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
