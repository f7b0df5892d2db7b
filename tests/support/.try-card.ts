import sharp from 'sharp';
import { writeFile } from 'node:fs/promises';
import { fakeCitizen, makeRng, renderCccdFront, renderCccdBack, photograph, cccdQrText, makeTd1Lines } from './make-cccd';
import { decodeQrFromImage } from '../../electron/core/idcard/qr-decode';
const rng = makeRng(7);
const c = fakeCitizen(rng);
console.log(c, cccdQrText(c), makeTd1Lines(c));
const front = await renderCccdFront(c);
await writeFile('/tmp/card-front.png', front);
await writeFile('/tmp/card-back.png', await renderCccdBack(c));
const angled = await photograph(front, { rotate: 17, perspective: 0.2, blur: 1.2, scale: 0.8, noise: 6, jpegQuality: 75 }, rng);
await writeFile('/tmp/card-angled.jpg', angled);
for (const img of [front, angled]) { const t0 = performance.now(); const r = await decodeQrFromImage(img); console.log(r, performance.now() - t0); }
await writeFile('/tmp/card-angled.png', await sharp(angled).png().toBuffer());
await writeFile('/tmp/card-front.png', await renderCccdFront(c));
