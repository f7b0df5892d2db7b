// Tuning aid (scratch) for bench:fields: one cached page's OCR lines and first-pass fields, to see why a value went wrong.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractBirthCertificate } from '../../electron/core/extract/birth-certificate';
import type { OcrResult } from '../../electron/core/ocr/ocr-engine';

const [cache = '/tmp/fields-cache', name = '', grep = ''] = process.argv.slice(2);
const page = JSON.parse(readFileSync(join(cache, 'pages', `${name}.bin`), 'utf8')) as { bytes: number[] };
const bytes = new Uint8Array(page.bytes);
const key = (opts: object) => createHash('sha1').update(bytes).update(JSON.stringify(opts)).digest('hex');
for (const opts of [{}, { preprocess: false }]) {
  let ocr: OcrResult;
  try {
    ocr = JSON.parse(readFileSync(join(cache, `${key(opts)}.json`), 'utf8')) as OcrResult;
  } catch {
    continue;
  }
  console.log(`== ${JSON.stringify(opts)}`);
  for (const line of ocr.text.split('\n')) if (!grep || new RegExp(grep, 'iu').test(line)) console.log(line);
  for (const f of extractBirthCertificate(ocr).fields)
    console.log(`  ${f.field}: ${f.value} (${String(f.confidence)})`);
}
