import type { ForecastRow } from '../../../../contract/forecast.ts';
import type { IndicatorMeta } from '../../../../contract/indicators.ts';
import { TrendChart, trendPoints } from '../../charts/trend-chart.tsx';
import { SymbolKey } from '../../components/analytics-ui.tsx';
import { ChartBlock, type LegendItem } from '../../components/chart-block.tsx';
import { trendLegend } from '../../components/indicator-section/trend-legend.ts';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { useMediaQuery } from '../../use-media-query.ts';
import { interval, plans } from './shared.ts';

function ProjectionTable({ rows, caption }: { rows: ForecastRow[]; caption: string }) {
  return (
    <>
      <ScrollTable caption={caption}>
        <thead>
          <tr>
            <th scope="col">Year (31 December)</th>
            <th scope="col">Counted or projected</th>
            <th scope="col" className="numeric">Active EHC plans</th>
            <th scope="col" className="numeric">95% interval</th>
            <th scope="col" className="numeric">99.8% interval</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.period} data-period={r.period}>
              <th scope="row">{r.period}</th>
              <td>{r.kind === 'actual' ? 'Counted' : 'Projected'}</td>
              <td className="numeric" data-testid={`forecast-value-${r.period}`}>
                {plans(r.value, r.symbol)}
              </td>
              <td className="numeric" data-testid={`forecast-interval-${r.period}`}>
                {interval(r.lower_95, r.upper_95)}
              </td>
              <td className="numeric">{interval(r.lower_99_8, r.upper_99_8)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <SymbolKey symbols={rows.map((r) => r.symbol)} />
    </>
  );
}

function projectionSummary(rows: ForecastRow[], name: string): string {
  const actual = rows.filter((r) => r.kind === 'actual').at(-1);
  const projected = rows.filter((r) => r.kind === 'projected');
  const first = projected[0];
  const last = projected.at(-1);
  if (!last || !first) return `${name}: there is no projection.`;
  if (last.value === null) return `${name}: the projected figures are too small to publish (c).`;
  const counted = actual ? `${plans(actual.value, actual.symbol)} counted on 31 December ${actual.period}; ` : '';
  const firstText = first === last ? '' : `${plans(first.value, first.symbol)} in ${first.period} and `;
  return `${name}: ${counted}projected ${firstText}${plans(last.value)} in ${last.period} (95% interval ${interval(last.lower_95, last.upper_95)}).`;
}

/**
 * The trend legend, worded for a projection. The counted years are a line only when there are two or more of them:
 * the API counts the jump-off year alone, which the chart draws as a single point, so the legend says so.
 */
export function forecastLegend(rows: ForecastRow[], name: string): LegendItem[] {
  const counted = rows.filter((r) => r.kind === 'actual');
  const only = counted.length === 1 ? counted[0] : undefined;
  return trendLegend(rows, 'none', name, true).map((item): LegendItem => {
    if (item.kind === 'band') return { ...item, label: '95% interval of the projection' };
    if (item.kind === 'line' && only) return { kind: 'point', label: `${name}, counted on 31 December ${only.period}` };
    return item;
  });
}

/** One group's counted and projected plans: the trend chart with its sentence, key and table. */
export function GroupChart({
  meta,
  rows,
  title,
  name,
  headingLevel = 3,
  testId,
  download,
}: {
  meta: IndicatorMeta;
  rows: ForecastRow[];
  title: string;
  name: string;
  headingLevel?: 3 | 4;
  testId?: string;
  download?: string;
}) {
  // Two charts side by side from 900 px: each is narrow below about 1,100 px as well.
  const narrow = useMediaQuery(headingLevel === 3 ? '(max-width: 640px)' : '(max-width: 640px), (min-width: 900px) and (max-width: 1100px)');
  const known = new Set(rows.filter((r) => r.kind === 'actual').map((r) => r.period));
  const points = trendPoints(rows, 'none', known);
  return (
    <ChartBlock
      title={title}
      summary={projectionSummary(rows, name)}
      legend={forecastLegend(rows, name)}
      chart={<TrendChart meta={meta} points={points} comparatorLabel={null} height={headingLevel === 3 ? 280 : 220} narrow={narrow} />}
      table={<ProjectionTable rows={rows} caption={`${title}: counted and projected active EHC plans`} />}
      headingLevel={headingLevel}
      testId={testId}
      download={download}
    />
  );
}
