// Pages for the OCR benchmark: the generated Vietnamese set, or a folder of images with NAME.gt.txt beside each.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { inspectUpload } from '../../electron/core/files/inspect-upload';
import type { PageRotation } from '../../electron/core/files/page-image';
import { makeOcrPageSet, type OcrCondition } from '../../tests/support/ocr-page-set';

export type BenchImage = {
  name: string;
  condition: string;
  /** the page images the app stores for this file (one, or several for a TIFF or PDF) */
  images: { bytes: Uint8Array; rotation: PageRotation; file: string }[];
  groundTruth: string;
  /** what the generator drew for this page */
  about?: string;
};

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.tif', '.tiff', '.pdf']);

/** Stores each page image as a file under `tmp`: the native engine reads files, and reads the same bytes. */
async function materialise(name: string, condition: string, bytes: Uint8Array, groundTruth: string, tmp: string): Promise<BenchImage> {
  const pages = await inspectUpload({ name, bytes });
  const images = pages.map((page, i) => {
    const file = join(tmp, `${condition}__${basename(name, extname(name))}-${String(i + 1)}${page.mime === 'image/png' ? '.png' : '.jpg'}`);
    writeFileSync(file, page.bytes);
    return { bytes: page.bytes, rotation: page.rotation, file };
  });
  return { name, condition, images, groundTruth };
}

export async function generatedPages(perCondition: number, conditions: readonly OcrCondition[], tmp: string, saveDir?: string, firstSeed?: number): Promise<BenchImage[]> {
  const set = await makeOcrPageSet({ perCondition, conditions, ...(firstSeed === undefined ? {} : { firstSeed }) });
  if (saveDir) mkdirSync(saveDir, { recursive: true });
  const out: BenchImage[] = [];
  for (const page of set) {
    const ext = page.bytes[0] === 0xff ? '.jpg' : '.png';
    if (saveDir) {
      writeFileSync(join(saveDir, `${page.name}${ext}`), page.bytes);
      writeFileSync(join(saveDir, `${page.name}.gt.txt`), page.groundTruth);
    }
    out.push({ ...(await materialise(`${page.name}${ext}`, page.condition, page.bytes, page.groundTruth, tmp)), about: page.about });
  }
  return out;
}

/** Images in `dir` (or in its subfolders, one condition per subfolder) that have NAME.gt.txt beside them. */
export async function folderPages(dir: string, tmp: string): Promise<{ pages: BenchImage[]; skipped: string[] }> {
  const subdirs = readdirSync(dir).filter((entry) => statSync(join(dir, entry)).isDirectory());
  const groups = subdirs.length > 0 ? subdirs.map((d) => ({ condition: d, path: join(dir, d) })) : [{ condition: basename(dir), path: dir }];
  const pages: BenchImage[] = [];
  const skipped: string[] = [];
  for (const group of groups) {
    for (const entry of readdirSync(group.path).sort()) {
      if (!IMAGE_EXTENSIONS.has(extname(entry).toLowerCase())) continue;
      const truthFile = join(group.path, `${basename(entry, extname(entry))}.gt.txt`);
      if (!existsSync(truthFile)) {
        skipped.push(`${entry}: no ${basename(truthFile)}`);
        continue;
      }
      const bytes = new Uint8Array(readFileSync(join(group.path, entry)));
      try {
        pages.push(await materialise(entry, group.condition, bytes, readFileSync(truthFile, 'utf8'), tmp));
      } catch (error) {
        skipped.push(`${entry}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return { pages, skipped };
}
