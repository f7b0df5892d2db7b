// The ready check of a dossier's declaration form: refused while the started form has problems or unconfirmed readings.
import { AppError } from '../../common/errors';
import { leafFields, type FormDefinition } from '../../common/forms/form-definition';
import { storedFormSchema, unconfirmedPaths } from '../../common/forms/prefill';
import type { Actor } from '../auth/actor';
import type { FormService } from './form-service';

/** "mother.fullName" -> "Người mẹ: Họ, chữ đệm, tên người mẹ"; rows as "thành viên 2: Họ, chữ đệm và tên". */
export function formFieldName(def: FormDefinition, path: string): string {
  const pattern = path.replace(/\[\d+\]/g, '[]');
  const leaf = leafFields(def).find((f) => f.path === pattern);
  if (!leaf) return path;
  const row = /\[(\d+)\]/.exec(path);
  const groupKey = path.split(/[.[]/)[0] ?? '';
  const repeat = def.sections.flatMap((s) => s.nodes).find((n) => n.key === groupKey && n.kind === 'repeat');
  if (row && repeat?.kind === 'repeat') return `${repeat.itemLabel} ${String(Number(row[1]) + 1)}: ${leaf.field.label}`;
  const group = def.sections.flatMap((s) => s.nodes).find((n) => n.key === groupKey && n.kind === 'group');
  const groupLabel = group?.kind === 'group' ? group.label : undefined;
  return groupLabel && !leaf.field.label.toLowerCase().includes(groupLabel.toLowerCase()) ? `${groupLabel}: ${leaf.field.label}` : leaf.field.label;
}

/**
 * Throws FORM_INCOMPLETE / FORM_UNCONFIRMED for a dossier whose form the agent has started (saved at least once) and
 * left with problems or with values read from a card, the applicant or a document that nobody confirmed. A form never
 * opened is not checked: the citizen may bring the paper declaration, scanned into its slot like any document.
 */
export function assertFormReady(forms: FormService, actor: Actor, dossier: { id: string; formData: string }): void {
  let raw: unknown;
  try {
    raw = JSON.parse(dossier.formData);
  } catch {
    return;
  }
  const stored = storedFormSchema.safeParse(raw);
  if (!stored.success || Object.keys(stored.data.data).length === 0) return;
  const def = forms.registry.get(stored.data.formId);
  if (!def) return;
  const problems = forms.problemsOf(actor, dossier.id);
  const paths = Object.keys(problems);
  if (paths.length > 0) {
    throw new AppError('FORM_INCOMPLETE', { fieldNames: paths.map((p) => formFieldName(def, p)), fields: problems });
  }
  const unconfirmed = unconfirmedPaths(def, stored.data);
  if (unconfirmed.length > 0) {
    throw new AppError('FORM_UNCONFIRMED', {
      fieldNames: unconfirmed.map((p) => formFieldName(def, p)),
      fields: Object.fromEntries(unconfirmed.map((p) => [p, 'Hãy đối chiếu với giấy tờ rồi bấm "Xác nhận".'])),
    });
  }
}
