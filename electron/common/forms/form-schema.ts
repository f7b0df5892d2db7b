// The declarative form DSL: what a form schema file (resources/forms/<id>.json) holds, as zod schemas and types.
import { z } from 'zod';

/*
 * One schema per official form (DESIGN §9). A schema is data: sections in the paper's order holding fields, person
 * groups, repeating groups; each field's type, label, number and footnote as printed, its validation, where it sits on
 * paper and where its value goes (the data path, sent to the portal as formData.data.<path>). A renderer builds the intake
 * section from it, the printer fills the official layout, and one validator serves the app and the portal simulator.
 */

export const fieldTypes = [
  'text', // one line of free text
  'textarea', // several lines (nội dung đề nghị, lý do)
  'date', // stored yyyy-MM-dd (or yyyy with allowYearOnly), shown and printed dd/MM/yyyy
  'time', // HH:mm (giờ, phút sinh / chết)
  'monthYear', // yyyy-MM, printed MM/yyyy (quá trình cư trú)
  'idNumber', // 12-digit personal ID (số định danh cá nhân); 9-digit CMND only with allowLegacyId
  'sex', // 'male' | 'female'
  'ethnicity', // one of the 54 dân tộc (electron/common/ethnicities.ts), stored by name
  'nationality', // country name in Vietnamese, default "Việt Nam"
  'address', // { detail, communeCode, provinceCode } against the shipped admin units, or { text } where allowed
  'choice', // one of `choices`
  'multiChoice', // several of `choices`
  'checkbox', // true / false (ô đánh dấu)
  'relationship', // free text with usual answers (quan hệ với ...)
  'phone',
  'email',
  'number', // an integer (số lượng bản sao, vốn kinh doanh)
] as const;
export type FieldType = (typeof fieldTypes)[number];

/** A data path segment: letters and digits, camelCase ("dateOfBirth"). */
const keySchema = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'khoá phải là chữ thường đầu, chỉ chữ và số (camelCase)');
/** A data path: dotted keys; a repeat item as key[] in rules that apply to every item. */
const pathSchema = z.string().regex(/^[a-z][A-Za-z0-9]*(\[\])?(\.[a-z][A-Za-z0-9]*(\[\])?)*$/, 'đường dẫn dữ liệu không hợp lệ');

export const choiceSchema = z.object({ value: z.string().min(1), label: z.string().min(1) });
export type Choice = z.infer<typeof choiceSchema>;

/** A condition on another field's value: equals / one of / filled. */
export const conditionSchema = z
  .object({
    path: pathSchema,
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    in: z.array(z.string()).optional(),
    filled: z.boolean().optional(),
  })
  .refine((c) => [c.equals, c.in, c.filled].filter((v) => v !== undefined).length === 1, 'điều kiện cần đúng một trong equals / in / filled');
export type Condition = z.infer<typeof conditionSchema>;

/** Where a field is on paper. Flow forms place fields in reading order, fields sharing `row` on one line. */
export const paperSchema = z
  .object({
    /** fields with the same row id print on one line, left to right */
    row: z.string().min(1).optional(),
    /** share of the line (0–1] when the row is shared; default: split evenly */
    width: z.number().gt(0).max(1).optional(),
    /** the label as printed, when it differs from the intake label */
    label: z.string().optional(),
    /** printed before a filled value ("Số định danh cá nhân: ") */
    prefix: z.string().optional(),
    /** dotted lines to leave for a long blank value */
    lines: z.number().int().min(1).max(8).optional(),
    /** not printed in the flow (printed by the signature block, or portal-only data) */
    hidden: z.boolean().optional(),
    /** choices printed as tick boxes ("Có ☐ Không ☐") */
    boxes: z.boolean().optional(),
    /** overlay forms: the value's box on the pre-printed page, in mm from the top-left corner */
    anchor: z.object({ page: z.number().int().min(1), xMm: z.number(), yMm: z.number(), wMm: z.number().positive() }).optional(),
  })
  .strict();
export type PaperPlace = z.infer<typeof paperSchema>;

/** Which reading fills a field: a person's ID card (QR/MRZ), the applicant, or an OCR'd document's field. */
export const prefillKeys = ['fullName', 'idNumber', 'dateOfBirth', 'sex', 'address', 'phone', 'email'] as const;
export const prefillSchema = z
  .object({
    idCard: z.enum(['fullName', 'idNumber', 'dateOfBirth', 'sex', 'address']).optional(),
    applicant: z.enum(prefillKeys).optional(),
    /** document kind and its field, as the extractor names them: "giay-chung-sinh.childFullName" */
    ocr: z.string().regex(/^[a-z0-9-]+\.[A-Za-z0-9]+$/).optional(),
  })
  .strict();

/** Hints for a keyboard-first renderer; none changes what is valid. */
export const hintsSchema = z
  .object({
    uppercase: z.boolean().optional(),
    inputMode: z.enum(['text', 'numeric', 'tel', 'email']).optional(),
    size: z.enum(['short', 'medium', 'long']).optional(),
    /** the renderer may jump here after this group is prefilled */
    autoFocus: z.boolean().optional(),
    /** a value the agent usually accepts as is (Enter keeps it) */
    suggestions: z.array(z.string()).optional(),
  })
  .strict();

export const fieldSchema = z
  .object({
    kind: z.literal('field').default('field'),
    key: keySchema,
    type: z.enum(fieldTypes),
    label: z.string().min(1),
    /** the number printed before the label ("4", "7.1") */
    number: z.string().optional(),
    /** the footnote marker printed after the label ("(2)"); its text is in the schema's footnotes */
    footnote: z.string().optional(),
    /** guidance for the agent (from the form's notes) */
    help: z.string().optional(),
    required: z.boolean().default(false),
    /** the message when a required value is missing, where "Hãy nhập <nhãn>." reads badly */
    requiredMessage: z.string().optional(),
    choices: z.array(choiceSchema).optional(),
    /** 'today' for dates; any value of the field's type otherwise */
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
    maxLength: z.number().int().positive().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    /** date: a bare year (yyyy) is accepted ("Năm sinh") */
    allowYearOnly: z.boolean().optional(),
    /** date: not after today */
    notFuture: z.boolean().optional(),
    /** idNumber: a 9-digit CMND is accepted (documents of people who never had a chip card) */
    allowLegacyId: z.boolean().optional(),
    /** address: free text accepted instead of a listed commune (abroad, historical quê quán) */
    allowText: z.boolean().optional(),
    /** derived, read-only: the date of `from` written in words */
    computed: z.object({ kind: z.literal('dateInWords'), from: pathSchema }).strict().optional(),
    showWhen: conditionSchema.optional(),
    prefill: prefillSchema.optional(),
    hints: hintsSchema.optional(),
    paper: paperSchema.default({}),
  })
  .strict()
  .superRefine((f, ctx) => {
    const needsChoices = f.type === 'choice' || f.type === 'multiChoice';
    if (needsChoices && (f.choices?.length ?? 0) === 0) ctx.addIssue({ code: 'custom', message: 'trường chọn cần danh sách choices', path: ['choices'] });
    if (!needsChoices && f.choices !== undefined) ctx.addIssue({ code: 'custom', message: `choices chỉ dùng cho choice/multiChoice, không dùng cho ${f.type}`, path: ['choices'] });
    if (f.computed && f.required) ctx.addIssue({ code: 'custom', message: 'trường tính sẵn (computed) không thể bắt buộc', path: ['required'] });
  });
export type FieldDef = z.output<typeof fieldSchema>;

/** People in the form (người yêu cầu, mẹ, cha, chủ hộ...): a person group can be filled from that person's ID card. */
export const personRoles = ['requester', 'subject', 'child', 'mother', 'father', 'deceased', 'wife', 'husband', 'householder', 'member', 'spouse', 'owner', 'other'] as const;
export const personSchema = z
  .object({
    key: keySchema,
    role: z.enum(personRoles),
    label: z.string().min(1),
    /** the applicant (người nộp) may be this person: the renderer offers "Người nộp là ..." */
    mayBeApplicant: z.boolean().default(false),
    /** the person's CCCD can be read into the group */
    idCard: z.boolean().default(true),
  })
  .strict();
export type PersonDef = z.output<typeof personSchema>;

export const repeatSchema = z
  .object({
    kind: z.literal('repeat'),
    key: keySchema,
    label: z.string().min(1),
    number: z.string().optional(),
    /** what one row is called in the UI ("thành viên") */
    itemLabel: z.string().min(1),
    min: z.number().int().min(0),
    max: z.number().int().min(1),
    /** each row is this person role (for ID card reading into a row) */
    person: z.enum(personRoles).optional(),
    fields: z.array(fieldSchema).min(1),
    /** empty table rows printed for handwriting when fewer rows are filled */
    paper: z.object({ blankRows: z.number().int().min(0).max(20).default(3) }).strict().default({ blankRows: 3 }),
  })
  .strict()
  .refine((r) => r.min <= r.max, { message: 'min phải nhỏ hơn hoặc bằng max', path: ['min'] });
export type RepeatDef = z.output<typeof repeatSchema>;

export type GroupDef = {
  kind: 'group';
  key: string;
  label?: string;
  number?: string;
  /** a person of `persons` */
  person?: string;
  showWhen?: Condition;
  fields: FormNode[];
};
export type FormNode = FieldDef | GroupDef | RepeatDef;

/** Parses `value` with `schema`, re-raising its issues under the caller's path (clear paths, no union noise). */
function parseInto<T>(schema: z.ZodType<T>, value: unknown, ctx: z.RefinementCtx): T | typeof z.NEVER {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
}

export const groupSchema: z.ZodType<GroupDef> = z.lazy(() =>
  z
    .object({
      kind: z.literal('group'),
      key: keySchema,
      label: z.string().optional(),
      number: z.string().optional(),
      person: keySchema.optional(),
      showWhen: conditionSchema.optional(),
      fields: z.array(nodeSchema).min(1),
    })
    .strict(),
);

/** A node is picked by its `kind` ('group' | 'repeat' | 'field', the default), so errors point into the right shape. */
export const nodeSchema: z.ZodType<FormNode> = z.lazy(() =>
  z.unknown().transform((value, ctx): FormNode => {
    const kind = typeof value === 'object' && value !== null && 'kind' in value ? value.kind : 'field';
    if (kind === 'group') return parseInto(groupSchema, value, ctx);
    if (kind === 'repeat') return parseInto(repeatSchema, value, ctx);
    return parseInto(fieldSchema, value, ctx);
  }),
);
