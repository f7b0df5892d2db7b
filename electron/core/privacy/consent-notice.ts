// The privacy notice read to the citizen (resources/privacy/notices.json), filled with the office and its retention periods.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Office } from '../../common/contract';
import type { ConsentPurpose, RetentionPeriods } from '../../common/privacy-contract';

const noticeFileSchema = z.object({
  current: z.string(),
  versions: z.record(z.string(), z.object({ title: z.string(), text: z.array(z.string()), clause: z.string() })),
});
export type NoticeFile = z.infer<typeof noticeFileSchema>;

export type FilledNotice = {
  /** template version + a digest of the filled text: a consent names exactly what the citizen was told */
  version: string;
  title: string;
  text: string;
  clauseTemplate: string;
};

export const purposeLabels: Record<ConsentPurpose, string> = {
  procedure: 'làm thủ tục hành chính này',
  reuse: 'lưu giấy tờ để dùng lại lần sau',
};

export function loadNotices(resourcesDir: string): NoticeFile {
  const raw: unknown = JSON.parse(readFileSync(join(resourcesDir, 'privacy', 'notices.json'), 'utf8'));
  const file = noticeFileSchema.parse(raw);
  if (!file.versions[file.current]) throw new Error(`privacy notice ${file.current} missing`);
  return file;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

export function fillNotice(file: NoticeFile, office: Office, periods: RetentionPeriods): FilledNotice {
  const template = file.versions[file.current];
  if (!template) throw new Error('privacy notice missing');
  const values: Record<string, string> = {
    officeName: office.name,
    officeAddress: office.address,
    officePhone: office.phone ? `, điện thoại ${office.phone}` : '',
    ...Object.fromEntries(Object.entries(periods).map(([k, v]) => [k, String(v)])),
  };
  const text = template.text.map((line) => fill(line, values)).join('\n');
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 8);
  return {
    version: `${file.current}-${digest}`,
    title: template.title,
    text,
    clauseTemplate: fill(template.clause, { officeName: office.name }),
  };
}

/** The sentence printed on the receipt above the citizen's signature. */
export function consentClause(clauseTemplate: string, version: string, purposes: readonly ConsentPurpose[]): string {
  return fill(clauseTemplate, { version, purposes: purposes.map((p) => purposeLabels[p]).join('; ') });
}
