// Finds the Vietnamese traineddata on disk; tesseract.js must never be left to fetch it from a CDN.
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppError } from '../../common/errors';

export const TESSDATA_FILE = 'vie.traineddata.gz';

/**
 * 4.0.0_best_int: same accuracy and speed as 4.0.0 at a fifth of the size (1.4 MB gz), and better than
 * tessdata_fast on scanned and phone pages (../shared/notes/ocr-facts.md).
 */
const PACKAGE_MODEL = '4.0.0_best_int';

function hasModel(dir: string): boolean {
  const file = join(dir, TESSDATA_FILE);
  return existsSync(file) && statSync(file).size > 0;
}

function packageModelDirs(): string[] {
  const dirs: string[] = [];
  try {
    const pkg = createRequire(import.meta.url).resolve('@tesseract.js-data/vie/package.json');
    dirs.push(join(dirname(pkg), PACKAGE_MODEL));
  } catch {
    // bundled without import.meta (CJS) or package missing: try the working directory below
  }
  dirs.push(join(process.cwd(), 'node_modules', '@tesseract.js-data', 'vie', PACKAGE_MODEL));
  return dirs;
}

/**
 * Directory holding vie.traineddata.gz: `<resourcesDir>/tessdata` when shipped there (the installer),
 * else the @tesseract.js-data/vie package. Throws INTERNAL (an installation problem, not the scan's) when neither has the file, because
 * tesseract.js waits forever (or crashes the process) on a missing model.
 */
export function resolveTessdataDir(resourcesDir?: string): string {
  const candidates = [...(resourcesDir ? [join(resourcesDir, 'tessdata')] : []), ...packageModelDirs()];
  const found = candidates.find(hasModel);
  if (!found) throw new AppError('INTERNAL', { reason: 'traineddata_missing', searched: candidates });
  return found;
}

export function assertTessdataDir(dir: string): void {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(dir)) {
    throw new AppError('INTERNAL', { reason: 'langPath must be a local directory, never a URL' });
  }
  if (!hasModel(dir)) throw new AppError('INTERNAL', { reason: 'traineddata_missing', searched: [dir] });
}
