// Result table of the catalog picker: code, name (the button that opens an intake), field, level, pin, admin's edit.
import type { ProcedureSummary } from '../../../electron/common/catalog';
import { useT } from '../../i18n/i18n-context';
import { PinIcon } from '../../ui/icons';

type ProcedureTableProps = {
  items: ProcedureSummary[];
  busyCode: string | null;
  onChoose(p: ProcedureSummary): void;
  onTogglePin(p: ProcedureSummary): void;
  /** admin only: open the office's checklist editor for the procedure */
  onEdit?: ((p: ProcedureSummary) => void) | undefined;
};

export function ProcedureTable({ items, busyCode, onChoose, onTogglePin, onEdit }: ProcedureTableProps) {
  const t = useT();
  return (
    <table className="table table--interactive">
      <thead>
        <tr>
          <th scope="col" className="col-code">
            {t('catalog.colCode')}
          </th>
          <th scope="col">{t('catalog.colName')}</th>
          <th scope="col">{t('catalog.colField')}</th>
          <th scope="col">{t('catalog.colLevel')}</th>
          <th scope="col" className="col-narrow">
            {t('catalog.colPin')}
          </th>
          {onEdit ? (
            <th scope="col" className="col-narrow">
              {t('catalog.colEdit')}
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {items.map((p) => (
          <tr key={p.code} className={p.pinned ? 'row--pinned' : undefined}>
            <td className="mono col-code">{p.code}</td>
            <td>
              <button
                type="button"
                className="link-button"
                data-choose
                disabled={busyCode !== null}
                aria-describedby={`proc-${p.code}-code`}
                onClick={() => onChoose(p)}
              >
                {p.name}
              </button>
              <span id={`proc-${p.code}-code`} className="visually-hidden">
                {t('catalog.chooseLabel', { code: p.code })}
              </span>
            </td>
            <td>{p.field ?? t('common.none')}</td>
            <td>{p.level ?? t('common.none')}</td>
            <td className="col-narrow">
              <button
                type="button"
                className={`btn btn--icon btn--ghost pin${p.pinned ? ' pin--on' : ''}`}
                aria-pressed={p.pinned}
                aria-label={t('catalog.pinCode', { code: p.code })}
                title={p.pinned ? t('catalog.unpinHint') : t('catalog.pinHint')}
                onClick={() => onTogglePin(p)}
              >
                <PinIcon filled={p.pinned} />
              </button>
            </td>
            {onEdit ? (
              <td className="col-narrow">
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  aria-label={t('catalog.editCode', { code: p.code })}
                  onClick={() => onEdit(p)}
                >
                  {t('catalog.colEdit')}
                </button>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
