// A tờ khai slot of the checklist, in words: what the form filled in the app does for it (filled, printed, to print…).
import type { DossierComponent } from '../../../electron/common/contract';
import { formatDateTime } from '../../../electron/common/format';
import { formFillsSlot, formPendingInApp } from '../../../electron/common/forms/form-slot';
import { useT } from '../../i18n/i18n-context';
import './forms.css';

/** Received through the form filled in the app (online: its data; direct/postal: its print), with no page. */
export function filledByForm(component: Pick<DossierComponent, 'formFill' | 'pages'>): boolean {
  return component.pages.length === 0 && formFillsSlot(component.formFill?.state ?? null);
}

/** Missing only until the agent finishes the form in the app (problems or readings to confirm left). */
export function pendingInForm(component: Pick<DossierComponent, 'formFill' | 'pages'>): boolean {
  return component.pages.length === 0 && formPendingInApp(component.formFill?.state ?? null);
}

/** The short tag in place of "Còn thiếu" / "0 trang" for a slot the form fills. */
export function FormSlotTag({ component }: { component: DossierComponent }) {
  const t = useT();
  if (!filledByForm(component)) return null;
  return <span className="tag tag--good">{component.formFill?.state === 'printed' ? t('formSlot.tag.printed') : t('formSlot.tag.filled')}</span>;
}

/** The sentence under the slot's name; nothing once a scan is in the slot (the scan is what is filed then). */
export function FormSlotNote({ component }: { component: DossierComponent }) {
  const t = useT();
  const fill = component.formFill;
  // a form never started says nothing here: the slot reads "Còn thiếu" like any other, the form section is right above
  if (!fill || fill.state === 'not_started' || component.pages.length > 0 || component.requirement === 'not_applicable') return null;
  const time = fill.printedAt !== null ? formatDateTime(fill.printedAt) : '';
  const good = formFillsSlot(fill.state);
  let text = '';
  let detail: string | null = null;
  switch (fill.state) {
    case 'filled':
      text = t('formSlot.filled');
      detail = t('formSlot.filledHint');
      break;
    case 'printed':
      text = t('formSlot.printed');
      detail = t('formSlot.printedBy', { time, name: fill.printedByName ?? '' });
      break;
    case 'print_outdated':
      text = t('formSlot.print_outdated', { time });
      break;
    case 'needs_print':
      text = t('formSlot.needs_print');
      break;
    case 'unconfirmed':
      text = t('formSlot.unconfirmed');
      break;
    case 'incomplete':
      text = t('formSlot.incomplete');
      break;
  }
  return (
    <p className={`slot__form-state${good ? ' slot__form-state--done' : ''}`} data-form-state={fill.state}>
      <strong>{text}</strong>
      {detail ? <span className="muted small"> {detail}</span> : null}
    </p>
  );
}
