import sharp from 'sharp';
import { readBarcodes } from 'zxing-wasm/reader';
import { loadZxing } from '../../electron/core/idcard/qr-decode';
import { fakeCitizen, makeRng, renderCccdFront, photograph, type PhotoOptions } from './make-cccd';
await loadZxing();
const rng = makeRng(Number(process.argv[3] ?? 3));
const imgs: Buffer[] = [];
for (let i = 0; i < 30; i++) {
  const c = fakeCitizen(rng);
  const opt: PhotoOptions = i % 2 ? { blur: 2.5 + rng() * 1.5, noise: 8, jpegQuality: 80 } : { rotate: rng() * 40 - 20, perspective: 0.25 + rng() * 0.15, blur: 1.2 + rng() * 1, scale: 0.45 + rng() * 0.2, noise: 6, jpegQuality: 75 };
  imgs.push(await photograph(await renderCccdFront(c), opt, rng));
}
const variants: Record<string, (s: sharp.Sharp, w: number, h: number) => sharp.Sharp> = {
  asis: (s) => s,
  sharpen2: (s) => s.greyscale().sharpen({ sigma: 2, m1: 0, m2: 3 }),
  sharpen15: (s) => s.greyscale().sharpen({ sigma: 1.5, m1: 0, m2: 3 }),
  sharpen3: (s) => s.greyscale().sharpen({ sigma: 3, m1: 0, m2: 3 }),
  sharpen2x6: (s) => s.greyscale().sharpen({ sigma: 2, m1: 0, m2: 6 }),
  sharpen4x6: (s) => s.greyscale().sharpen({ sigma: 4, m1: 0, m2: 6 }),
  up2sharp3: (s, w, h) => s.resize(w * 2, h * 2, { kernel: 'cubic' }).greyscale().sharpen({ sigma: 3, m1: 0, m2: 4 }),
  up2sharp5: (s, w, h) => s.resize(w * 2, h * 2, { kernel: 'cubic' }).greyscale().sharpen({ sigma: 5, m1: 0, m2: 6 }),
};
const binarizers = ['LocalAverage'] as const;
const denoise = process.argv[2] === 'd';
const anyOk = new Set<number>();
for (const [name, v] of Object.entries(variants)) for (const bin of binarizers) {
  let ok = 0; let ms = 0;
  for (const [i, img] of imgs.entries()) {
    const m = await sharp(img).metadata();
    const { data: d0, info } = await v(sharp(img), m.width!, m.height!).raw().toBuffer({ resolveWithObject: true });
    const data = new Uint8ClampedArray(info.width * info.height * 4);
    for (let p = 0; p < info.width * info.height; p++) { const ch = info.channels; const g = d0[p * ch]!; data[p*4] = g; data[p*4+1] = ch >= 3 ? d0[p*ch+1]! : g; data[p*4+2] = ch >= 3 ? d0[p*ch+2]! : g; data[p*4+3] = 255; }
    const t0 = performance.now();
    const r = await readBarcodes({ data: new Uint8ClampedArray(data), width: info.width, height: info.height } as any, { formats: ['QRCode'], tryHarder: true, binarizer: bin, characterSet: 'UTF8', tryInvert: false, tryDenoise: denoise });
    ms += performance.now() - t0;
    if (r.some((x) => x.isValid)) { ok++; anyOk.add(i); }
  }
  console.log(name, bin, ok, '/', imgs.length, (ms / imgs.length).toFixed(0), 'ms');
}
console.log('union', anyOk.size);
