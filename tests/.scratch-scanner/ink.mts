import sharp from 'sharp';
import { inkRatio } from '../../electron/core/scanner/blank-page';
import { makeTextPage } from '../../tests/support/make-text-page';
import { scanLike } from '../../tests/support/degrade-page';
const one = await makeTextPage({ lines: ['Chữ ký của người khai'], format: 'jpeg' });
const full = await makeTextPage({ lines: Array.from({length:30},(_,i)=>`Dòng thứ ${i} của tờ khai đăng ký khai sinh, Uỷ ban nhân dân phường`), format: 'jpeg' });
const blank = await sharp({create:{width:2480,height:3508,channels:3,background:'#f4f2ec'}}).jpeg().toBuffer();
// a blank back: off-white paper, noise, faint bleed-through, dust
const noisyBlank = await scanLike(blank, { seed: 3, noise: 8, dust: 30, quality: 70 });
const bleed = await sharp(await makeTextPage({ lines: Array.from({length:30},()=> 'Mặt trước in xuyên qua giấy mỏng'), format:'png'})).flop().linear(0.12, 255*0.88).jpeg({quality:70}).toBuffer();
for (const [n,b] of [['one line',one],['full',full],['blank',blank],['noisy blank',noisyBlank],['bleed',bleed],['scan one', await scanLike(one,{seed:5,noise:8,dust:30,quality:70})]] as const) {
  const t=performance.now(); const r = await inkRatio(b); console.log(n, (r*100).toFixed(4)+'%', Math.round(performance.now()-t)+'ms');
}
const dusty = await scanLike(blank, { seed: 9, noise: 12, dust: 200, quality: 60 });
console.log('very dusty blank', ((await inkRatio(dusty))*100).toFixed(4)+'%');
const word = await makeTextPage({ lines: ['Ký tên'], format: 'jpeg' });
console.log('one word', ((await inkRatio(word))*100).toFixed(4)+'%');
