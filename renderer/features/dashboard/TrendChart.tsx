// 30-day bar chart of dossiers taken and sent to the portal, as inline SVG with a title, a description and a table.
import type { Dashboard } from '../../../electron/common/report-contract';
import { formatDate } from '../../../electron/common/format';
import { useT } from '../../i18n/i18n-context';

const width = 720;
const height = 200;
const pad = { left: 32, right: 8, top: 12, bottom: 28 };

export function TrendChart({ series }: { series: Dashboard['series'] }) {
  const t = useT();
  const max = Math.max(1, ...series.map((d) => Math.max(d.taken, d.sentToPortal)));
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const slot = innerW / Math.max(1, series.length);
  const barW = Math.max(2, slot / 2 - 1.5);
  const y = (v: number) => pad.top + innerH - (v / max) * innerH;
  const ticks = [0, Math.round(max / 2), max].filter((v, i, all) => all.indexOf(v) === i);
  const total = series.reduce((s, d) => s + d.taken, 0);
  const first = series[0];
  const last = series[series.length - 1];
  const desc =
    first && last
      ? t('dash.chartDesc', { from: formatDate(first.date), to: formatDate(last.date), total, max, count: total })
      : t('dash.chartEmpty');
  return (
    <figure className="sv-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="chart-title chart-desc" className="sv-chart__svg">
        <title id="chart-title">{t('dash.chartTitle')}</title>
        <desc id="chart-desc">{desc}</desc>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} className="sv-chart__grid" />
            <text x={pad.left - 6} y={y(v) + 4} textAnchor="end" className="sv-chart__axis">
              {v}
            </text>
          </g>
        ))}
        {series.map((d, i) => {
          const x = pad.left + i * slot + 1;
          return (
            <g key={d.date}>
              <rect x={x} y={y(d.taken)} width={barW} height={Math.max(0, pad.top + innerH - y(d.taken))} className="sv-chart__taken">
                <title>{`${formatDate(d.date)}: ${t('dash.seriesTaken')} ${d.taken}`}</title>
              </rect>
              <rect
                x={x + barW + 1}
                y={y(d.sentToPortal)}
                width={barW}
                height={Math.max(0, pad.top + innerH - y(d.sentToPortal))}
                className="sv-chart__sent"
              >
                <title>{`${formatDate(d.date)}: ${t('dash.seriesSent')} ${d.sentToPortal}`}</title>
              </rect>
              {i % 5 === 0 || i === series.length - 1 ? (
                <text x={x + barW} y={height - 8} textAnchor="middle" className="sv-chart__axis">
                  {formatDate(d.date).slice(0, 5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="sv-legend">
        <span className="sv-legend__item sv-legend__item--taken">{t('dash.seriesTaken')}</span>
        <span className="sv-legend__item sv-legend__item--sent">{t('dash.seriesSent')}</span>
      </figcaption>
    </figure>
  );
}
