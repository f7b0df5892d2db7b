import { readFileSync } from 'node:fs';
import { createWorker, OEM, PSM } from 'tesseract.js';
import { resolveTessdataDir } from '../../../electron/core/ocr/tessdata';
import { execFileSync } from 'node:child_process';
const model = resolveTessdataDir();
const w = await createWorker('vie', OEM.LSTM_ONLY, { langPath: model, gzip: true, cacheMethod: 'none' });
await w.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_BLOCK });
const img = readFileSync(process.argv[2] ?? '/tmp/ocrh/clean-01.png');
for (const [name, out] of [['text', { text: true }], ['text+blocks', { text: true, blocks: true }], ['text', { text: true }]] as const) {
  const t = Date.now();
  await w.recognize(img, {}, out);
  console.log(name, Date.now() - t);
}
const t = Date.now();
execFileSync('tesseract', [process.argv[2] ?? '/tmp/ocrh/clean-01.png', 'stdout', '-l', 'vie', '--psm', '6', '--tessdata-dir', '/tmp/ocrh/td'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
console.log('native', Date.now() - t);
await w.terminate();
