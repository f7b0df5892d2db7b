// Applicant (người nộp hồ sơ): personal ID number, dates and the zod schemas shared by core and the UI.
import { z } from 'zod';
import { provinceCodes } from './province-codes';
import { checkPhone } from './phone';
import { tidyText } from './text';

export { normalizePhone, validatePhone, checkPhone } from './phone';

export type Sex = 'male' | 'female';
export type Validation = { ok: true } | { ok: false; reason: string };

const valid: Validation = { ok: true };
const invalid = (reason: string): Validation => ({ ok: false, reason });

const sexLabel: Record<Sex, string> = { male: 'nam', female: 'nữ' };

/** Removes the spaces, dots and dashes people type inside ID numbers ("001 099 012345"). */
export function normalizeIdNumber(raw: string): string {
  return raw.replace(/[\s.-]/g, '');
}

/** True for a real calendar date written yyyy-MM-dd. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today as yyyy-MM-dd in local time; the default clock for "not in the future" checks. */
function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export type DecodedIdNumber = { provinceCode: string; province: string | null; sex: Sex; birthYear: number };

/**
 * Reads what a 12-digit personal ID encodes (Circular 07/2016/TT-BCA, Art. 7): digits 1-3 the province
 * where the birth was registered, digit 4 century and sex (0/1 = 1900s male/female, 2/3 = 2000s,
 * 4/5 = 2100s, 6/7 = 2200s, 8/9 = 2300s), digits 5-6 the last two digits of the birth year.
 */
export function decodeIdNumber(id: string): DecodedIdNumber | null {
  const digits = normalizeIdNumber(id);
  if (!/^\d{12}$/.test(digits)) return null;
  const centuryDigit = Number(digits[3]);
  return {
    provinceCode: digits.slice(0, 3),
    province: provinceCodes[digits.slice(0, 3)] ?? null,
    sex: centuryDigit % 2 === 0 ? 'male' : 'female',
    birthYear: 1900 + 100 * Math.floor(centuryDigit / 2) + Number(digits.slice(4, 6)),
  };
}

/** Province (with diacritics) where the birth of the ID's holder was registered, or null. */
export function provinceOfIdNumber(id: string): string | null {
  return decodeIdNumber(id)?.province ?? null;
}

function centuryRange(centuryDigit: number): string {
  const start = 1900 + 100 * Math.floor(centuryDigit / 2);
  return `${start}–${start + 99}`;
}

export type IdNumberOptions = { currentYear?: number };

/** Checks a 12-digit personal ID (số định danh cá nhân / CCCD), against the date of birth and sex when given. */
export function validateIdNumber(
  id: string,
  dateOfBirth?: string,
  sex?: Sex,
  options: IdNumberOptions = {},
): Validation {
  const digits = normalizeIdNumber(id);
  if (digits === '') return invalid('Hãy nhập số định danh cá nhân (12 chữ số trên thẻ căn cước).');
  if (/\D/.test(digits)) return invalid('Số định danh cá nhân chỉ gồm chữ số. Hãy bỏ chữ cái và ký tự khác.');
  if (digits.length === 9) {
    return invalid('Đây là số CMND cũ (9 số). Hãy nhập số định danh cá nhân 12 số in trên thẻ căn cước.');
  }
  if (digits.length !== 12) {
    return invalid(`Số định danh cá nhân phải có đúng 12 chữ số (đang có ${digits.length}).`);
  }
  const decoded = decodeIdNumber(digits);
  if (!decoded) return invalid('Số định danh cá nhân không hợp lệ.');
  if (decoded.province === null) {
    return invalid(
      `Ba số đầu "${decoded.provinceCode}" không phải mã tỉnh, thành phố nào. Hãy đối chiếu lại với thẻ căn cước.`,
    );
  }
  const centuryDigit = Number(digits[3]);
  const currentYear = options.currentYear ?? new Date().getFullYear();
  if (decoded.birthYear > currentYear) {
    return invalid(
      `Số định danh cho năm sinh ${decoded.birthYear}, là năm chưa tới. Hãy kiểm tra chữ số thứ 4 đến thứ 6.`,
    );
  }
  if (dateOfBirth !== undefined && isIsoDate(dateOfBirth)) {
    const year = Number(dateOfBirth.slice(0, 4));
    const yearDigits = digits.slice(4, 6);
    if (year % 100 !== Number(yearDigits)) {
      return invalid(
        `Chữ số thứ 5–6 của số định danh (${yearDigits}) phải là hai số cuối năm sinh (${year}). Hãy kiểm tra lại số định danh hoặc ngày sinh.`,
      );
    }
    if (Math.floor(year / 100) !== 19 + Math.floor(centuryDigit / 2)) {
      return invalid(
        `Chữ số thứ 4 (${centuryDigit}) dành cho người sinh trong các năm ${centuryRange(centuryDigit)}, nhưng năm sinh là ${year}. Hãy kiểm tra lại số định danh hoặc ngày sinh.`,
      );
    }
  }
  if (sex !== undefined && decoded.sex !== sex) {
    return invalid(
      `Chữ số thứ 4 (${centuryDigit}) của số định danh là của người giới tính ${sexLabel[decoded.sex]}, nhưng đã chọn giới tính ${sexLabel[sex]}. Hãy kiểm tra lại giới tính hoặc số định danh.`,
    );
  }
  return valid;
}

/** Usual answers for "quan hệ với người được nộp thay"; the field also takes free text. */
export const relationshipOptions = [
  'bản thân',
  'cha/mẹ',
  'con',
  'vợ/chồng',
  'ông/bà',
  'anh/chị/em',
  'người giám hộ',
  'người được uỷ quyền',
] as const;
export const selfRelationship = 'bản thân';

const tidyIfString = (value: unknown): unknown => (typeof value === 'string' ? tidyText(value) : value);
const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const blankToNull = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? null : value;

const personName = (missing: string) =>
  z.preprocess(
    tidyIfString,
    z
      .string({ error: missing })
      .min(1, missing)
      .max(100, 'Họ và tên dài quá 100 ký tự. Hãy kiểm tra lại.')
      .regex(
        /^[\p{L}\p{M}' .-]+$/u,
        'Họ và tên chỉ gồm chữ cái và dấu cách. Hãy bỏ chữ số và ký tự đặc biệt.',
      ),
  );

const idNumberField = z.preprocess(
  (value) => (typeof value === 'string' ? normalizeIdNumber(value) : value),
  z
    .string({ error: 'Hãy nhập số định danh cá nhân (12 chữ số trên thẻ căn cước).' })
    .superRefine((id, ctx) => {
      const result = validateIdNumber(id);
      if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason });
    }),
);

const dateOfBirthField = z
  .string({ error: 'Hãy nhập ngày sinh.' })
  .min(1, 'Hãy nhập ngày sinh.')
  .refine(isIsoDate, 'Ngày sinh không hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/09/1987.')
  .refine((date) => date >= '1900-01-01', 'Ngày sinh trước năm 1900. Hãy kiểm tra lại năm sinh.');

const phoneField = z.string({ error: 'Hãy nhập số điện thoại.' }).transform((raw, ctx) => {
  const result = checkPhone(raw);
  if (result.ok) return result.phone;
  ctx.addIssue({ code: 'custom', message: result.reason });
  return z.NEVER;
});

const onBehalfOfSchema = z.object({
  fullName: personName('Hãy nhập họ và tên người được nộp thay.'),
  idNumber: z.preprocess(blankToUndefined, idNumberField.optional()),
});

type CrossFieldInput = {
  idNumber?: unknown;
  dateOfBirth?: unknown;
  sex?: unknown;
  relationship?: unknown;
  onBehalfOf?: unknown;
};

/** Problems that involve two fields: ID vs date of birth and sex, future birth dates, filing on behalf. */
function crossFieldProblems(input: CrossFieldInput, today: string): Record<string, string> {
  const problems: Record<string, string> = {};
  const dob =
    typeof input.dateOfBirth === 'string' && isIsoDate(input.dateOfBirth) ? input.dateOfBirth : undefined;
  if (dob !== undefined && dob > today) problems.dateOfBirth = 'Ngày sinh ở tương lai. Hãy kiểm tra lại.';
  const sex = input.sex === 'male' || input.sex === 'female' ? input.sex : undefined;
  if (typeof input.idNumber === 'string' && validateIdNumber(input.idNumber).ok) {
    const result = validateIdNumber(input.idNumber, dob, sex);
    if (!result.ok) problems.idNumber = result.reason;
  }
  const relationship = typeof input.relationship === 'string' ? tidyText(input.relationship) : '';
  const behalf = typeof input.onBehalfOf === 'object' && input.onBehalfOf !== null ? input.onBehalfOf : null;
  const behalfName = behalf !== null && 'fullName' in behalf ? behalf.fullName : undefined;
  const hasBehalfName = typeof behalfName === 'string' && behalfName.trim() !== '';
  const forSomeoneElse = relationship !== '' && relationship !== selfRelationship;
  if (forSomeoneElse && !hasBehalfName) {
    problems['onBehalfOf.fullName'] =
      `Đang nộp thay (${relationship}): hãy nhập họ và tên người được nộp thay.`;
  }
  if (!forSomeoneElse && hasBehalfName) {
    problems.relationship =
      'Hãy chọn quan hệ giữa người nộp và người được nộp thay (ví dụ cha/mẹ, con, người được uỷ quyền).';
  }
  const behalfId = behalf !== null && 'idNumber' in behalf ? behalf.idNumber : undefined;
  if (typeof behalfId === 'string' && typeof input.idNumber === 'string' && behalfId.trim() !== '') {
    if (normalizeIdNumber(behalfId) === normalizeIdNumber(input.idNumber)) {
      problems['onBehalfOf.idNumber'] = 'Số định danh của người được nộp thay trùng với của người nộp.';
    }
  }
  return problems;
}

export type ApplicantSchemaOptions = { today?: () => string };

/** The complete applicant a dossier needs before it can be marked ready; `today` is injectable for tests. */
export function createApplicantSchema(options: ApplicantSchemaOptions = {}) {
  const today = options.today ?? localToday;
  return z
    .object({
      fullName: personName('Hãy nhập họ và tên người nộp.'),
      idNumber: idNumberField,
      dateOfBirth: dateOfBirthField,
      sex: z.enum(['male', 'female'], { error: 'Hãy chọn giới tính.' }),
      address: z.preprocess(
        tidyIfString,
        z
          .string({ error: 'Hãy nhập địa chỉ.' })
          .min(1, 'Hãy nhập địa chỉ.')
          .min(5, 'Địa chỉ quá ngắn. Hãy ghi số nhà, đường hoặc thôn, xã/phường, tỉnh/thành phố.')
          .max(300, 'Địa chỉ dài quá 300 ký tự.'),
      ),
      phone: phoneField,
      email: z.preprocess(
        (value) => (typeof value === 'string' ? value.trim() || undefined : value),
        z.email({ error: 'Email không hợp lệ, ví dụ đúng: ten@example.com. Có thể bỏ trống.' }).optional(),
      ),
      relationship: z.preprocess(
        (value) => (typeof value === 'string' ? tidyText(value) || null : value),
        z
          .string()
          .max(50, 'Quan hệ ghi quá dài (tối đa 50 ký tự).')
          .nullish()
          .transform((value) => value ?? selfRelationship),
      ),
      onBehalfOf: z.preprocess(
        blankToNull,
        onBehalfOfSchema.nullish().transform((value) => value ?? null),
      ),
    })
    .superRefine((applicant, ctx) => {
      for (const [path, message] of Object.entries(crossFieldProblems(applicant, today()))) {
        ctx.addIssue({ code: 'custom', message, path: path.split('.') });
      }
    });
}

export const applicantSchema = createApplicantSchema();
export type Applicant = z.output<typeof applicantSchema>;

const draftText = z.string().max(1000);

/** Applicant fields an ID card (CCCD) can fill in, and where a value came from. */
export const autoFillFields = ['fullName', 'idNumber', 'dateOfBirth', 'sex', 'address'] as const;
export type AutoFillField = (typeof autoFillFields)[number];
export const fieldSourceSchema = z.enum(['qr', 'mrz', 'ocr']);
export type FieldSource = z.infer<typeof fieldSourceSchema>;
const autoFillFieldSchema = z.enum(autoFillFields);

/** What the intake form autosaves: any subset of the fields, unchecked. */
export const applicantDraftSchema = z.object({
  fullName: draftText.optional(),
  idNumber: draftText.optional(),
  dateOfBirth: draftText.optional(),
  sex: draftText.optional(),
  address: draftText.optional(),
  phone: draftText.optional(),
  email: draftText.optional(),
  relationship: draftText.nullish(),
  onBehalfOf: z.object({ fullName: draftText.optional(), idNumber: draftText.optional() }).nullish(),
  /** fields pre-filled from the ID card and where each came from; a field the agent retypes leaves this map */
  fieldSources: z.partialRecord(autoFillFieldSchema, fieldSourceSchema).optional(),
  /** pre-filled fields the agent has checked against the card */
  confirmedFields: z.array(autoFillFieldSchema).max(autoFillFields.length).optional(),
  /** per pre-filled field, what the agent must look at (QR and MRZ disagree), in Vietnamese */
  fieldWarnings: z.partialRecord(autoFillFieldSchema, z.string().max(500)).optional(),
});
export type ApplicantDraft = z.infer<typeof applicantDraftSchema>;

/** Pre-filled fields (from the ID card) the agent has not confirmed yet, in form order. */
export function unconfirmedFields(draft: ApplicantDraft): AutoFillField[] {
  const sources = draft.fieldSources ?? {};
  const confirmed = new Set(draft.confirmedFields ?? []);
  return autoFillFields.filter((f) => sources[f] !== undefined && !confirmed.has(f));
}

/**
 * Every problem of a (draft) applicant as field path -> Vietnamese message ("onBehalfOf.fullName": "...").
 * An empty object means the applicant is complete and valid.
 */
export function checkApplicant(
  applicant: unknown,
  options: ApplicantSchemaOptions = {},
): Record<string, string> {
  const today = options.today ?? localToday;
  const schema = options.today ? createApplicantSchema(options) : applicantSchema;
  const problems: Record<string, string> = {};
  const result = schema.safeParse(applicant ?? {});
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.') || 'applicant';
      problems[path] ??= issue.message;
    }
  }
  // The object-level refinement does not run while single fields fail, so cross-field checks run here too.
  if (typeof applicant === 'object' && applicant !== null) {
    for (const [path, message] of Object.entries(crossFieldProblems(applicant, today()))) {
      problems[path] ??= message;
    }
  }
  return problems;
}
