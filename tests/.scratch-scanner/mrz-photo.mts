import { createOcrEngine } from '../../electron/core/ocr/tesseract-engine';
import { resolveTessdataDir } from '../../electron/core/ocr/tessdata';
import { readIdCard } from '../../electron/core/idcard/read-id-card';
import { fakeCitizen, makeRng, photograph, renderCccdBack } from '../support/make-cccd';
const engine = createOcrEngine({ langPath: resolveTessdataDir('resources'), workers: 1 });
for (const seed of [5, 6, 7]) {
  const c = fakeCitizen(makeRng(seed));
  for (const rot of [0, 2]) {
    const back = await photograph(await renderCccdBack(c), rot ? { rotate: rot, jpegQuality: 88 } : { jpegQuality: 88 }, makeRng(9));
    const texts: string[] = [];
    const r = await readIdCard(back, { ocr: (img) => engine.recognize(img).then((x) => { texts.push(x.text); return x.text; }) });
    console.log(seed, rot, r.source, JSON.stringify(r.fields.fullName), r.source === 'none' ? JSON.stringify(texts) : '');
  }
}
await engine.terminate();
