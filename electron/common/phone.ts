// Vietnamese phone numbers: normalise what agents type (+84, spaces, dots, dashes) and explain what is wrong.

export type PhoneCheck =
  { ok: true; phone: string; kind: 'mobile' | 'landline' } | { ok: false; reason: string };

/**
 * 11-digit mobile prefixes retired on 15/9/2018-16/11/2018 (Decision 798/QĐ-BTTTT, 2018 mobile number
 * conversion) and the 3-digit prefixes that replaced them. Used only to tell the agent the new number.
 */
const convertedMobilePrefixes: Readonly<Record<string, string>> = {
  // Viettel
  '0162': '032',
  '0163': '033',
  '0164': '034',
  '0165': '035',
  '0166': '036',
  '0167': '037',
  '0168': '038',
  '0169': '039',
  // MobiFone
  '0120': '070',
  '0121': '079',
  '0122': '077',
  '0126': '076',
  '0128': '078',
  // VinaPhone
  '0123': '083',
  '0124': '084',
  '0125': '085',
  '0127': '081',
  '0129': '082',
  // Vietnamobile, Gmobile
  '0186': '056',
  '0188': '058',
  '0199': '059',
};

const mobilePattern = /^0[35789]\d{8}$/; // 10 digits, prefixes in use since the 2018 conversion
const landlinePattern = /^02\d{9}$/; // 11 digits: 02x area code (after the 2017 area-code change) + 8 digits

/** Digits of a number typed with spaces, dots, dashes, brackets, and +84 / 84 / 0084 turned into a leading 0. */
function stripToNationalDigits(raw: string): { digits: string } | { reason: string } {
  const trimmed = raw.normalize('NFC').trim();
  if (trimmed === '') return { reason: 'Hãy nhập số điện thoại.' };
  if (!/^\+?[\d\s.\-()]+$/.test(trimmed)) {
    return {
      reason: 'Số điện thoại chỉ gồm chữ số (có thể có dấu cách, dấu chấm, gạch ngang hoặc +84 ở đầu).',
    };
  }
  let digits = trimmed.replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+')) {
    if (!digits.startsWith('+84')) return { reason: 'Chỉ nhận số điện thoại Việt Nam (mã quốc gia +84).' };
    digits = digits.slice(3);
  } else if (digits.startsWith('0084')) {
    digits = digits.slice(4);
  } else if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12)) {
    digits = digits.slice(2);
  } else {
    return { digits };
  }
  // "+84 0912..." is a common way of writing it: drop the doubled trunk 0.
  return { digits: digits.startsWith('0') ? digits : `0${digits}` };
}

/** Checks a phone number and returns it as national digits (0xxxxxxxxx), or a Vietnamese reason. */
export function checkPhone(raw: string): PhoneCheck {
  const stripped = stripToNationalDigits(raw);
  if ('reason' in stripped) return { ok: false, reason: stripped.reason };
  const { digits } = stripped;
  if (mobilePattern.test(digits)) return { ok: true, phone: digits, kind: 'mobile' };
  if (landlinePattern.test(digits)) return { ok: true, phone: digits, kind: 'landline' };
  if (!digits.startsWith('0')) return { ok: false, reason: 'Số điện thoại phải bắt đầu bằng 0 hoặc +84.' };
  const retired = convertedMobilePrefixes[digits.slice(0, 4)];
  if (retired !== undefined && digits.length === 11) {
    const newNumber = retired + digits.slice(4);
    return {
      ok: false,
      reason: `Đầu số ${digits.slice(0, 4)} đã đổi thành ${retired} từ năm 2018, số mới là ${newNumber}. Hãy hỏi lại người nộp và nhập số mới.`,
    };
  }
  if (/^0[35789]/.test(digits)) {
    return { ok: false, reason: `Số di động phải có đúng 10 chữ số (đang có ${digits.length}).` };
  }
  if (digits.startsWith('02')) {
    return {
      ok: false,
      reason: `Số máy bàn phải có đúng 11 chữ số, gồm mã vùng 02x (đang có ${digits.length}).`,
    };
  }
  return {
    ok: false,
    reason: `Đầu số ${digits.slice(0, 3)} không phải đầu số di động (03, 05, 07, 08, 09) hay máy bàn (02x) đang dùng.`,
  };
}

/** The number as national digits ("0912345678"), or null when it is not a valid Vietnamese number. */
export function normalizePhone(raw: string): string | null {
  const result = checkPhone(raw);
  return result.ok ? result.phone : null;
}

export function validatePhone(raw: string): { ok: true } | { ok: false; reason: string } {
  const result = checkPhone(raw);
  return result.ok ? { ok: true } : { ok: false, reason: result.reason };
}
