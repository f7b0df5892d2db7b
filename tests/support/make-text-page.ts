// Test fixture: renders lines of Vietnamese text as a clean A4 page image at 300 DPI (black on white).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

export type TextPageOptions = {
  lines: string[];
  /** pixels; default A4 at 300 DPI */
  width?: number;
  height?: number;
  format: 'png' | 'jpeg';
  /** points at 300 DPI; default 12 (body text of an administrative form) */
  fontSize?: number;
};

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** resources/fonts/NotoSans-Regular.ttf, or Debian's copy of the same font while the former is missing. */
export function textPageFontFile(): string {
  const candidates = [
    join(repoRoot, 'resources', 'fonts', 'NotoSans-Regular.ttf'),
    '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  ];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`no NotoSans-Regular.ttf in ${candidates.join(' or ')}`);
  return found;
}

function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export async function makeTextPage(options: TextPageOptions): Promise<Uint8Array> {
  const width = options.width ?? 2480;
  const height = options.height ?? 3508;
  // one inch on an A4 page; less on the small strips tests use for speed
  const margin = Math.round(Math.min(width / 8.27, height / 8));
  const text = options.lines.map((line) => escapeMarkup(line.normalize('NFC'))).join('\n');
  const rendered = await sharp({
    text: {
      text: `<span foreground="black">${text}</span>`,
      font: `Noto Sans ${String(options.fontSize ?? 12)}`,
      fontfile: textPageFontFile(),
      dpi: 300,
      rgba: true,
      width: width - 2 * margin,
      wrap: 'word',
      spacing: Math.round((options.fontSize ?? 12) * 1.5), // points: 1.5 line spacing
    },
  })
    .png()
    .toBuffer({ resolveWithObject: true });
  if (rendered.info.height > height - 2 * margin) {
    throw new Error(
      `text is ${String(rendered.info.height)} px tall; the page has room for ${String(height - 2 * margin)}`,
    );
  }
  const page = sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite([{ input: rendered.data, left: margin, top: margin }])
    .withMetadata({ density: 300 });
  const out =
    options.format === 'png' ? await page.png().toBuffer() : await page.jpeg({ quality: 90 }).toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
