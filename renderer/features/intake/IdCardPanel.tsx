// "Đọc CCCD" at the top of the applicant section: picker, drop hint, what was read, and "Xác nhận tất cả".
import type { FieldSource } from '../../../electron/common/applicant';
import { useT } from '../../i18n/i18n-context';
import { isoToDmy } from '../../ui/dates';
import '../../ui/styles/digitize.css';
import { shortComponentName } from './component-name';
import { IdCardIcon } from './digitize-icons';
import type { IdCardReader } from './use-id-card-reader';

type IdCardPanelProps = {
  reader: IdCardReader;
  unconfirmed: number;
  onConfirmAll(): void;
  readOnly: boolean;
};

const sourceNameKey: Record<FieldSource, 'idcard.sourceName.qr' | 'idcard.sourceName.mrz' | 'idcard.sourceName.ocr'> = {
  qr: 'idcard.sourceName.qr',
  mrz: 'idcard.sourceName.mrz',
  ocr: 'idcard.sourceName.ocr',
};

function ReadingSummary({ reader }: { reader: IdCardReader }) {
  const t = useT();
  const { state } = reader;
  if (state.kind === 'reading') {
    return (
      <p className="notice notice--info" role="status" aria-busy="true">
        {t('idcard.reading', { name: state.name })}
      </p>
    );
  }
  if (state.kind === 'error') {
    return (
      <p className="notice notice--error" role="alert">
        {state.message}
      </p>
    );
  }
  if (state.kind !== 'done') return null;
  const r = state.reading;
  const count = Object.keys(r.fields).length;
  const extra = [
    r.extra.oldIdNumber ? t('idcard.oldId', { value: r.extra.oldIdNumber }) : null,
    r.extra.issueDate ? t('idcard.issueDate', { value: isoToDmy(r.extra.issueDate) }) : null,
    r.extra.expiryDate ? t('idcard.expiry', { value: isoToDmy(r.extra.expiryDate) }) : null,
  ].filter((x): x is string => x !== null);
  // warnings already shown beside a field are not repeated here
  const shownBeside = new Set(Object.values(r.fieldWarnings));
  const problems = r.problems.filter((p) => !shownBeside.has(p) && !/^Mã QR và MRZ ghi/.test(p) && !/^Họ tên đọc từ MRZ/.test(p));
  return (
    <div className={`notice ${r.source === 'none' ? 'notice--error' : 'notice--info'} idcard-summary`} role="status">
      <p>
        {r.source === 'none'
          ? t('idcard.readNone')
          : t('idcard.readDone', { count, source: t(sourceNameKey[r.source]) })}
      </p>
      {extra.length > 0 ? <p className="small">{t('idcard.extra', { items: extra.join(' · ') })}</p> : null}
      {r.attachedTo ? <p className="small">{t('idcard.attached', { component: shortComponentName(r.attachedTo.componentName) })}</p> : null}
      {problems.length > 0 ? (
        <ul className="idcard-summary__problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function IdCardPanel({ reader, unconfirmed, onConfirmAll, readOnly }: IdCardPanelProps) {
  const t = useT();
  if (readOnly) return null;
  return (
    <div className={`idcard-panel${reader.dragging ? ' idcard-panel--drop' : ''}`}>
      <div className="idcard-panel__row">
        <div className="file-button">
          <input
            id="idcard-file"
            type="file"
            className="visually-hidden"
            accept=".jpg,.jpeg,.png,.tif,.tiff"
            aria-describedby="idcard-file-hint"
            disabled={reader.state.kind === 'reading'}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void reader.read(file);
            }}
          />
          <label htmlFor="idcard-file" className="btn btn--secondary">
            <IdCardIcon />
            {t('idcard.read')}
          </label>
        </div>
        <p id="idcard-file-hint" className="muted small idcard-panel__hint">
          {reader.dragging ? t('idcard.dropHere') : t('idcard.readHint')}
        </p>
        {unconfirmed > 0 ? (
          <button type="button" className="btn btn--primary idcard-panel__confirm" onClick={onConfirmAll}>
            {t('idcard.confirmAll')}
            <span className="idcard-panel__count">{unconfirmed}</span>
          </button>
        ) : null}
      </div>
      <ReadingSummary reader={reader} />
    </div>
  );
}
