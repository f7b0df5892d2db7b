import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { preprocessPage } from '../../../electron/core/ocr/preprocess/preprocess-page';
const dir = '/tmp/ocrh';
const only = process.argv[2];
const files = readdirSync(dir).filter(f => /^(clean|scanned|phone|form|rotated)-\d+\.(png|jpg)$/.test(f) && (!only || f.startsWith(only))).sort();
for (const f of files) {
  const t = Date.now();
  const r = await preprocessPage(readFileSync(`${dir}/${f}`));
  const ms = Date.now() - t;
  const { report } = r;
  console.log(f, ms + 'ms', r.width + 'x' + r.height, JSON.stringify({ ...report, skew: +report.skew.toFixed(2), turn: +report.turn.toFixed(2), xHeight: +report.xHeight.toFixed(1), scale: +report.scale.toFixed(2) }));
  writeFileSync(`${dir}/pp-${f.replace(/\.\w+$/, '.png')}`, r.image);
}
