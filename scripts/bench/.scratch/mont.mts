import sharp from 'sharp';
const names = process.argv.slice(2);
const imgs = await Promise.all(names.map(async n => sharp(n).resize(500, 700, { fit: 'contain', background: '#888' }).png().toBuffer()));
await sharp({ create: { width: 500 * imgs.length, height: 700, channels: 3, background: '#888' } })
  .composite(imgs.map((input, i) => ({ input, left: i * 500, top: 0 }))).png().toFile('/tmp/ocrh/montage.png');
