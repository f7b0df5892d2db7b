// A whole form schema file: header, legal basis, persons, sections, cross-field rules, signature; checked on load.
import { z } from 'zod';
import { conditionSchema, nodeSchema, personSchema, type FormNode } from './form-schema';

const pathOrToday = z.union([z.literal('$today'), z.string().regex(/^[a-z][A-Za-z0-9.[\]]*$/)]);
const dataPath = z.string().regex(/^[a-z][A-Za-z0-9]*(\[\])?(\.[a-z][A-Za-z0-9]*(\[\])?)*$/, 'đường dẫn dữ liệu không hợp lệ');

/**
 * Rules across fields. `path` is where the message shows (default: the first path). A path with `[]` applies to every
 * row of a repeat ("members[].dateOfBirth"). Implicit checks need no rule: a group holding idNumber, dateOfBirth and sex
 * has its ID checked against the birth year and the sex.
 */
export const ruleSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('dateOrder'),
    /** the earlier date */
    first: dataPath,
    /** the later date, or '$today' */
    then: pathOrToday,
    allowEqual: z.boolean().default(true),
    message: z.string().min(1),
    path: dataPath.optional(),
  }).strict(),
  z.object({
    kind: z.literal('different'),
    paths: z.array(dataPath).length(2),
    message: z.string().min(1),
    path: dataPath.optional(),
  }).strict(),
  z.object({
    kind: z.literal('minAge'),
    birth: dataPath,
    at: pathOrToday,
    years: z.number().int().min(1).max(120),
    message: z.string().min(1),
    path: dataPath.optional(),
  }).strict(),
  z.object({
    kind: z.literal('idSex'),
    idNumber: dataPath,
    sex: z.enum(['male', 'female']),
    message: z.string().min(1),
  }).strict(),
  z.object({
    kind: z.literal('requiredIf'),
    path: dataPath,
    when: conditionSchema,
    message: z.string().min(1),
  }).strict(),
]);
export type FormRule = z.output<typeof ruleSchema>;

export const sectionSchema = z
  .object({
    key: z.string().regex(/^[a-z][A-Za-z0-9]*$/),
    /** the heading as printed ("THÔNG TIN VỀ NGƯỜI ĐƯỢC KHAI SINH"); intake-only headings set paper.showTitle false */
    title: z.string().min(1),
    number: z.string().optional(),
    /** a sentence printed before the fields ("Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:") */
    intro: z.string().optional(),
    nodes: z.array(nodeSchema).min(1),
    paper: z
      .object({
        showTitle: z.boolean().default(false),
        /** 'sideBySide': the section's two person groups print as columns of one table (tờ khai kết hôn) */
        layout: z.enum(['flow', 'sideBySide']).default('flow'),
        /** printed after the signature block (đề nghị cấp bản sao) */
        afterSignature: z.boolean().default(false),
      })
      .strict()
      .default({ showTitle: false, layout: 'flow', afterSignature: false }),
  })
  .strict();
export type SectionDef = z.output<typeof sectionSchema>;

export const signatureSchema = z
  .object({
    /** data paths of "Làm tại ..., ngày ... tháng ... năm ..." */
    place: dataPath.optional(),
    /** printed before the place ("Làm tại:"); none on forms that start the line with the place */
    placeLabel: z.string().optional(),
    date: dataPath.optional(),
    blocks: z
      .array(
        z.object({
          title: z.string().min(1),
          note: z.string().default('(Ký, ghi rõ họ, chữ đệm, tên)'),
          /** printed under the signature space */
          namePath: dataPath.optional(),
        }).strict(),
      )
      .min(1)
      .max(4),
  })
  .strict();

export const legalSchema = z
  .object({
    /** the text that issues the form, as cited ("Thông tư số 04/2020/TT-BTP ngày 28/5/2020 của Bộ trưởng Bộ Tư pháp") */
    issuedBy: z.string().min(1),
    amendedBy: z.array(z.string()).default([]),
    /** checked to be in force on this date (yyyy-MM-dd) */
    inForceOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** where the form's text was read and how far it was checked */
    verification: z.string().min(1),
    /** what could not be verified, in words; shown by form:list and docs */
    unverified: z.array(z.string()).default([]),
  })
  .strict();

export const formDefinitionSchema = z
  .object({
    format: z.literal('dai-ly-dvc-form'),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    /** bumped when fields change; saved data and portal submissions carry it */
    version: z.number().int().min(1),
    title: z.string().min(1),
    /** one-line subtitle under the title ("(Dùng cho cá nhân có yêu cầu cấp Phiếu lý lịch tư pháp)") */
    subtitle: z.string().optional(),
    /** "Mẫu CT01", "Mẫu số 01/2025/LLTP"; null when the form carries no number */
    formNumber: z.string().nullable(),
    /** the small print under the form number ("Ban hành kèm theo Thông tư số ...") */
    formNumberNote: z.string().optional(),
    legal: legalSchema,
    /** national procedure codes using the form, when the catalog does not say (catalog formIds take precedence) */
    procedures: z.array(z.string()).default([]),
    persons: z.array(personSchema).default([]),
    sections: z.array(sectionSchema).min(1),
    rules: z.array(ruleSchema).default([]),
    /** "Tôi cam đoan ..." printed before the signature */
    declaration: z.string().optional(),
    signature: signatureSchema,
    /** "Chú thích" printed at the end, each starting with its marker ("(1) Ghi rõ ...") */
    footnotes: z.array(z.string()).default([]),
    paper: z.object({ mode: z.enum(['flow', 'overlay']).default('flow') }).strict().default({ mode: 'flow' }),
  })
  .strict();
export type FormDefinition = z.output<typeof formDefinitionSchema>;
export type FormDefinitionInput = z.input<typeof formDefinitionSchema>;
export type FormSection = SectionDef;

/** Every leaf field with its data path ("child.dateOfBirth", repeat rows as "members[]"), in paper order. */
export function leafFields(def: Pick<FormDefinition, 'sections'>): { path: string; field: Extract<FormNode, { type: string }>; repeat: boolean }[] {
  const out: { path: string; field: Extract<FormNode, { type: string }>; repeat: boolean }[] = [];
  const walk = (nodes: FormNode[], prefix: string, inRepeat: boolean) => {
    for (const node of nodes) {
      const path = prefix ? `${prefix}.${node.key}` : node.key;
      if (node.kind === 'group') walk(node.fields, path, inRepeat);
      else if (node.kind === 'repeat') walk(node.fields, `${path}[]`, true);
      else out.push({ path, field: node, repeat: inRepeat });
    }
  };
  for (const section of def.sections) walk(section.nodes, '', false);
  return out;
}
