// Above a person of the form: "Đọc CCCD của …" (that person's card), "Lấy thông tin người nộp", "Xác nhận tất cả".
import { useState } from 'react';
import type { IdCardReadingOutput } from '../../../electron/common/digitize-contract';
import type { PrefillValue } from '../../../electron/common/forms/prefill';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { IdCardIcon } from '../intake/digitize-icons';
import { useFormEditor } from './form-context';
import { fieldId } from './form-model';
import { applicantPrefill, pendingUnder } from './form-prefill';

type ToolState = { kind: 'idle' } | { kind: 'reading'; name: string } | { kind: 'done'; message: string; error: boolean };

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
  const pending = pendingUnder(ctx.meta, prefix);
  const inputId = `${fieldId(prefix)}-idcard`;
  if (ctx.readOnly) return null;

  async function readCard(file: File): Promise<void> {
    setState({ kind: 'reading', name: file.name });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // the picture is not kept as the applicant's ID-card page: it is another person's card
      const reading = await api.call('idcard.read', { dossierId: ctx.dossier.id, fileName: file.name, bytes, attach: false });
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
    </div>
  );
}
