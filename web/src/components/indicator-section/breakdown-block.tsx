import type { IndicatorMeta, IndicatorRow } from '../../../../contract/indicators.ts';
import { fetchIndicator } from '../../api.ts';
import { BreakdownChart } from '../../charts/breakdown-chart.tsx';
import type { Filters } from '../../filters.ts';
import { breakdownLabel, categoryLabel, withUnit } from '../../format.ts';
import { useMediaQuery } from '../../use-media-query.ts';
import { useRequest } from '../../use-request.ts';
import { ChartBlock, type LegendItem } from '../chart-block.tsx';
import { Await, EmptyState } from '../states.tsx';
import { BreakdownTable } from './breakdown-table.tsx';
import { exportHref } from './export-href.ts';
import { symbolItems } from './trend-legend.ts';

/** The selected year by the chosen breakdown: a bar chart with its sentence, key and table. */
export function BreakdownBlock({ meta, filters, total }: { meta: IndicatorMeta; filters: Filters; total: IndicatorRow | undefined }) {
  const params = { area: filters.area.area_code, period: filters.period, by: filters.by };
  const state = useRequest(`${meta.id}|${params.area}|${params.period}|${params.by}`, (signal) => fetchIndicator(meta.id, params, signal));
  const narrow = useMediaQuery('(max-width: 640px)');
  const by = breakdownLabel(filters.by).toLowerCase();
  return (
    <Await state={state} what={`the breakdown by ${by}`}>
      {(data) => {
        const rows = data.rows.filter((r) => r.period === filters.period);
        if (rows.length === 0) return <EmptyState title={`There are no figures by ${by} for ${filters.period}.`} />;
        return (
          <ChartBlock
            title={`By ${by}, ${filters.period}`}
            summary={breakdownSummary(meta, rows, filters, by)}
            legend={breakdownLegend(rows, filters, total)}
            testId={`breakdown-${meta.id}`}
            download={exportHref(meta.id, params)}
            chart={<BreakdownChart meta={meta} rows={rows} total={total?.value ?? null} totalLabel="All" narrow={narrow} compare={filters.compare} />}
            table={<BreakdownTable meta={meta} rows={rows} breakdown={filters.by} caption={`${meta.title}: ${filters.area.area_name}, ${filters.period}, by ${by}`} />}
          />
        );
      }}
    </Await>
  );
}

/** The breakdown's sentence: the highest published category, and how many are withheld. */
function breakdownSummary(meta: IndicatorMeta, rows: IndicatorRow[], filters: Filters, by: string): string {
  const published = rows.filter((r) => r.value !== null);
  const top = [...published].sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[0];
  const withheld = rows.length - published.length;
  return published.length === 0
    ? `Every figure by ${by} for ${filters.area.area_name} in ${filters.period} is suppressed to protect privacy.`
    : `By ${by}, ${filters.area.area_name}’s highest figure in ${filters.period} was ${categoryLabel(top?.breakdown_value ?? '')} (${withUnit(top?.value ?? null, meta)})` +
        (withheld > 0 ? `; ${withheld} of ${rows.length} categories are suppressed.` : '.');
}

/** The breakdown chart's key: bars, whiskers, the area's total, the comparator's diamond and the symbols shown. */
function breakdownLegend(rows: IndicatorRow[], filters: Filters, total: IndicatorRow | undefined): LegendItem[] {
  const legend: LegendItem[] = [
    { kind: 'bar', label: filters.area.area_name },
    { kind: 'whisker', label: '95% confidence interval' },
  ];
  if (total?.value != null) legend.push({ kind: 'dashed', label: `All ${filters.area.area_name}` });
  const compared = rows.flatMap((r) => r.comparisons).find((c) => c.comparator === filters.compare && c.value !== null);
  if (compared) legend.push({ kind: 'diamond', label: `${compared.label} (diamond)` });
  legend.push(...symbolItems(rows));
  return legend;
}
