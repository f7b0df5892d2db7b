// Fee and deadline wording for a filing mode, in the interface language.
import type { ProcedureMode } from '../../../electron/common/catalog';
import { formatVnd } from '../../../electron/common/format';
import type { Translate } from '../../i18n/i18n-context';

export function feeLabel(feeVnd: number | null | undefined, t: Translate): string {
  if (feeVnd === null || feeVnd === undefined) return t('intake.feeUnknown');
  return feeVnd === 0 ? t('intake.feeFree') : formatVnd(feeVnd);
}

export function deadlineLabel(mode: ProcedureMode, t: Translate): string {
  if (mode.deadlineValue !== null && mode.deadlineUnit !== 'other') {
    return `${String(mode.deadlineValue)} ${t(`deadlineUnit.${mode.deadlineUnit}`)}`;
  }
  return mode.deadlineText.trim() || t('common.none');
}
