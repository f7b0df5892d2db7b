// Whether a CCCD picture read into a person of the form may be kept, and where: only where the procedure asks for it.
import type { DossierComponent, DossierDetail } from '../../../electron/common/contract';

const digits = (s: string | undefined) => (s ?? '').replace(/\D/g, '');

/*
 * ID card images are sensitive personal data (Law 91/2025/QH15, Decree 356/2025/NĐ-CP): the app keeps one only where
 * the procedure needs a copy of it. A card read into the form (the mother's, the father's) serves to fill their fields;
 * the picture is kept only when the checklist, in the dossier's mode and case, asks for an ID-card copy of that person
 * (a slot to submit that is required, or conditional and answered "áp dụng") and that slot is still empty. The
 * catalog's ID-card slots are the applicant's ("Bản sao CCCD người đi đăng ký", postal filing), so the person must be
 * the applicant: same personal ID number. Documents to show (xuất trình: seen at the counter, "CCCD người đi đăng ký"
 * in person) need no copy, and online filing asks for none: nothing is kept then.
 */
export function idCardSlotForPerson(
  detail: Pick<DossierDetail, 'components'>,
  cardIdNumber: string | undefined,
  applicantIdNumber: string | undefined,
): DossierComponent | null {
  const card = digits(cardIdNumber);
  if (card.length !== 12 || card !== digits(applicantIdNumber)) return null;
  return (
    detail.components.find(
      (c) => c.pageKind === 'id_card' && c.kind === 'submit' && c.inChecklist && c.required && c.pages.length === 0,
    ) ?? null
  );
}
