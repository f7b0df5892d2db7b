// The native `tesseract` command as a benchmark reference: same model (gunzipped), PSM 6, one thread per process.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { TESSDATA_FILE } from '../../electron/core/ocr/tessdata';

export function nativeTesseractVersion(): string | null {
  try {
    const out = execFileSync('tesseract', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return out.split('\n')[0]?.trim() ?? 'tesseract';
  } catch {
    return null;
  }
}

/** Native tesseract cannot read the npm package's .gz: writes vie.traineddata into `dir` and returns it. */
export function gunzipModel(modelDir: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'vie.traineddata'), gunzipSync(readFileSync(join(modelDir, TESSDATA_FILE))));
  return dir;
}

/**
 * Recognises one image file and returns the text with the CPU time tesseract used (user + system, from the shell's
 * `times`). OMP_THREAD_LIMIT=1: with its default OpenMP threading tesseract ran ~5x slower on 2 cores
 * (ocr-facts.md); parallel processes are the fair comparison with a pool of single-threaded workers.
 */
export function runNativeTesseract(file: string, tessdataDir: string, outBase: string): Promise<{ text: string; cpuMs: number }> {
  const script = 'tesseract "$1" "$2" -l vie --psm 6 --tessdata-dir "$3" >/dev/null 2>&1; s=$?; times; exit $s';
  return new Promise((resolve, reject) => {
    execFile(
      'sh',
      ['-c', script, 'sh', file, outBase, tessdataDir],
      { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, encoding: 'utf8' },
      (error, stdout) => {
        if (error) {
          reject(new Error(`tesseract ${file}: ${error.message}`));
          return;
        }
        // `times` prints the shell's own times, then its children's: "0m1.234s 0m0.056s"
        const children = stdout.trim().split('\n').pop() ?? '';
        const cpuMs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((ms, m) => ms + (Number(m[1]) * 60 + Number(m[2])) * 1000, 0);
        resolve({ text: readFileSync(`${outBase}.txt`, 'utf8').normalize('NFC'), cpuMs });
      },
    );
  });
}

/** Runs `task` over `items` with at most `concurrency` at once; results in input order. */
export async function mapPool<T, R>(items: T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}
