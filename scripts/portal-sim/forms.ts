// The simulated portal's check of a submission's e-form: the app's own schemas and validator, answered as 422 field errors.
import { toVietnamIsoDate } from '../../electron/common/format';
import { portalPathOfFormField } from '../../electron/common/forms/form-paths';
import type { FormFacts } from '../../electron/common/forms/form-slot';
import { checkRawFormData } from '../../electron/common/forms/validate-form';
import { loadFormRegistry, type FormRegistry } from '../../electron/core/forms/form-registry';
import { formDataHash } from '../../electron/core/forms/form-slots';
import type { DossierSubmission, PortalFieldError } from '../../electron/core/sync/portal-protocol';
import { shippedResourcesDir } from './catalog';

let shipped: FormRegistry | null = null;

/** The shipped forms, loaded once (a broken schema fails the simulator's start the same way it fails the app's). */
export function simFormRegistry(resourcesDir = shippedResourcesDir): FormRegistry {
  if (resourcesDir !== shippedResourcesDir) return loadFormRegistry(resourcesDir);
  shipped ??= loadFormRegistry(resourcesDir);
  return shipped;
}

/**
 * Field errors for the submission's formData (none when it carries no form: the portal then relies on the scanned paper
 * declaration). Paths are "formData.data.<data path>", the same paths the app's form uses under "formData.data.".
 */
export function formDataErrors(body: DossierSubmission, nowMs: number, given?: FormRegistry): PortalFieldError[] {
  const form = body.formData;
  if (!form) return [];
  // loaded on the first form, not at the first submission: a dossier without a form costs nothing more than before
  const registry = given ?? simFormRegistry();
  const def = registry.get(form.formId);
  if (!def) {
    return [{ path: 'formData.formId', code: 'unknown_form', message: `Cổng không có mẫu tờ khai "${form.formId}". Hãy cập nhật ứng dụng.` }];
  }
  if (form.version !== def.version) {
    return [{
      path: 'formData.version',
      code: 'form_version',
      message: `Cổng nhận mẫu "${def.title}" phiên bản ${def.version}, hồ sơ gửi phiên bản ${form.version}. Hãy mở lại tờ khai và lưu trên mẫu mới.`,
    }];
  }
  const procedures = registry.proceduresOf(def.id);
  if (procedures.length > 0 && !procedures.includes(body.procedureCode)) {
    return [{ path: 'formData.formId', code: 'form_mismatch', message: `Tờ khai "${def.title}" không dùng cho thủ tục ${body.procedureCode}.` }];
  }
  const { problems } = checkRawFormData(def, form.data, { today: toVietnamIsoDate(nowMs), units: registry.units });
  return Object.entries(problems).map(([path, message]) => ({ path: portalPathOfFormField(path), code: 'form_invalid', message }));
}

/**
 * The submission's form as the shared slot rule (electron/common/forms/form-slot.ts) reads it: complete when the
 * validator finds nothing (formDataErrors empty); confirmed, since the app sends only a form whose readings the agent
 * confirmed (it refuses "ready" otherwise) and the portal cannot see more; printed when the attested hash is the hash
 * of the data received. null without a form.
 */
export function submittedFormFacts(body: DossierSubmission, nowMs: number, given?: FormRegistry): FormFacts | null {
  const form = body.formData;
  if (!form) return null;
  const printedCurrent = form.printed !== undefined && form.printed.dataHash === formDataHash(form.data);
  return {
    formId: form.formId,
    complete: formDataErrors(body, nowMs, given).length === 0,
    confirmed: true,
    printedCurrent,
    printedBefore: form.printed !== undefined,
  };
}
