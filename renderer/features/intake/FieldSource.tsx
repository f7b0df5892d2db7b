// Beside a pre-filled applicant field: where its value came from (QR / MRZ / OCR) and the agent's "Xác nhận".
import type { ApplicantDraft, AutoFillField, FieldSource } from '../../../electron/common/applicant';
import type { FieldExtras } from '../../ui/Field';
import { useT } from '../../i18n/i18n-context';

const shortName: Record<FieldSource, 'idcard.source.qr' | 'idcard.source.mrz' | 'idcard.source.ocr'> = {
  qr: 'idcard.source.qr',
  mrz: 'idcard.source.mrz',
  ocr: 'idcard.source.ocr',
};
const longName: Record<FieldSource, 'idcard.sourceLong.qr' | 'idcard.sourceLong.mrz' | 'idcard.sourceLong.ocr'> = {
  qr: 'idcard.sourceLong.qr',
  mrz: 'idcard.sourceLong.mrz',
  ocr: 'idcard.sourceLong.ocr',
};

type MarkProps = {
  inputId: string;
  label: string;
  source: FieldSource;
  confirmed: boolean;
  readOnly: boolean;
  onConfirm(): void;
};

function SourceMark({ inputId, label, source, confirmed, readOnly, onConfirm }: MarkProps) {
  const t = useT();
  const long = t(longName[source]);
  return (
    <>
      <span className={`source-badge source-badge--${source}`} aria-hidden="true" title={long}>
        {t(shortName[source])}
      </span>
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

/** Props to spread on a field's control so it shows (and announces) its ID-card source, warning and confirmation. */
export function sourceProps(
  applicant: ApplicantDraft,
  field: AutoFillField,
  opts: { inputId: string; label: string; readOnly: boolean; onConfirm(field: AutoFillField): void },
): FieldExtras {
  const source = applicant.fieldSources?.[field];
  if (source === undefined) return {};
  const confirmed = applicant.confirmedFields?.includes(field) ?? false;
  return {
    aside: (
      <SourceMark
        inputId={opts.inputId}
        label={opts.label}
        source={source}
        confirmed={confirmed}
        readOnly={opts.readOnly}
        onConfirm={() => opts.onConfirm(field)}
      />
    ),
    warning: applicant.fieldWarnings?.[field],
    describedByIds: `${opts.inputId}-source`,
  };
}
