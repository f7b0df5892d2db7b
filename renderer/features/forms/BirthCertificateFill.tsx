// "Điền từ Giấy chứng sinh": a scanned (or new) Giấy chứng sinh page, OCRed, fills the child's section to confirm.
import { useRef, useState } from 'react';
import type { DossierComponent } from '../../../electron/common/contract';
import { foldVietnamese } from '../../../electron/common/text';
import { useApi, useApiEvent } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { focusOcr } from '../intake/use-dossier';
import { useFormEditor } from './form-context';

type FillState = { kind: 'idle' } | { kind: 'working'; message: string } | { kind: 'done'; message: string; error: boolean };

/** A Giấy chứng sinh waits for its OCR at most this long (a phone photo on a busy 2-core PC takes ~1 min). */
const MAX_WAIT_MS = 4 * 60_000;
/** Between checks when no ocr.progress event came (an event missed while the stream reconnected). */
const RECHECK_MS = 5_000;

/** The dossier's Giấy chứng sinh slots, those of the chosen case first. */
export function birthCertificateSlots(components: readonly DossierComponent[]): DossierComponent[] {
  return components
    .filter((c) => foldVietnamese(c.label ?? c.name).startsWith('giay chung sinh') || foldVietnamese(c.name).startsWith('giay chung sinh'))
    .sort((a, b) => Number(b.inChecklist) - Number(a.inChecklist));
}

export function BirthCertificateFill() {
  const api = useApi();
  const t = useT();
  const ctx = useFormEditor();
  const [state, setState] = useState<FillState>({ kind: 'idle' });
  const waiters = useRef(new Map<string, () => void>());
  useApiEvent('ocr.progress', (p) => {
    if (p.status === 'done' || p.status === 'failed') waiters.current.get(p.pageId)?.();
  });
  if (ctx.readOnly) return null;
  const slots = birthCertificateSlots(ctx.dossier.components);
  const slot = slots[0];
  const scanned = slots.flatMap((s) => s.pages);
  const latest = scanned[scanned.length - 1];

  /** Resolves when the page's OCR ends (its event), or after RECHECK_MS to look again. */
  const settled = (pageId: string) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, RECHECK_MS);
      function done() {
        clearTimeout(timer);
        waiters.current.delete(pageId);
        resolve();
      }
      waiters.current.set(pageId, done);
    });

  async function read(pageId: string): Promise<void> {
    setState({ kind: 'working', message: t('form.gcs.reading') });
    focusOcr(api, { dossierId: ctx.dossier.id, pageId }); // this page before the rest of the queue
    const started = Date.now();
    try {
      for (;;) {
        const result = await api.call('forms.prefillFromPage', { dossierId: ctx.dossier.id, pageId });
        if (result.status === 'done') {
          const filled = ctx.applyReadings(result.values, 'child');
          setState({ kind: 'done', error: filled.length === 0, message: filled.length === 0 ? t('form.gcs.none') : t('form.gcs.done', { count: filled.length }) });
          return;
        }
        if (Date.now() - started > MAX_WAIT_MS) {
          setState({ kind: 'done', error: true, message: t('form.gcs.slow') });
          return;
        }
        await settled(pageId);
      }
    } catch (err) {
      setState({ kind: 'done', error: true, message: errorText(err, t) });
    }
  }

  async function addAndRead(file: File): Promise<void> {
    if (!slot) return;
    setState({ kind: 'working', message: t('form.gcs.adding', { name: file.name }) });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const added = await api.call('pages.add', { dossierId: ctx.dossier.id, componentId: slot.id, fileName: file.name, bytes });
      const first = added.pages[0];
      if (first) await read(first.id);
    } catch (err) {
      setState({ kind: 'done', error: true, message: errorText(err, t) });
    }
  }

  const busy = state.kind === 'working';
  return (
    <div className="form-person-tools form-gcs">
      <div className="form-person-tools__row">
        {slot ? (
          <div className="file-button">
            <input
              id="form-gcs-file"
              type="file"
              className="visually-hidden"
              accept=".jpg,.jpeg,.png,.tif,.tiff,.pdf"
              disabled={busy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void addAndRead(file);
              }}
            />
            <label htmlFor="form-gcs-file" className="btn btn--secondary btn--small">
              {t('form.gcs.add')}
            </label>
          </div>
        ) : null}
        {latest ? (
          <button type="button" className="btn btn--ghost btn--small" disabled={busy} onClick={() => void read(latest.id)}>
            {t('form.gcs.readScanned', { name: latest.sourceName })}
          </button>
        ) : null}
        {!slot ? <span className="muted small">{t('form.gcs.noSlot')}</span> : null}
      </div>
      {state.kind === 'working' ? (
        <p className="notice notice--info small" role="status" aria-busy="true">
          {state.message}
        </p>
      ) : null}
      {state.kind === 'done' ? (
        <p className={`notice small ${state.error ? 'notice--error' : 'notice--info'}`} role={state.error ? 'alert' : 'status'}>
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
