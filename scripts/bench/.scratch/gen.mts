import { writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { makeOcrPageSet } from '../../../tests/support/ocr-page-set';
const t = Date.now();
const pages = await makeOcrPageSet({ perCondition: 2 });
console.log('gen ms', Date.now() - t);
for (const p of pages) {
  const ext = p.bytes[0] === 0xff ? 'jpg' : 'png';
  writeFileSync(`/tmp/ocrh/${p.name}.${ext}`, p.bytes);
  writeFileSync(`/tmp/ocrh/${p.name}.gt.txt`, p.groundTruth);
  const m = await sharp(p.bytes).metadata();
  console.log(p.name, ext, m.width, m.height, p.bytes.length, p.groundTruth.length);
  await sharp(p.bytes).resize(600).jpeg().toFile(`/tmp/ocrh/prev-${p.name}.jpg`);
}
