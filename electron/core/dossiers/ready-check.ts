// What a dossier must have before "sẵn sàng": a case, a complete and confirmed applicant, a fee, the documents, a date.
import { unconfirmedFields } from '../../common/applicant';
import type { DossierDetail } from '../../common/contract';
import { AppError } from '../../common/errors';
import { toVietnamIsoDate } from '../../common/format';
import type { DossierRow } from './dossier-rows';

const applicantFieldLabels: Record<string, string> = {
  fullName: 'họ và tên',
  idNumber: 'số định danh cá nhân',
  dateOfBirth: 'ngày sinh',
  sex: 'giới tính',
  address: 'địa chỉ',
  phone: 'số điện thoại',
  email: 'email',
  relationship: 'quan hệ',
};

export type ReadyDecision = {
  /** the agent's reason for missing documents, as typed ('' when none) */
  reason: string;
  dueDate: string;
};

/*
 * An unanswered conditional document ("nếu nộp thay qua ủy quyền") does not stop the dossier: it counts as not
 * applying. Most conditions describe a situation the citizen in front of the agent is not in, so asking for an answer
 * on every one would cost keystrokes on nearly every dossier and turn the checklist back into a wall of questions.
 * The detail lists them (unansweredConditions) and the ready panel shows them as "chưa trả lời", so the agent sees
 * what was passed over; the portal asks only for the ones the agent answered "áp dụng", as the app does.
 */
/*
 * A filled declaration form counts for its checklist slot (electron/common/forms/form-slot.ts, the same rule the portal
 * simulator applies), so the agent never scans a placeholder into "Tờ khai …" when the app holds the form:
 * - online, the slot whose formId is the dossier's form is received when the form is complete and every value read from
 *   a card, the applicant or a document is confirmed: the portal receives that data as the e-form, nothing else;
 * - direct and postal, what the citizen signs and hands over is the printed paper, so the data alone is not enough: the
 *   slot is received when the complete, confirmed form was printed from the app with exactly its current data (each
 *   print is recorded with who, when and the data's hash; an edit after the print un-fills the slot until it is printed
 *   again, since the signed paper would then differ from what is filed), or when a scan of the signed form is attached.
 * Such a slot is not in missingRequired and the receipt lists it as received. A form slot missing only because its form
 * still has problems or unconfirmed values is reported as the form's fields (formCheck runs before the missing list).
 */
export function checkReady(
  d: DossierDetail,
  row: DossierRow,
  input: { overrideReason?: string; dueDate?: string },
  now: number,
  formCheck?: () => void,
): ReadyDecision {
  // a procedure with cases shows only the case picker until one is chosen: nothing else can be checked before it
  if (d.cases.length > 0 && d.caseKey === null)
    throw new AppError('CASE_REQUIRED', { fields: { caseKey: 'Hãy chọn trường hợp.' } });
  const problems = Object.keys(d.applicantProblems);
  if (problems.length > 0) {
    throw new AppError('APPLICANT_INCOMPLETE', {
      fields: d.applicantProblems,
      fieldNames: problems.map((p) => applicantFieldLabels[p] ?? p),
    });
  }
  const unconfirmed = unconfirmedFields(d.applicant);
  if (unconfirmed.length > 0) {
    // every value read from the ID card is a proposal until the agent has checked it against the card
    throw new AppError('APPLICANT_UNCONFIRMED', {
      fieldNames: unconfirmed.map((f) => applicantFieldLabels[f] ?? f),
      fields: Object.fromEntries(unconfirmed.map((f) => [f, 'Hãy đối chiếu với thẻ rồi bấm "Xác nhận".'])),
    });
  }
  if (d.delivery.method === 'post' && !d.delivery.address?.trim()) {
    throw new AppError('VALIDATION', {
      fields: { 'delivery.address': 'Hãy nhập địa chỉ nhận kết quả qua bưu chính.' },
    });
  }
  // the receipt states what the citizen paid: an unknown fee needs the agent's amount and why
  if (d.fee.needsAmount) {
    throw new AppError('FEE_REQUIRED', {
      detail: d.fee.detail,
      fields: { 'fee.override': 'Hãy nhập số tiền thu và lý do.' },
    });
  }
  formCheck?.();
  const reason = input.overrideReason?.trim() ?? '';
  if (d.missingRequired.length > 0 && reason.length < 5) {
    throw new AppError('MISSING_COMPONENTS', { names: d.missingRequired });
  }
  const today = toVietnamIsoDate(now);
  if (input.dueDate !== undefined && input.dueDate < today) {
    throw new AppError('DUE_DATE_INVALID', { fields: { dueDate: 'Ngày hẹn phải từ hôm nay trở đi.' } });
  }
  // back from a return or a portal refusal: the appointment already printed for the citizen stands, unless passed
  const kept = row.dueDate !== null && row.dueDate >= today ? row.dueDate : null;
  const dueDate = input.dueDate ?? kept ?? d.suggestedDueDate;
  if (dueDate === null) {
    const mode = d.modes.find((m) => m.mode === row.mode);
    throw new AppError('DUE_DATE_REQUIRED', {
      deadline: mode?.deadlineText ?? 'không có',
      fields: { dueDate: 'Hãy nhập ngày hẹn trả kết quả.' },
    });
  }
  return { reason, dueDate };
}
