import type { IndicatorMeta, IndicatorRow } from '../../../../contract/indicators.ts';
import { fetchIndicator } from '../../api.ts';
import { TrendChart, trendPoints } from '../../charts/trend-chart.tsx';
import { trendParams, useAppData, useIncompletePeriods, type Filters } from '../../filters.ts';
import { breakdownLabel, figureSentence, formatCount, labelInSentence } from '../../format.ts';
import { useRequest } from '../../use-request.ts';
import { ChartBlock } from '../chart-block.tsx';
import { DataNotes } from '../data-notes.tsx';
import { headlineRow } from '../headline-row.ts';
import { MetadataDetails } from '../metadata.tsx';
import { Await, EmptyState } from '../states.tsx';
import { BreakdownBlock } from './breakdown-block.tsx';
import { isComposition } from './composition.ts';
import { Headline } from './headline.tsx';
import { exportHref } from './export-href.ts';
import { trendLegend } from './trend-legend.ts';
import { trendSummary } from './trend-summary.ts';
import { TrendTable } from './trend-table.tsx';


/** One indicator: headline, plain-English summary, trend chart (and breakdown) with tables, and metadata. */
export function IndicatorSection({ meta, filters, headingLevel = 2 }: { meta: IndicatorMeta; filters: Filters; headingLevel?: 2 | 3 }) {
  const area = filters.area.area_code;
  const params = trendParams(filters);
  const state = useRequest(`${meta.id}|${area}|all|${filters.periodType}`, (signal) => fetchIndicator(meta.id, params, signal));
  const headingId = `${meta.id}-heading`;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="indicator-section" id={meta.id} aria-labelledby={headingId} data-indicator={meta.id} tabIndex={-1}>
      <Heading id={headingId} className="indicator-section__title">
        {meta.title}
      </Heading>
      <Await state={state} what={`“${meta.title}”`}>
        {(data) => <SectionBody meta={meta} filters={filters} rows={data.rows.filter((r) => r.breakdown === 'all')} />}
      </Await>
    </section>
  );
}

type BodyProps = { meta: IndicatorMeta; filters: Filters; rows: IndicatorRow[] };

/** The section under its heading once the figures have loaded: empty, a share of a whole, or a trend. */
function SectionBody({ meta, filters, rows }: BodyProps) {
  if (rows.length === 0) {
    return (
      <>
        <EmptyState title="There are no figures for this indicator in the loaded extract." />
        <MetadataDetails meta={meta} />
      </>
    );
  }
  return isComposition(meta, rows) ? <CompositionBody meta={meta} filters={filters} rows={rows} /> : <TrendBody meta={meta} filters={filters} rows={rows} />;
}

/** A share of a whole (such as plans by primary need): the total is always 100%, so the parts are the figures. */
function CompositionBody({ meta, filters, rows }: BodyProps) {
  const { row } = headlineRow(rows, filters.period);
  const areaName = row?.area_name ?? filters.area.area_name;
  const supportsBy = filters.by !== 'all' && meta.breakdowns.includes(filters.by);
  const by = supportsBy ? filters.by : (meta.breakdowns.find((b) => b !== 'all') ?? 'all');
  return (
    <>
      <p className="indicator-section__sentence">
        Each {breakdownLabel(by).toLowerCase()}’s share of the whole, which is always 100%.
        {row?.denominator != null ? ` In ${row.period}, the whole for ${areaName} was ${formatCount(row.denominator)}.` : ''}
      </p>
      <BreakdownBlock meta={meta} filters={{ ...filters, by }} total={undefined} />
      <MetadataDetails meta={meta} />
    </>
  );
}

/** The usual section: headline, sentence, trend chart and table, data notes, breakdown and metadata. */
function TrendBody({ meta, filters, rows }: BodyProps) {
  const { periods } = useAppData();
  const incomplete = useIncompletePeriods();
  const knownPeriods = new Set(periods.map((p) => p.period));
  const compareLabel = filters.comparators.find((c) => c.id === filters.compare)?.label ?? 'England';
  const { row, exact } = headlineRow(rows, filters.period);
  const comparison = row?.comparisons.find((c) => c.comparator === filters.compare);
  const areaName = row?.area_name ?? filters.area.area_name;
  const points = trendPoints(rows, filters.compare, knownPeriods);
  const projectedPeriods = new Set(points.filter((p) => p.projected).map((p) => p.period));
  const supportsBy = filters.by !== 'all' && meta.breakdowns.includes(filters.by);
  return (
    <>
      {!exact ? <p className="inset-text">There is no figure for {filters.period}; the latest figure is shown.</p> : null}
      {row ? <Headline meta={meta} row={row} compare={filters.compare} /> : null}
      <p className="indicator-section__sentence" data-testid="summary">
        {figureSentence(meta, row, rows, comparison ? [comparison] : [], incomplete)}
      </p>
      {row && !comparison ? (
        <p className="hint">There is no published figure for {labelInSentence(compareLabel)} to compare this indicator with.</p>
      ) : null}
      <ChartBlock
        title={`Trend, ${rows[0]?.period ?? ''}${rows.length > 1 ? ` to ${rows.at(-1)?.period}` : ''}${projectedPeriods.size > 0 ? ', with projection' : ''}`}
        summary={trendSummary(meta, rows, areaName, projectedPeriods, incomplete)}
        legend={trendLegend(rows, filters.compare, areaName, projectedPeriods.size > 0)}
        testId={`trend-${meta.id}`}
        download={exportHref(meta.id, trendParams(filters))}
        chart={<TrendChart meta={meta} points={points} comparatorLabel={comparison?.label ?? null} />}
        table={<TrendTable meta={meta} rows={rows} compare={filters.compare} caption={`${meta.title}: ${areaName}, by year`} projected={projectedPeriods} />}
      />
      <DataNotes meta={meta} rows={rows} />
      {supportsBy ? <BreakdownBlock meta={meta} filters={filters} total={rows.find((r) => r.period === filters.period)} /> : null}
      {filters.by !== 'all' && !supportsBy ? (
        <p className="hint">This indicator is not broken down by {breakdownLabel(filters.by).toLowerCase()}.</p>
      ) : null}
      <MetadataDetails meta={meta} />
    </>
  );
}
