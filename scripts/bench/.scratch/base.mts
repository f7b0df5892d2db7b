import { readdirSync, readFileSync } from 'node:fs';
import { createOcrEngine } from '../../../electron/core/ocr/tesseract-engine';
import { resolveTessdataDir } from '../../../electron/core/ocr/tessdata';
import { countErrors, pooledCer } from '../cer';
import { gunzipModel, mapPool, runNativeTesseract } from '../native-tesseract';
const dir = '/tmp/ocrh';
const files = readdirSync(dir).filter(f => /^(clean|scanned|phone|form|rotated)-\d+\.(png|jpg)$/.test(f)).sort();
const model = resolveTessdataDir();
const td = gunzipModel(model, '/tmp/ocrh/td');
const engine = createOcrEngine({ langPath: model, workers: 2 });
await Promise.all([engine.recognize(readFileSync(dir + '/clean-01.png')), engine.recognize(readFileSync(dir + '/clean-02.png'))]);
for (const which of ['app', 'native']) {
  const t = Date.now();
  const res = await mapPool(files, 2, async f => {
    const t0 = Date.now();
    const text = which === 'app' ? (await engine.recognize(readFileSync(`${dir}/${f}`))).text : await runNativeTesseract(`${dir}/${f}`, td);
    const gt = readFileSync(`${dir}/${f.replace(/\.\w+$/, '.gt.txt')}`, 'utf8');
    const c = countErrors(text, gt);
    console.log(which, f, (c.errors / c.chars * 100).toFixed(2) + '%', ((Date.now() - t0) / 1000).toFixed(1) + 's');
    return c;
  });
  console.log(which, 'total', ((Date.now() - t) / 1000).toFixed(1), 's', (pooledCer(res) * 100).toFixed(2));
}
await engine.terminate();
