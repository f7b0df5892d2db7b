// What every part of a rendered form shares: the schema, units, readings and their confirmation, extra messages.
import { createContext, useContext } from 'react';
import type { ApplicantDraft } from '../../../electron/common/applicant';
import type { DossierDetail } from '../../../electron/common/contract';
import type { AdminUnits } from '../../../electron/common/forms/admin-units';
import type { FormDefinition } from '../../../electron/common/forms/form-definition';
import type { PrefillValue } from '../../../electron/common/forms/prefill';
import type { FormMeta } from './form-prefill';

export type FormValues = Record<string, unknown>;

export type FormEditorContext = {
  def: FormDefinition;
  units: AdminUnits;
  dossier: DossierDetail;
  applicant: ApplicantDraft;
  readOnly: boolean;
  /** readings and their confirmation, by data path */
  meta: FormMeta;
  /** every problem shown at once ("Đánh dấu sẵn sàng" / "Kiểm tra tờ khai"), not only those of visited fields */
  showAll: boolean;
  /** messages that are not the validator's: unconfirmed readings, once everything is checked at once */
  extraProblems: Record<string, string>;
  /** the portal's refusal by field (needs_fix): shown until the agent changes the value that was sent */
  portalProblems: Record<string, string>;
  /** for each field pattern, the fields whose message its change can alter */
  deps: Map<string, string[]>;
  /** the agent typed into a field: a value read there is now theirs */
  userEdited(path: string): void;
  confirm(paths: readonly string[]): void;
  /** readings from a card, the applicant or a document; returns the paths that took a value */
  applyReadings(values: Record<string, PrefillValue>, focusWithin?: string): string[];
  rowRemoved(repeatPath: string, index: number): void;
};

export const FormEditorCtx = createContext<FormEditorContext | null>(null);

export function useFormEditor(): FormEditorContext {
  const ctx = useContext(FormEditorCtx);
  if (!ctx) throw new Error('useFormEditor outside a declaration form');
  return ctx;
}
