// The dossier's checklist (common documents and the chosen case's), to submit then to show, in core's order; Ctrl+O adds pages.
import { useEffect, useState } from 'react';
import type { DossierComponent } from '../../../electron/common/contract';
import { useT } from '../../i18n/i18n-context';
import { ComponentSlot } from './ComponentSlot';
import { ScannerBar } from './ScannerBar';
import { SlotTools } from './SlotTools';
import { useReusable } from './use-reusable';
import { useScanner } from './use-scanner';

type ComponentChecklistProps = {
  dossierId: string;
  components: DossierComponent[];
  readOnly: boolean;
  onChanged(): Promise<void>;
  /** the applicant's ID number as typed: earlier scans of the same citizen can be re-used */
  applicantIdNumber?: string;
};

export function ComponentChecklist({ dossierId, components: all, readOnly, onChanged, applicantIdNumber = '' }: ComponentChecklistProps) {
  const t = useT();
  // a slot of another case appears only while it still holds pages (core moves them on a case change)
  const components = all.filter((c) => c.inChecklist || c.pages.length > 0);
  // where Ctrl+O files pages: the slot the agent last worked in, else the first required one still empty (not one the
  // declaration form stands in for), else the first; marked on screen so a page never lands in a slot the agent did not mean (issue 13)
  const [activeSlot, setActiveSlot] = useState<number | null>(null);
  const pagesTarget =
    components.find((c) => c.id === activeSlot) ??
    components.find((c) => c.required && c.kind === 'submit' && c.pages.length === 0 && !c.formFill) ??
    components[0];
  const pagesTargetId = pagesTarget?.id ?? null;
  const scanner = useScanner(dossierId, components, readOnly);
  const reusable = useReusable(dossierId, applicantIdNumber, !readOnly);
  const submit = components.filter((c) => c.kind === 'submit');
  const show = components.filter((c) => c.kind === 'show');

  useEffect(() => {
    if (readOnly) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'o') return;
      e.preventDefault();
      // the slot focus is in right now, read at the key press: the marker's state follows focus one render later, and
      // a fast Tab then Ctrl+O must not file pages into the slot before
      const focusedSlot = document.activeElement instanceof HTMLElement ? document.activeElement.closest<HTMLElement>('[data-slot-id]') : null;
      const target = focusedSlot?.dataset.slotId ?? (pagesTargetId === null ? null : String(pagesTargetId));
      if (target === null) return;
      document.querySelector<HTMLInputElement>(`[data-slot-id="${target}"] input[data-add-pages]`)?.click();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pagesTargetId, readOnly]);

  const slot = (c: DossierComponent) => (
    <ComponentSlot
      key={c.id}
      dossierId={dossierId}
      component={c}
      readOnly={readOnly}
      onChanged={onChanged}
      isPagesTarget={!readOnly && c.id === pagesTargetId}
      moveTargets={components.filter((o) => o.id !== c.id && (o.inChecklist || o.pages.length > 0))}
      onFocusSlot={() => {
        setActiveSlot(c.id);
        scanner.choose(c.id); // the scanner's pages go where the agent is working
      }}
      tools={
        <SlotTools
          dossierId={dossierId}
          component={c}
          // the same rule as ComponentSlot's one-line look of an optional slot still without pages
          compact={!readOnly && c.pages.length === 0 && !c.required}
          scannerActive={scanner.active}
          isScanTarget={scanner.targetComponentId === c.id}
          onChooseScanTarget={() => scanner.choose(c.id)}
          reusable={reusable.docs}
          onReused={reusable.reload}
          onChanged={onChanged}
        />
      }
    />
  );

  const disclosure = (summary: string, list: DossierComponent[]) =>
    list.length > 0 ? (
      <details className="slot-group__more">
        <summary>{summary}</summary>
        {list.map(slot)}
      </details>
    ) : null;

  const group = (title: string, list: DossierComponent[]) => {
    if (list.length === 0) return null;
    // core sends them required, conditional, optional, then those for other filing modes: the paper form of an online
    // dossier waits behind a disclosure; a read-only view also folds away what nobody scanned, seen or had to give
    const elsewhere = list.filter((c) => c.requirement === 'not_applicable' && c.pages.length === 0);
    const rest = list.filter((c) => !elsewhere.includes(c));
    const idle = (c: DossierComponent) => !c.required && c.pages.length === 0 && c.seen === null;
    const shown = readOnly ? rest.filter((c) => !idle(c)) : rest;
    const hidden = readOnly ? rest.filter(idle) : [];
    return (
      <div className="slot-group">
        <h3 className="section-subtitle">{title}</h3>
        {shown.map(slot)}
        {disclosure(t('intake.moreComponents', { count: hidden.length }), hidden)}
        {disclosure(t('checklist.otherModes', { count: elsewhere.length }), elsewhere)}
      </div>
    );
  };

  return (
    <section className="card" aria-labelledby="components-title">
      <h2 id="components-title" className="section-title">
        {t('intake.componentsSection')}
      </h2>
      <ScannerBar dossierId={dossierId} components={components} scanner={scanner} readOnly={readOnly} onChanged={onChanged} />
      {components.length === 0 ? <p className="muted">{t('intake.noComponents')}</p> : null}
      {group(t('intake.componentsSubmit'), submit)}
      {group(t('intake.componentsShow'), show)}
    </section>
  );
}
