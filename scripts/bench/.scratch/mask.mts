import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { decodeRgb, resizeRgb } from '../../../electron/core/ocr/preprocess/raster';
const rgb = await decodeRgb(readFileSync(process.argv[2] ?? '/tmp/ocrh/phone-02.jpg'), 0);
const k = 400 / Math.max(rgb.width, rgb.height);
const small = await resizeRgb(rgb, Math.round(rgb.width * k), Math.round(rgb.height * k));
const n = small.width * small.height;
const v = new Uint8Array(n), s = new Uint8Array(n), p = new Uint8Array(n);
for (let i = 0; i < n; i++) { const r = small.data[i*3]!, g = small.data[i*3+1]!, b = small.data[i*3+2]!; const mx = Math.max(r,g,b), mn = Math.min(r,g,b); v[i] = mx; const sat = mx ? (mx-mn)/mx : 1; s[i] = Math.round(sat*255); p[i] = Math.round(mx*(1-sat)*(1-sat)); }
const row = (arr: Uint8Array, y: number) => Array.from({length: 20}, (_, j) => arr[y*small.width + Math.floor(j*small.width/20)]).join(' ');
for (const y of [10, 100, 200, 280, 320, 360]) { console.log('y', y); console.log(' v', row(v, y)); console.log(' s', row(s, y)); console.log(' p', row(p, y)); }
await sharp(Buffer.concat([Buffer.from(v), Buffer.from(s), Buffer.from(p)]), { raw: { width: small.width, height: small.height * 3, channels: 1 } }).png().toFile('/tmp/ocrh/mask-dbg.png');
