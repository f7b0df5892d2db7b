import sharp from 'sharp';
const W = 400, H = 200;
const data = new Uint8Array(W * H).fill(255);
for (let y = 48; y <= 52; y++) for (let x = 298; x <= 302; x++) data[y * W + x] = 0;
for (const angle of [30, -7, 92.5, 180, 270]) {
  const { data: out, info } = await sharp(data, { raw: { width: W, height: H, channels: 1 } }).rotate(angle, { background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
  let sx = 0, sy = 0, n = 0;
  for (let y = 0; y < info.height; y++) for (let x = 0; x < info.width; x++) { const v = out[(y * info.width + x) * info.channels]; if (v < 128) { sx += x; sy += y; n++; } }
  // clockwise rotation in image coords (y down) about center
  const t = angle * Math.PI / 180, cx = (W) / 2, cy = (H) / 2;
  const dx = 300 - cx, dy = 50 - cy;
  const px = dx * Math.cos(t) - dy * Math.sin(t) + info.width / 2, py = dx * Math.sin(t) + dy * Math.cos(t) + info.height / 2;
  console.log(angle, info.width, info.height, info.channels, (sx / n).toFixed(2), (sy / n).toFixed(2), 'pred', px.toFixed(2), py.toFixed(2));
}
