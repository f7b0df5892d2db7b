import { readFileSync } from 'node:fs';
import { colourToGrey } from '../../../electron/core/ocr/preprocess/colour-to-grey';
import { estimateBackground, flattenIllumination } from '../../../electron/core/ocr/preprocess/illumination';
import { analyseLayout, inkPoints } from '../../../electron/core/ocr/preprocess/layout';
import { findDotLeaders, eraseBoxes } from '../../../electron/core/ocr/preprocess/leaders';
import { findPage, applyPageRegion } from '../../../electron/core/ocr/preprocess/page-crop';
import { decodeGrey, decodeRgb, finishPage, resizeGrey } from '../../../electron/core/ocr/preprocess/raster';
import { preprocessPage } from '../../../electron/core/ocr/preprocess/preprocess-page';
const file = process.argv[2] ?? '/tmp/ocrh/scanned-01.jpg';
const bytes = readFileSync(file);
for (let rep = 0; rep < 3; rep++) {
  let t = performance.now(); let c = process.cpuUsage();
  const acc: string[] = [];
  const lap = (name: string) => { const n = performance.now(); const cu = process.cpuUsage(c); acc.push(`${name} ${(n - t).toFixed(0)}/${((cu.user + cu.system) / 1000).toFixed(0)}`); t = n; c = process.cpuUsage(); };
  const thumb = await decodeRgb(bytes, 0, 400); lap('thumb');
  const red = colourToGrey(thumb, true).redPixels; lap('redchk');
  let grey = red > 60 ? colourToGrey(await decodeRgb(bytes, 0), true).image : await decodeGrey(bytes, 0); lap(red > 60 ? 'decodeRed' : 'decodeGrey');
  const region = findPage(thumb, grey.width, grey.height); lap('findPage');
  if (region) { grey = applyPageRegion(grey, region); lap('applyPage'); }
  const f4 = 0.25; const small = await resizeGrey(grey, Math.round(grey.width * f4), Math.round(grey.height * f4)); lap('small');
  const bg = estimateBackground(small, Math.max(2, Math.round(Math.min(small.width, small.height) / 150)), grey.width / small.width); lap('bg');
  grey = flattenIllumination(grey, bg); lap('flatten');
  const f = Math.min(1, 1800 / Math.max(grey.width, grey.height));
  const an = await resizeGrey(grey, Math.round(grey.width * f), Math.round(grey.height * f)); lap('resizeAn');
  const pts = inkPoints(an, 160); lap('points');
  const layout = analyseLayout(pts, 10); lap('layout');
  const dots = findDotLeaders(an, layout.xHeight, layout.turn); eraseBoxes(grey, dots, grey.width / an.width); lap('leaders');
  await finishPage(grey, layout.turn, 1, 300); lap('finish');
  console.log(acc.join(' | '));
  const t0 = performance.now(); const c0 = process.cpuUsage();
  await preprocessPage(bytes); const cu = process.cpuUsage(c0);
  console.log('whole', (performance.now() - t0).toFixed(0), 'wall', ((cu.user + cu.system) / 1000).toFixed(0), 'cpu');
}
