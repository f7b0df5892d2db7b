import { createOcrEngine } from '../../electron/core/ocr/tesseract-engine';
import { resolveTessdataDir } from '../../electron/core/ocr/tessdata';
import { readIdCard } from '../../electron/core/idcard/read-id-card';
import { fakeCitizen, makeRng, photograph, renderCccdFront, renderCccdBack } from '../support/make-cccd';
const engine = createOcrEngine({ langPath: resolveTessdataDir('resources'), workers: 1 });
const c = fakeCitizen(makeRng(5));
const rng = makeRng(9);
const front = await photograph(await renderCccdFront(c), { rotate: 3, jpegQuality: 88 }, rng);
const back = await photograph(await renderCccdBack(c), { rotate: 2, jpegQuality: 88 }, rng);
const ocr = (img: Uint8Array) => engine.recognize(img).then((r) => r.text);
for (const [n, img] of [['front', front], ['front', front], ['back', back]] as const) {
  const t = performance.now();
  const r = await readIdCard(img, { ocr });
  console.log(n, Math.round(performance.now() - t), 'ms', r.source, JSON.stringify(r.perField), r.conflicts.length, r.problems);
}
const t = performance.now(); const r = await readIdCard(front); console.log('qr only', Math.round(performance.now() - t), r.source);
console.log(c.fullName);
await engine.terminate();
