// Beside a pre-filled form field: its source badge (QR / MRZ / OCR with confidence / Người nộp) and "Xác nhận".
import type { FieldSourceInfo } from '../../../electron/common/forms/prefill';
import type { MessageKey } from '../../i18n/vi';
import { useT } from '../../i18n/i18n-context';
import type { FieldExtras } from '../../ui/Field';
import '../../ui/styles/digitize.css';

type Source = FieldSourceInfo['source'];

const shortKey: Record<Source, MessageKey> = {
  qr: 'idcard.source.qr',
  mrz: 'idcard.source.mrz',
  ocr: 'idcard.source.ocr',
  applicant: 'form.source.applicant',
};
const longKey: Record<Source, MessageKey> = {
  qr: 'idcard.sourceLong.qr',
  mrz: 'idcard.sourceLong.mrz',
  ocr: 'form.sourceLong.ocr',
  applicant: 'form.sourceLong.applicant',
};

/**
 * 0.75: the extractor's LOW_CONFIDENCE (electron/core/extract/extracted-field.ts, chosen on the bench:fields tuning
 * seeds); below it the percentage is shown as a warning.
 */
const LOW_CONFIDENCE = 0.75;

type MarkProps = { inputId: string; label: string; info: FieldSourceInfo; confirmed: boolean; readOnly: boolean; onConfirm(): void };

function SourceMark({ inputId, label, info, confirmed, readOnly, onConfirm }: MarkProps) {
  const t = useT();
  const percent = info.confidence === undefined ? null : Math.round(info.confidence * 100);
  const long = t(longKey[info.source], { confidence: percent ?? '' });
  return (
    <>
      <span className={`source-badge source-badge--${info.source}`} aria-hidden="true" title={long}>
        {t(shortKey[info.source])}
      </span>
      {percent !== null ? (
        <span className={`form-confidence${info.confidence !== undefined && info.confidence < LOW_CONFIDENCE ? ' form-confidence--low' : ''}`} aria-hidden="true" title={long}>
          {percent}%
        </span>
      ) : null}
      <span id={`${inputId}-source`} className="visually-hidden">
        {t(confirmed ? 'idcard.confirmedDescription' : 'idcard.pendingDescription', { source: long })}
      </span>
      {confirmed ? (
        <span className="source-confirmed">✓ {t('idcard.confirmed')}</span>
      ) : readOnly ? null : (
        <button type="button" className="btn btn--secondary btn--small source-confirm" onClick={onConfirm}>
          {t('idcard.confirm')}
          {/* named by its content, not aria-label, so looking fields up by label never finds the button */}
          <span className="visually-hidden"> {label}</span>
        </button>
      )}
    </>
  );
}

/** Props for a field's frame and control: the source mark, the reading's warning, the description ids. */
export function formSourceProps(opts: {
  inputId: string;
  label: string;
  info: FieldSourceInfo | undefined;
  confirmed: boolean;
  readOnly: boolean;
  onConfirm(): void;
}): FieldExtras {
  const { info } = opts;
  if (info === undefined) return {};
  return {
    aside: <SourceMark inputId={opts.inputId} label={opts.label} info={info} confirmed={opts.confirmed} readOnly={opts.readOnly} onConfirm={opts.onConfirm} />,
    warning: info.warning,
    describedByIds: `${opts.inputId}-source`,
  };
}
