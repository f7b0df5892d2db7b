import sharp from 'sharp';
const W = 400, H = 200;
const data = new Uint8Array(W * H).fill(255);
for (let y = 48; y <= 52; y++) for (let x = 298; x <= 302; x++) data[y * W + x] = 0;
// colour-dodge flatten test
const base = new Uint8Array(W * H).fill(100); const bgInv = new Uint8Array(W * H).fill(255 - 200);
const cd = await sharp(base, { raw: { width: W, height: H, channels: 1 } }).composite([{ input: bgInv, raw: { width: W, height: H, channels: 1 }, blend: 'colour-dodge' }]).raw().toBuffer({ resolveWithObject: true });
console.log('dodge', cd.info.channels, cd.data[0], 'expected', Math.round(255 * 100 / 200));
for (const angle of [30, -7]) {
  const { data: out, info } = await sharp(data, { raw: { width: W, height: H, channels: 1 } }).rotate(angle, { background: '#ffffff' }).resize({ width: 2 * Math.round(W * Math.abs(Math.cos(angle*Math.PI/180)) + H * Math.abs(Math.sin(angle*Math.PI/180))) }).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  let sx = 0, sy = 0, n = 0;
  for (let y = 0; y < info.height; y++) for (let x = 0; x < info.width; x++) { const v = out[(y * info.width + x) * info.channels]; if (v < 128) { sx += x; sy += y; n++; } }
  const t = angle * Math.PI / 180, cx = W / 2, cy = H / 2, dx = 300 - cx, dy = 50 - cy;
  const rw = info.width / 2, rh = info.height / 2;
  const px = dx * Math.cos(t) - dy * Math.sin(t) + rw / 2, py = dx * Math.sin(t) + dy * Math.cos(t) + rh / 2;
  console.log(angle, info.width, info.height, (sx / n).toFixed(2), (sy / n).toFixed(2), 'pred', (2*px).toFixed(2), (2*py).toFixed(2));
}
