import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { createWorker, OEM, PSM } from 'tesseract.js';
import { resolveTessdataDir } from '../../../electron/core/ocr/tessdata';
import { countErrors } from '../cer';
const model = resolveTessdataDir();
const w = await createWorker('vie', OEM.LSTM_ONLY, { langPath: model, gzip: true, cacheMethod: 'none' });
await w.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_BLOCK });
const file = process.argv[2] ?? '/tmp/ocrh/clean-01.png';
const gt = readFileSync(file.replace(/\.\w+$/, '.gt.txt'), 'utf8');
const src = readFileSync(file);
const variants: [string, Buffer][] = [
  ['orig', src],
  ['grey png1', await sharp(src).greyscale().png({ compressionLevel: 1 }).toBuffer()],
  ['grey png0', await sharp(src).greyscale().png({ compressionLevel: 0 }).toBuffer()],
  ['bw png', await sharp(src).greyscale().threshold(128).png({ compressionLevel: 1 }).toBuffer()],
  ['grey 250dpi', await sharp(src).greyscale().resize({ width: 2067 }).png({ compressionLevel: 1 }).toBuffer()],
  ['grey 200dpi', await sharp(src).greyscale().resize({ width: 1654 }).png({ compressionLevel: 1 }).toBuffer()],
  ['orig', src],
];
for (const [name, img] of variants) {
  const times = [];
  let text = '';
  for (let i = 0; i < 2; i++) { const t = Date.now(); text = (await w.recognize(img, {}, { text: true, blocks: true })).data.text; times.push(Date.now() - t); }
  const c = countErrors(text, gt);
  console.log(name.padEnd(12), times.join(' '), (c.errors / c.chars * 100).toFixed(2) + '%', img.length);
}
await w.terminate();
