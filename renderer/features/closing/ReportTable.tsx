// One table of the day report (per agent or per procedure): counts by status group, fees, service charges, cash.
import { formatVnd } from '../../../electron/common/format';
import type { DayReportRow } from '../../../electron/common/report-contract';
import { statusGroupLabels, statusGroupOrder } from '../../../electron/common/report-labels';
import { useT } from '../../i18n/i18n-context';

export function ReportTable({ id, title, nameHeader, rows, totals }: { id: string; title: string; nameHeader: string; rows: DayReportRow[]; totals: DayReportRow }) {
  const t = useT();
  return (
    <section className="card card--flush sv-report" aria-labelledby={id}>
      <h2 id={id} className="section-title pad">
        {title}
      </h2>
      <div className="sv-scroll" role="region" aria-labelledby={id} tabIndex={0}>
        <table className="table sv-report__table">
          <thead>
            <tr>
              <th scope="col">{nameHeader}</th>
              <th scope="col" className="num">
                {t('closing.taken')}
              </th>
              {statusGroupOrder.map((g) => (
                <th key={g} scope="col" className="num">
                  {statusGroupLabels[g]}
                </th>
              ))}
              <th scope="col" className="num">
                {t('closing.fees')}
              </th>
              <th scope="col" className="num">
                {t('closing.service')}
              </th>
              <th scope="col" className="num">
                {t('closing.cash')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Row key={r.key} row={r} />
            ))}
          </tbody>
          <tfoot>
            <Row row={{ ...totals, name: t('closing.total') }} strong />
          </tfoot>
        </table>
      </div>
    </section>
  );
}

function Row({ row, strong }: { row: DayReportRow; strong?: boolean }) {
  const t = useT();
  return (
    <tr className={strong ? 'sv-total' : undefined}>
      <th scope="row">{row.name}</th>
      <td className="num">{row.taken}</td>
      {statusGroupOrder.map((g) => (
        <td key={g} className="num">
          {row.statuses[g] ?? 0}
        </td>
      ))}
      <td className="num nowrap">
        {formatVnd(row.feesVnd)}
        {row.feesUnknown > 0 ? <span className="cell-sub">{t('closing.feesUnknown', { count: row.feesUnknown })}</span> : null}
      </td>
      <td className="num nowrap">{formatVnd(row.serviceVnd)}</td>
      <td className="num nowrap cell-strong">{formatVnd(row.cashVnd)}</td>
    </tr>
  );
}
