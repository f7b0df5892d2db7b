import { decodeQrFromImage } from '../../electron/core/idcard/qr-decode';
import { parseCccdQr } from '../../electron/core/idcard/qr-parse';
import { fakeCitizen, makeRng, renderCccdFront, photograph, type PhotoOptions } from './make-cccd';
const rng = makeRng(Number(process.argv[2] ?? 1));
const kinds: Record<string, () => PhotoOptions> = {
  clean: () => ({ jpegQuality: 90 }),
  rotated: () => ({ rotate: rng() * 360 - 180, jpegQuality: 85 }),
  blurred: () => ({ blur: 2.5 + rng() * 1.5, noise: 8, jpegQuality: 80 }),
  angled: () => ({ rotate: rng() * 40 - 20, perspective: 0.25 + rng() * 0.15, blur: 1.2 + rng() * 1, scale: 0.45 + rng() * 0.2, noise: 6, jpegQuality: 75 }),
};
for (const [kind, make] of Object.entries(kinds)) {
  let ok = 0; let total = 0; let ms = 0; const att: Record<string, number> = {};
  for (let i = 0; i < 15; i++) {
    const c = fakeCitizen(rng);
    const img = await photograph(await renderCccdFront(c), make(), rng);
    const t0 = performance.now();
    const r = await decodeQrFromImage(img, { accept: (t) => parseCccdQr(t).ok });
    ms += performance.now() - t0; total++;
    if (r) { att[r.attempt] = (att[r.attempt] ?? 0) + 1; const p = parseCccdQr(r.text); if (p.ok && p.fields.idNumber === c.idNumber && p.fields.fullName === c.fullName && p.fields.address === c.address) ok++; }
  }
  console.log(kind, ok, '/', total, (ms / total).toFixed(0), 'ms', att);
}
{
  let ok = 0; let ms = 0;
  for (let i = 0; i < 6; i++) {
    const c = fakeCitizen(rng);
    const img = await photograph(await renderCccdFront(c), { rotate: rng() * 30 - 15, perspective: 0.15, blur: 1.5, scale: 2.5 + rng() * 0.5, noise: 6, jpegQuality: 85 }, rng);
    const t0 = performance.now();
    const r = await decodeQrFromImage(img, { accept: (t) => parseCccdQr(t).ok });
    ms += performance.now() - t0; if (r) ok++;
  }
  console.log('big photos', ok, '/ 6', (ms / 6).toFixed(0), 'ms');
}
