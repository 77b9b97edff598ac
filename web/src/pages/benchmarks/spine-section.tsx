import type { IndicatorMeta } from '../../../../contract/indicators.ts';
import { directionOf } from '../../charts/marks.tsx';
import { SpineChart, spinePoint, type SpineRow } from '../../charts/spine-chart.tsx';
import { ChartBlock, type LegendItem } from '../../components/chart-block.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { EmptyState } from '../../components/states.tsx';
import type { Filters } from '../../filters.ts';
import { formatValue, joinWords, significanceLabel } from '../../format.ts';
import { GlossaryLink } from '../../glossary/glossary-link.tsx';
import { useMediaQuery } from '../../use-media-query.ts';
import type { Outcome } from './load.ts';

/**
 * Only rows that can be drawn: a published distribution and England (or a median) to centre on. The summary, the
 * chart and the table all count the same rows.
 */
function spineRows(outcomes: Outcome[], la: string): SpineRow[] {
  return outcomes.flatMap((o) => {
    if (!o.benchmark) return [];
    const significance = o.benchmark.la_value === null ? 'not-compared' : (o.england?.significance ?? 'not-compared');
    const row: SpineRow = {
      id: o.meta.id,
      title: o.meta.title,
      benchmark: o.benchmark,
      significance,
      direction: directionOf(o.benchmark.la_value, o.benchmark.england),
      laText:
        o.benchmark.la_value === null
          ? `${la}: ${o.benchmark.la_suppressed ? 'c (suppressed)' : 'x (no figure)'}`
          : `${la} ${formatValue(o.benchmark.la_value, o.meta)}`,
    };
    return spinePoint(row) ? [row] : [];
  });
}

/** How many indicators the LA is above and below England on, naming a few above. */
function spineSummary(rows: SpineRow[], la: string): string {
  const above = rows.filter((r) => r.benchmark.la_value !== null && r.benchmark.england !== null && r.benchmark.la_value > r.benchmark.england);
  const below = rows.filter((r) => r.benchmark.la_value !== null && r.benchmark.england !== null && r.benchmark.la_value < r.benchmark.england);
  return (
    `On ${rows.length} published indicator${rows.length === 1 ? '' : 's'}, ${la} is above England on ${above.length} and below England on ${below.length}` +
    (above.length > 0 && above.length <= 3 ? ` (above: ${joinWords(above.map((r) => r.title))})` : '') +
    '.'
  );
}

const spineLegend = (la: string): LegendItem[] => [
  { kind: 'dot', label: `${la}: circle similar to England, triangle up or down significantly higher or lower (better or worse), hollow circle not compared; its value beside it` },
  { kind: 'diamond', label: 'Statistical neighbours’ mean (diamond)' },
  { kind: 'square', label: 'Region (open square)' },
  { kind: 'centre', label: 'England (centre line)' },
  { kind: 'iqr', label: 'Middle half of local authorities (lower to upper quartile)' },
  { kind: 'range', label: 'All local authorities (lowest to highest)' },
];

/** The spine chart of every benchmarked indicator with a published distribution, its sentence and its table. */
export function SpineSection({ outcomes, filters }: { outcomes: Outcome[]; filters: Filters }) {
  const narrow = useMediaQuery('(max-width: 640px)');
  const la = filters.la.area_name;
  const rows = spineRows(outcomes, la);
  if (rows.length === 0) return <EmptyState title={`No indicator has a published benchmark for ${filters.period}.`} />;
  const comparisonWords = (
    <p className="hint">
      “Compared with England” uses {la}’s own figure and its <GlossaryLink id="ci">95% confidence interval</GlossaryLink>: higher or lower
      only when England is outside the interval (<GlossaryLink id="significance">what significance means</GlossaryLink>).
    </p>
  );
  return (
    <>
    {comparisonWords}
    <ChartBlock
      title={`${la} against every local authority in England, ${filters.period}`}
      summary={spineSummary(rows, la)}
      headingLevel={3}
      testId="spine-chart"
      legend={spineLegend(la)}
      chart={
        <>
          <p className="spine-axis" aria-hidden="true">
            <span>← Lower than England</span>
            <span>Higher than England →</span>
          </p>
          <SpineChart rows={rows} narrow={narrow} />
        </>
      }
      table={<SpineTable rows={rows} metas={outcomes.map((o) => o.meta)} la={la} period={filters.period} />}
    />
    </>
  );
}

function SpineTable({ rows, metas, la, period }: { rows: SpineRow[]; metas: IndicatorMeta[]; la: string; period: string }) {
  return (
    <ScrollTable caption={`Published figures, ${period}: ${la}, England, region, statistical neighbours and the range of all local authorities`}>
      <thead>
        <tr>
          <th scope="col">Indicator</th>
          <th scope="col" className="numeric">{la} (from the extract)</th>
          <th scope="col">Compared with England</th>
          <th scope="col" className="numeric">{la} (published)</th>
          <th scope="col" className="numeric">England</th>
          <th scope="col" className="numeric">Region</th>
          <th scope="col" className="numeric">Neighbours’ mean</th>
          <th scope="col" className="numeric">Lowest</th>
          <th scope="col" className="numeric">Lower quartile</th>
          <th scope="col" className="numeric">Median</th>
          <th scope="col" className="numeric">Upper quartile</th>
          <th scope="col" className="numeric">Highest</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ id, title, benchmark: b, significance }) => {
          const meta = metas.find((m) => m.id === id) ?? { unit: 'count' as const };
          return (
            <tr key={id} data-indicator={id}>
              <th scope="row">{title}</th>
              <td className="numeric" data-testid="spine-la-value">{formatValue(b.la_value, meta, b.la_suppressed ? 'c' : 'x')}</td>
              <td data-testid="spine-comparison">{significanceLabel[significance]}</td>
              <td className="numeric">{formatValue(b.las.find((l) => l.self)?.value, meta)}</td>
              <td className="numeric">{formatValue(b.england, meta)}</td>
              <td className="numeric">{b.region ? `${formatValue(b.region.value, meta)} (${b.region.area_name})` : 'x'}</td>
              <td className="numeric">{formatValue(b.neighbours_mean, meta)}</td>
              <td className="numeric">{formatValue(b.distribution.min, meta)}</td>
              <td className="numeric">{formatValue(b.distribution.q1, meta)}</td>
              <td className="numeric">{formatValue(b.distribution.median, meta)}</td>
              <td className="numeric">{formatValue(b.distribution.q3, meta)}</td>
              <td className="numeric">{formatValue(b.distribution.max, meta)}</td>
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}
