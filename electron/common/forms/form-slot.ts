// When a dossier's declaration form stands in for its checklist slot: the one rule the app and the portal simulator share.
import { z } from 'zod';

/**
 * What a form slot ("Tờ khai đăng ký khai sinh", "Tờ khai điện tử") says about the form filled in the app:
 * - filled: online, the form is complete and every read-in value confirmed: the portal gets the data as the e-form;
 * - printed: direct/postal, complete, confirmed and printed from the app with exactly the current data;
 * - needs_print: direct/postal, complete and confirmed, never printed;
 * - print_outdated: direct/postal, printed, then edited: the paper no longer says what the app holds;
 * - unconfirmed: complete, but values read from a card or a document wait for "Xác nhận";
 * - incomplete: started, with problems left;
 * - not_started: nothing saved in the app's form yet.
 */
export const formSlotStates = ['filled', 'printed', 'needs_print', 'print_outdated', 'unconfirmed', 'incomplete', 'not_started'] as const;
export type FormSlotState = (typeof formSlotStates)[number];

/** What is known of the dossier's form (one per dossier): none when it was never saved with data. */
export type FormFacts = {
  formId: string;
  /** no problem left under the form's validator */
  complete: boolean;
  /** no value read from a card, the applicant or a document waits for the agent's confirmation */
  confirmed: boolean;
  /** printed from the app with the data the form holds now */
  printedCurrent: boolean;
  /** printed at least once (possibly with other data) */
  printedBefore: boolean;
};

type Mode = 'online' | 'postal' | 'direct';

/**
 * The state of one slot. null when the slot is not about the dossier's form (no formId, or another form than the one
 * the dossier filled). A complete, confirmed form fills an online slot by itself; a paper slot needs the print too,
 * because what the citizen signs and hands over is the printed paper, not the app's data.
 */
export function formSlotState(slot: { formId: string | null }, mode: Mode, form: FormFacts | null): FormSlotState | null {
  if (slot.formId === null) return null;
  if (form === null) return 'not_started';
  if (form.formId !== slot.formId) return null;
  if (!form.complete) return 'incomplete';
  if (!form.confirmed) return 'unconfirmed';
  if (mode === 'online') return 'filled';
  if (form.printedCurrent) return 'printed';
  return form.printedBefore ? 'print_outdated' : 'needs_print';
}

/** Does the slot count as received without a page? */
export function formFillsSlot(state: FormSlotState | null): boolean {
  return state === 'filled' || state === 'printed';
}

/** Whether the form in the app is what stands between the slot and "received": the agent finishes it there. */
export function formPendingInApp(state: FormSlotState | null): boolean {
  return state === 'incomplete' || state === 'unconfirmed';
}

/** The slot's form state as the dossier detail carries it (contract). */
export const slotFormFillSchema = z.object({
  state: z.enum(formSlotStates),
  /** the newest print of the form from the app, whatever its data */
  printedAt: z.number().nullable(),
  printedByName: z.string().nullable(),
  /** pages of that print (for the receipt) */
  printedPages: z.number().int().nullable(),
});
export type SlotFormFill = z.infer<typeof slotFormFillSchema>;

/** JSON with sorted keys and no undefined: the same data gives the same text whatever order its keys were written in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
