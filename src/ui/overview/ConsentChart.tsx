/**
 * Consents given and withdrawn per month, last 12 months, as a plain SVG bar chart (no chart
 * library). role="img" with a label that states the numbers; the same numbers as a table below.
 */
import type { MonthFigure } from '../../domain/overview';
import type { Language } from '../../i18n/messages';
import type { Translate } from '../i18n';
import { formatNumber, localeOf } from '../../i18n/locale';

const SLOT = 10;
const HEIGHT = 100;

function monthName(lang: Language, month: string, style: 'long' | 'short'): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(localeOf(lang), {
    month: style,
    year: style === 'long' ? 'numeric' : undefined,
    timeZone: 'UTC',
  }).format(Date.UTC(y, m - 1, 1));
}

/** The text alternative: totals, then every month with a consent; the rest summed up as none. */
export function chartLabel(tr: Translate, months: MonthFigure[]): string {
  const given = months.reduce((s, m) => s + m.given, 0);
  const withdrawn = months.reduce((s, m) => s + m.withdrawn, 0);
  const active = months.filter((m) => m.given > 0 || m.withdrawn > 0);
  const perMonth = active
    .map((m) =>
      tr('ui.overview.consents.month', {
        month: monthName(tr.lang, m.month, 'long'),
        given: m.given,
        withdrawn: m.withdrawn,
      }),
    )
    .join('; ');
  const rest =
    active.length === 0
      ? tr('ui.overview.consents.noMonths')
      : `${perMonth}.${active.length < months.length ? ` ${tr('ui.overview.consents.otherMonths')}` : ''}`;
  return tr('ui.overview.consents.chartLabel', {
    from: monthName(tr.lang, months[0]?.month ?? '', 'long'),
    to: monthName(tr.lang, months[months.length - 1]?.month ?? '', 'long'),
    given,
    withdrawn,
    months: rest,
  });
}

export function ConsentChart({ tr, months }: { tr: Translate; months: MonthFigure[] }) {
  const max = Math.max(1, ...months.flatMap((m) => [m.given, m.withdrawn]));
  // A round top for the scale: 1, 2, 5, 10, 20, 50 …
  const top = niceCeiling(max);
  const h = (n: number) => (n / top) * (HEIGHT - 4);
  const width = months.length * SLOT;
  return (
    <div className="chart">
      <div className="chart-plot">
        <div className="chart-scale" aria-hidden="true">
          <span>{formatNumber(tr.lang, top)}</span>
          {Number.isInteger(top / 2) && <span>{formatNumber(tr.lang, top / 2)}</span>}
          <span>0</span>
        </div>
        <svg
          className="chart-svg"
          viewBox={`0 0 ${width} ${HEIGHT}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={chartLabel(tr, months)}
          focusable="false"
        >
          {[0.5, 1].map((f) => (
            <line
              key={f}
              x1="0"
              x2={width}
              y1={HEIGHT - f * (HEIGHT - 4)}
              y2={HEIGHT - f * (HEIGHT - 4)}
              className="chart-grid"
              vectorEffect="non-scaling-stroke"
            />
          ))}
          {months.map((m, i) => (
            <g key={m.month}>
              {m.given > 0 && (
                <rect
                  className="bar-given"
                  x={i * SLOT + 1.5}
                  width={3.4}
                  y={HEIGHT - h(m.given)}
                  height={h(m.given)}
                />
              )}
              {m.withdrawn > 0 && (
                <rect
                  className="bar-withdrawn"
                  x={i * SLOT + 5.1}
                  width={3.4}
                  y={HEIGHT - h(m.withdrawn)}
                  height={h(m.withdrawn)}
                />
              )}
            </g>
          ))}
          <line x1="0" x2={width} y1={HEIGHT} y2={HEIGHT} className="chart-axis" vectorEffect="non-scaling-stroke" />
        </svg>
      </div>
      <div className="chart-months" aria-hidden="true">
        {months.map((m) => (
          <span key={m.month}>{monthName(tr.lang, m.month, 'short').replace('.', '')}</span>
        ))}
      </div>
      <div className="chart-legend">
        <span>
          <span className="swatch bar-given" aria-hidden="true" /> {tr('ui.overview.consents.given')}
        </span>
        <span>
          <span className="swatch bar-withdrawn" aria-hidden="true" /> {tr('ui.overview.consents.withdrawn')}
        </span>
      </div>
      <details className="chart-table">
        <summary>{tr('ui.overview.consents.table')}</summary>
        <div className="table-wrap" tabIndex={0} role="region" aria-label={tr('ui.overview.consents.table')}>
          <table className="audit-table">
            <thead>
              <tr>
                <th scope="col">{tr('ui.overview.consents.monthCol')}</th>
                <th scope="col">{tr('ui.overview.consents.given')}</th>
                <th scope="col">{tr('ui.overview.consents.withdrawn')}</th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{monthName(tr.lang, m.month, 'long')}</th>
                  <td>{formatNumber(tr.lang, m.given)}</td>
                  <td>{formatNumber(tr.lang, m.withdrawn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}

function niceCeiling(n: number): number {
  const power = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 5, 10]) if (step * power >= n) return step * power;
  return 10 * power;
}
