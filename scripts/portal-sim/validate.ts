// Checks a submitted dossier the way the portal would, returning field paths with Vietnamese messages (422).
import {
  dossierSubmissionSchema,
  type DossierSubmission,
  type PortalFieldError,
} from '../../electron/core/sync/portal-protocol';
import type { CatalogProcedure } from '../../electron/common/catalog';
import { documentsForCase, mustHave, requirementIn } from '../../electron/common/checklist';
import { formFillsSlot, formSlotState, type FormFacts } from '../../electron/common/forms/form-slot';
import { findProcedure, sameComponentName } from './catalog';
import type { SimContext } from './context';
import { hasCompletedUpload } from './store';
import { formDataErrors, submittedFormFacts } from './forms';

export function formatPath(parts: readonly PropertyKey[]): string {
  return parts
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

type Validation = { ok: true; body: DossierSubmission } | { ok: false; errors: PortalFieldError[] };

/**
 * The app's own rules (electron/common/checklist.ts) over the simulator's catalog: the case's documents plus the common
 * ones; each to submit that the mode requires, or that is conditional and the agent answered "áp dụng", must come with
 * files, except a tờ khai slot the submitted form stands in for (electron/common/forms/form-slot.ts: online, valid form
 * data of that form; direct/postal, valid data the app attests it printed). Components are matched by the catalog key,
 * by name (full or short) for clients that send no keys.
 */
function checklistErrors(procedure: CatalogProcedure, body: DossierSubmission, form: FormFacts | null): PortalFieldError[] {
  const caseKey = body.caseKey ?? null;
  if (procedure.cases.length > 0 && !procedure.cases.some((c) => c.key === caseKey)) {
    const names = procedure.cases.map((c) => `"${c.name}"`).join(', ');
    return [{ path: 'caseKey', code: 'case_missing', message: `Hồ sơ chưa ghi trường hợp (một trong: ${names}).` }];
  }
  const applied = new Set(body.appliedConditions ?? []);
  const errors: PortalFieldError[] = [];
  for (const wanted of documentsForCase(procedure, caseKey)) {
    if (wanted.kind !== 'submit' || !mustHave(requirementIn(wanted, body.mode), applied.has(wanted.key))) continue;
    if (formFillsSlot(formSlotState(wanted, body.mode, form))) continue;
    const given = body.components.find((c) =>
      c.docKey !== undefined ? c.docKey === wanted.key : sameComponentName(c.name, wanted.name) || (wanted.label !== null && sameComponentName(c.name, wanted.label)),
    );
    if (!given || given.files.length === 0) {
      const name = wanted.label ?? wanted.name;
      errors.push({ path: 'components', code: 'component_missing', component: name, message: `Thiếu thành phần hồ sơ bắt buộc: "${name}".` });
    }
  }
  return errors;
}

export function validateSubmission(ctx: SimContext, clientId: string, raw: unknown): Validation {
  const parsed = dossierSubmissionSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      code: 'invalid',
      message:
        issue.code === 'invalid_type' ? 'Thiếu thông tin hoặc sai kiểu dữ liệu.' : 'Giá trị không hợp lệ.',
    }));
    return { ok: false, errors };
  }
  const body = parsed.data;
  const errors: PortalFieldError[] = [];
  const procedure = findProcedure(ctx.catalog, body.procedureCode);
  if (!procedure) {
    errors.push({
      path: 'procedureCode',
      code: 'unknown_procedure',
      message: `Cổng không có thủ tục mã "${body.procedureCode}". Hãy cập nhật danh mục thủ tục.`,
    });
  } else if (procedure.modes.length > 0 && !procedure.modes.some((m) => m.mode === body.mode)) {
    errors.push({
      path: 'mode',
      code: 'mode_not_offered',
      message: 'Thủ tục này không nhận hồ sơ theo hình thức đã chọn.',
    });
  }
  if (body.applicant.fullName.trim() === '') {
    errors.push({ path: 'applicant.fullName', code: 'required', message: 'Chưa nhập họ tên người nộp.' });
  }
  if (!/^\d{12}$/.test(body.applicant.idNumber)) {
    errors.push({
      path: 'applicant.idNumber',
      code: 'id_number_invalid',
      message: 'Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số.',
    });
  }
  if (body.delivery.method === 'post' && !body.delivery.address?.trim()) {
    errors.push({
      path: 'delivery.address',
      code: 'required',
      message: 'Chọn trả kết quả qua bưu chính thì phải có địa chỉ nhận.',
    });
  }
  if (procedure) errors.push(...checklistErrors(procedure, body, submittedFormFacts(body, ctx.now())));
  body.components.forEach((component, i) => {
    component.files.forEach((file, j) => {
      if (hasCompletedUpload(ctx.db, clientId, file.sha256, file.size)) return;
      errors.push({
        path: `components[${i}].files[${j}]`,
        code: 'file_missing',
        component: component.name,
        message: `Tệp "${file.fileName}" chưa được tải lên cổng hoặc tải lên chưa xong.`,
      });
    });
  });
  errors.push(...formDataErrors(body, ctx.now()));
  if (errors.length > 0) return { ok: false, errors };
  // the real portal's own checks (population database, agency rules), queued by a test or the admin endpoint
  const refusal = ctx.pendingRefusals.shift();
  return refusal && refusal.length > 0 ? { ok: false, errors: refusal } : { ok: true, body };
}
