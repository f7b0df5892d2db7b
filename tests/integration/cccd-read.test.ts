// Reading generated CCCD images end to end: 100 cards (clean, rotated, blurred, photographed at an angle) and the fallbacks.
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../electron/common/errors';
import { parseTd1 } from '../../electron/core/idcard/mrz';
import { readIdCard } from '../../electron/core/idcard/read-id-card';
import {
  cccdQrText,
  corruptTd1,
  fakeCitizen,
  makeRng,
  makeTd1Lines,
  mrzCorruptions,
  photograph,
  pick,
  renderCccdBack,
  renderCccdFront,
  renderCccdFrontWithQrText,
  type FakeCitizen,
  type PhotoOptions,
  type QrVariant,
  type Rng,
} from '../support/make-cccd';

type Condition = 'clean' | 'rotated' | 'blurred' | 'angled';

// Realistic counter conditions: flatbed scans (any orientation), soft focus, and phone photos at an angle.
const conditions: Record<Condition, (rng: Rng) => PhotoOptions> = {
  clean: (rng) => (rng() < 0.5 ? {} : { jpegQuality: 90 }),
  rotated: (rng) => ({ rotate: rng() * 360 - 180, jpegQuality: 85 }),
  blurred: (rng) => ({ blur: 1.5 + rng() * 1.5, noise: 4, jpegQuality: 80 }),
  angled: (rng) => ({
    rotate: rng() * 50 - 25,
    perspective: 0.1 + rng() * 0.2,
    blur: 0.6 + rng() * 1,
    scale: 0.55 + rng() * 0.45,
    noise: 6,
    jpegQuality: 75,
  }),
};

const variants: readonly QrVariant[] = [
  '7-fields',
  '7-fields',
  '7-fields',
  '6-fields-no-old-id',
  '6-fields-no-issue-date',
];

function expectedFields(citizen: FakeCitizen, variant: QrVariant) {
  return {
    idNumber: citizen.idNumber,
    oldIdNumber: variant === '6-fields-no-old-id' ? null : citizen.oldIdNumber,
    fullName: citizen.fullName,
    dateOfBirth: citizen.dateOfBirth,
    sex: citizen.sex,
    address: citizen.address,
    issueDate: variant === '6-fields-no-issue-date' ? null : citizen.issueDate,
  };
}

describe('reading generated CCCD cards', () => {
  it('reads the QR fields exactly on at least 99 of 100 cards', async () => {
    const rng = makeRng(2024);
    const perCondition: Record<Condition, { read: number; total: number; ms: number }> = {
      clean: { read: 0, total: 0, ms: 0 },
      rotated: { read: 0, total: 0, ms: 0 },
      blurred: { read: 0, total: 0, ms: 0 },
      angled: { read: 0, total: 0, ms: 0 },
    };
    const misses: string[] = [];
    for (let i = 0; i < 100; i += 1) {
      const condition = (['clean', 'rotated', 'blurred', 'angled'] as const)[i % 4] ?? 'clean';
      const citizen = fakeCitizen(rng);
      const variant = pick(rng, variants);
      const image = await photograph(
        await renderCccdFront(citizen, variant),
        conditions[condition](rng),
        rng,
      );
      const started = performance.now();
      const reading = await readIdCard(image);
      const stats = perCondition[condition];
      stats.ms += performance.now() - started;
      stats.total += 1;
      const exact =
        reading.source === 'qr' &&
        JSON.stringify(reading.fields) === JSON.stringify(expectedFields(citizen, variant)) &&
        Object.values(reading.perField).every((source) => source === 'qr');
      if (exact) stats.read += 1;
      else
        misses.push(`#${i} ${condition}: ${reading.problems.join('; ') || JSON.stringify(reading.fields)}`);
    }
    const read = Object.values(perCondition).reduce((sum, s) => sum + s.read, 0);
    const ms = Object.values(perCondition).reduce((sum, s) => sum + s.ms, 0);
    for (const [condition, s] of Object.entries(perCondition)) {
      console.log(
        `CCCD QR ${condition.padEnd(8)} ${s.read}/${s.total} exact, ${(s.ms / s.total).toFixed(0)} ms/card`,
      );
    }
    console.log(`CCCD QR total: ${read}/100 read exactly, ${(ms / 100).toFixed(0)} ms/card on average`);
    if (misses.length > 0) console.log(misses.join('\n'));
    expect(read).toBeGreaterThanOrEqual(99);
  });

  it('catches every corrupted MRZ line of a 100-card set with its check digits', () => {
    const rng = makeRng(77);
    let corrupted = 0;
    let caught = 0;
    for (let i = 0; i < 100; i += 1) {
      const lines = makeTd1Lines(fakeCitizen(rng));
      const clean = parseTd1(lines);
      expect(clean.ok && clean.reading.valid).toBe(true);
      const kind = mrzCorruptions[i % mrzCorruptions.length] ?? 'compositeCheck';
      const parsed = parseTd1(corruptTd1(lines, kind, rng));
      corrupted += 1;
      if (parsed.ok && !parsed.reading.valid) caught += 1;
    }
    console.log(`MRZ: ${caught}/${corrupted} corrupted lines caught by check digits`);
    expect(caught).toBe(corrupted);
  });
});

describe('readIdCard fallbacks', () => {
  const rng = makeRng(99);

  it('reads the back side from the MRZ when there is no QR, and says the name lacks diacritics', async () => {
    const citizen = fakeCitizen(rng);
    const back = await photograph(
      await renderCccdBack(citizen),
      { rotate: 3, blur: 0.8, jpegQuality: 85 },
      rng,
    );
    const ocrCalls: number[] = [];
    const reading = await readIdCard(back, {
      ocr: (image) => {
        ocrCalls.push(image.length);
        return Promise.resolve(`Đặc điểm nhận dạng\n${makeTd1Lines(citizen).join('\n')}\n`);
      },
    });
    expect(reading.source).toBe('mrz');
    expect(reading.fields).toMatchObject({
      idNumber: citizen.idNumber,
      dateOfBirth: citizen.dateOfBirth,
      sex: citizen.sex,
      expiryDate: citizen.expiryDate,
    });
    expect(reading.perField.idNumber).toBe('mrz');
    expect(reading.problems.join(' ')).toContain('không có dấu');
    expect(ocrCalls.length).toBeGreaterThanOrEqual(1);
  });

  it('flags QR and MRZ that disagree (a scan of both sides with a mismatched back)', async () => {
    const citizen = fakeCitizen(rng);
    const front = await renderCccdFront(citizen);
    const other = {
      ...citizen,
      dateOfBirth: `${citizen.dateOfBirth.slice(0, 8)}${citizen.dateOfBirth.slice(8) === '01' ? '02' : '01'}`,
      fullName: 'Phạm Văn Khác',
    };
    const reading = await readIdCard(front, { ocr: () => Promise.resolve(makeTd1Lines(other).join('\n')) });
    expect(reading.source).toBe('qr');
    expect(reading.fields.fullName).toBe(citizen.fullName);
    expect(reading.conflicts.map((c) => c.field).sort()).toEqual(['dateOfBirth', 'fullName']);
    expect(reading.problems.join(' ')).toContain('khác nhau');
  });

  it('agrees silently when QR and MRZ carry the same person', async () => {
    const citizen = fakeCitizen(rng);
    const reading = await readIdCard(await renderCccdFront(citizen), {
      ocr: () => Promise.resolve(makeTd1Lines(citizen).join('\n')),
    });
    expect(reading.conflicts).toEqual([]);
    expect(reading.perField.expiryDate).toBe('mrz');
    expect(reading.perField.fullName).toBe('qr');
  });

  it('falls back to the OCR text of the printed fields when neither QR nor MRZ can be read', async () => {
    const citizen = fakeCitizen(rng);
    const noQr = await renderCccdBack(citizen, ['', '', '']);
    const printed = [
      'CĂN CƯỚC CÔNG DÂN',
      `Số / No.: ${citizen.idNumber}`,
      'Họ và tên / Full name:',
      citizen.fullName.toUpperCase(),
      `Ngày sinh / Date of birth: ${citizen.dateOfBirth.split('-').reverse().join('/')}`,
      `Giới tính / Sex: ${citizen.sex === 'male' ? 'Nam' : 'Nữ'} Quốc tịch / Nationality: Việt Nam`,
      'Nơi thường trú / Place of residence:',
      citizen.address,
    ].join('\n');
    const reading = await readIdCard(noQr, { ocr: () => Promise.resolve(printed) });
    expect(reading.source).toBe('ocr');
    expect(reading.fields).toMatchObject({
      idNumber: citizen.idNumber,
      fullName: citizen.fullName.toUpperCase(),
      dateOfBirth: citizen.dateOfBirth,
      sex: citizen.sex,
      address: citizen.address,
    });
    expect(new Set(Object.values(reading.perField))).toEqual(new Set(['ocr']));
  });

  it('says so when nothing can be read, and refuses a file that is not an image', async () => {
    const blank = await renderCccdBack(fakeCitizen(rng), ['', '', '']);
    const reading = await readIdCard(blank);
    expect(reading.source).toBe('none');
    expect(reading.problems.join(' ')).toContain('Không đọc được mã QR');
    const notAnImage = new TextEncoder().encode('%PDF-1.7 not an image');
    await expect(readIdCard(notAnImage)).rejects.toSatisfy(
      (e: unknown) => isAppError(e) && e.code === 'FILE_CORRUPT',
    );
  });

  it('rejects a QR that is not a CCCD QR with the reason', async () => {
    const citizen = fakeCitizen(rng);
    const url = `https://example.vn/p/${citizen.idNumber}`;
    // a link, as on other documents an agent may scan by mistake
    const reading = await readIdCard(await renderCccdFrontWithQrText(citizen, url));
    expect(reading.source).toBe('none');
    expect(reading.problems[0]).toContain('không phải mã QR của thẻ căn cước');
    expect(cccdQrText(citizen)).toContain('|');
  });
});
