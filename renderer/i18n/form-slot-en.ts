// English messages of the form standing in for its checklist slot, the subject, parents' cards (same keys as form-slot-vi.ts).
import type { formSlotVi } from './form-slot-vi';

export const formSlotEn: Record<keyof typeof formSlotVi, string> = {
  'formSlot.filled': 'The form is filled in the app',
  'formSlot.filledHint': 'The form data goes to the portal instead of a scan.',
  'formSlot.printed': 'Printed, waiting for the citizen to sign',
  'formSlot.printedBy': 'Printed at {time} by {name}. Editing the form after printing means printing it again.',
  'formSlot.needs_print': 'Filled in the app, not printed: print the form for the citizen to sign',
  'formSlot.print_outdated': 'The form was edited after the print at {time}: print it again for the citizen to sign',
  'formSlot.unconfirmed': 'The form in the app has values still to confirm',
  'formSlot.incomplete': 'The form in the app is not complete',
  'formSlot.tag.filled': 'Filled in',
  'formSlot.tag.printed': 'Printed',

  'subject.fromForm': 'Taken from the form: edit the name in the form.',
  'subject.fromFormEmpty': 'Not filled in the form yet',

  'form.cardNotKept': 'The ID card picture was not kept ("Ảnh CCCD không được lưu"): it was only read for {who}; the procedure needs no copy of this card.',
  'form.cardOffer': 'The procedure asks for a copy of the applicant\'s ID card under "{slot}", and {who} is the applicant: keep the picture there?',
  'form.cardKeep': 'Keep the picture in "{slot}"',
  'form.cardSkip': 'Do not keep',
  'form.cardKept': 'The ID card picture was kept in "{slot}".',
  'form.cardSkipped': 'The ID card picture was not kept ("Ảnh CCCD không được lưu").',
};
