import { findTd1Lines } from '../../electron/core/idcard/mrz';
import { fakeCitizen, makeRng, makeTd1Lines } from './fake-citizen';
const lines = makeTd1Lines(fakeCitizen(makeRng(9)));
const ocr = ['Ngày, tháng, năm / Date, month, year: 10/05/2021', lines[0].replace('<<', '«').replace(/(.{10})/, '$1 '), lines[1], lines[2].replace(/<+$/, ''), ''].join('\n');
console.log(ocr); console.log(lines, findTd1Lines(ocr));
