import sharp from 'sharp';
import { fakeCitizen, makeRng, renderCccdFront } from './make-cccd';
const img = await renderCccdFront(fakeCitizen(makeRng(1)));
for (const p of [sharp(img).greyscale().normalise().toColourspace('srgb').ensureAlpha(), sharp(img).greyscale().ensureAlpha(), sharp(img).ensureAlpha(), sharp(img).greyscale().toColourspace('srgb')]) {
  const { info } = await p.raw().toBuffer({ resolveWithObject: true }); console.log(info.channels, info.width, info.height);
}
