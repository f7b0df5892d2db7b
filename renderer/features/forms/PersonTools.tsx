// Above a person of the form: "Đọc CCCD của …" (that person's card, its picture kept only where asked), "Lấy thông tin người nộp", "Xác nhận tất cả".
import { useState } from 'react';
import type { DossierComponent } from '../../../electron/common/contract';
import type { IdCardReadingOutput } from '../../../electron/common/digitize-contract';
import type { PrefillValue } from '../../../electron/common/forms/prefill';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { IdCardIcon } from '../intake/digitize-icons';
import { useFormEditor } from './form-context';
import { fieldId } from './form-model';
import { idCardSlotForPerson } from './card-picture';
import { applicantPrefill, pendingUnder } from './form-prefill';

type ToolState = { kind: 'idle' } | { kind: 'reading'; name: string } | { kind: 'done'; message: string; error: boolean };
/** after a reading: the picture is dropped (said on screen), or offered for the one slot that asks for it */
type PictureState =
  | { kind: 'none' }
  | { kind: 'dropped'; message: string }
  | { kind: 'offer'; slot: DossierComponent; file: { name: string; bytes: Uint8Array } }
  | { kind: 'saving'; slot: DossierComponent };

type PersonToolsProps = {
  /** where the person's fields sit: "mother", or a row "members[1]" */
  prefix: string;
  /** shown in the buttons: "người mẹ", "thành viên 2" */
  who: string;
  /** the person of `persons` (absent for a repeat row) */
  personKey?: string;
  canReadCard: boolean;
  mayBeApplicant: boolean;
  /** a reading of that person's card as prefill values for the form */
  fromCard(reading: IdCardReadingOutput): Record<string, PrefillValue>;
};

const sourceName = { qr: 'idcard.sourceName.qr', mrz: 'idcard.sourceName.mrz', ocr: 'idcard.sourceName.ocr' } as const;

export function PersonTools({ prefix, who, personKey, canReadCard, mayBeApplicant, fromCard }: PersonToolsProps) {
  const api = useApi();
  const t = useT();
  const ctx = useFormEditor();
  const [state, setState] = useState<ToolState>({ kind: 'idle' });
  const [picture, setPicture] = useState<PictureState>({ kind: 'none' });
  const pending = pendingUnder(ctx.meta, prefix);
  const inputId = `${fieldId(prefix)}-idcard`;
  if (ctx.readOnly) return null;

  async function readCard(file: File): Promise<void> {
    setState({ kind: 'reading', name: file.name });
    setPicture({ kind: 'none' });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // read only: the picture is kept nowhere unless the procedure asks for a copy of this person's card (below)
      const reading = await api.call('idcard.read', { dossierId: ctx.dossier.id, fileName: file.name, bytes, attach: false });
      const slot = reading.source === 'none' ? null : idCardSlotForPerson(ctx.dossier, reading.fields.idNumber, ctx.applicant.idNumber);
      setPicture(slot ? { kind: 'offer', slot, file: { name: file.name, bytes } } : { kind: 'dropped', message: t('form.cardNotKept', { who }) });
      const filled = ctx.applyReadings(fromCard(reading), prefix);
      const source = reading.source === 'none' ? null : t(sourceName[reading.source]);
      setState({
        kind: 'done',
        error: filled.length === 0,
        message: source === null || filled.length === 0 ? t('form.readNone', { who }) : t('form.readDone', { count: filled.length, who, source }),
      });
    } catch (err) {
      setState({ kind: 'done', error: true, message: errorText(err, t) });
    }
  }

  async function keepPicture(slot: DossierComponent, file: { name: string; bytes: Uint8Array }): Promise<void> {
    setPicture({ kind: 'saving', slot });
    const name = slotName(slot);
    try {
      // the slot's page kind is id_card: the picture is retained and purged as an ID card image
      await api.call('pages.add', { dossierId: ctx.dossier.id, componentId: slot.id, fileName: file.name, bytes: file.bytes });
      setPicture({ kind: 'dropped', message: t('form.cardKept', { slot: name }) });
    } catch (err) {
      setPicture({ kind: 'offer', slot, file });
      setState({ kind: 'done', error: true, message: errorText(err, t) });
    }
  }

  const applicantHasData = (ctx.applicant.fullName ?? '').trim() !== '';
  return (
    <div className="form-person-tools" data-path-tools={prefix}>
      <div className="form-person-tools__row">
        {canReadCard ? (
          <div className="file-button">
            <input
              id={inputId}
              type="file"
              className="visually-hidden"
              accept=".jpg,.jpeg,.png,.tif,.tiff"
              disabled={state.kind === 'reading'}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void readCard(file);
              }}
            />
            <label htmlFor={inputId} className="btn btn--secondary btn--small">
              <IdCardIcon />
              {t('form.readCard', { who })}
            </label>
          </div>
        ) : null}
        {mayBeApplicant && personKey && applicantHasData ? (
          <button
            type="button"
            className="btn btn--ghost btn--small"
            onClick={() => {
              const filled = ctx.applyReadings(applicantPrefill(ctx.def, personKey, ctx.applicant), prefix);
              setState({ kind: 'done', error: false, message: t('form.applicantDone', { count: filled.length, who }) });
            }}
          >
            {t('form.fromApplicant')}
          </button>
        ) : null}
        {pending.length > 0 ? (
          <button type="button" className="btn btn--primary btn--small form-person-tools__confirm" onClick={() => ctx.confirm(pending)}>
            {t('idcard.confirmAll')}
            <span className="visually-hidden"> ({who})</span>
            <span className="idcard-panel__count">{pending.length}</span>
          </button>
        ) : null}
      </div>
      {state.kind === 'reading' ? (
        <p className="notice notice--info small" role="status" aria-busy="true">
          {t('idcard.reading', { name: state.name })}
        </p>
      ) : null}
      {state.kind === 'done' ? (
        <p className={`notice small ${state.error ? 'notice--error' : 'notice--info'}`} role={state.error ? 'alert' : 'status'}>
          {state.message}
        </p>
      ) : null}
      {picture.kind === 'dropped' ? (
        <p className="notice notice--info small" role="status">
          {picture.message}
        </p>
      ) : null}
      {picture.kind === 'offer' || picture.kind === 'saving' ? (
        <div className="notice notice--info small form-card-offer" role="group" aria-label={t('form.cardOffer', { slot: slotName(picture.slot), who })}>
          <span>{t('form.cardOffer', { slot: slotName(picture.slot), who })}</span>
          <button
            type="button"
            className="btn btn--secondary btn--small"
            disabled={picture.kind === 'saving'}
            onClick={() => (picture.kind === 'offer' ? void keepPicture(picture.slot, picture.file) : undefined)}
          >
            {t('form.cardKeep', { slot: slotName(picture.slot) })}
          </button>
          <button
            type="button"
            className="btn btn--ghost btn--small"
            disabled={picture.kind === 'saving'}
            onClick={() => setPicture({ kind: 'dropped', message: t('form.cardSkipped') })}
          >
            {t('form.cardSkip')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

const slotName = (c: Pick<DossierComponent, 'label' | 'name'>) => c.label?.trim() || c.name;
