// Checks a submitted dossier the way the portal would, returning field paths with Vietnamese messages (422).
import {
  dossierSubmissionSchema,
  type DossierSubmission,
  type PortalFieldError,
} from '../../electron/core/sync/portal-protocol';
import { componentModes, requiredInMode } from '../../electron/common/component-modes';
import { findProcedure, sameComponentName } from './catalog';
import type { SimContext } from './context';
import { hasCompletedUpload } from './store';

export function formatPath(parts: readonly PropertyKey[]): string {
  return parts
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

type Validation = { ok: true; body: DossierSubmission } | { ok: false; errors: PortalFieldError[] };

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
  for (const wanted of procedure?.components ?? []) {
    // as the portal's checklist does: a document whose own wording limits it to other filing modes is not asked for
    if (wanted.kind !== 'submit' || !requiredInMode(wanted.required, componentModes(wanted.name), body.mode)) continue;
    const given = body.components.find((c) => sameComponentName(c.name, wanted.name));
    if (!given || given.files.length === 0) {
      errors.push({
        path: 'components',
        code: 'component_missing',
        component: wanted.name,
        message: `Thiếu thành phần hồ sơ bắt buộc: "${wanted.name}".`,
      });
    }
  }
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
  if (errors.length > 0) return { ok: false, errors };
  // the real portal's own checks (population database, agency rules), queued by a test or the admin endpoint
  const refusal = ctx.pendingRefusals.shift();
  return refusal && refusal.length > 0 ? { ok: false, errors: refusal } : { ok: true, body };
}
