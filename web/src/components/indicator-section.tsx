import type { IndicatorMeta, IndicatorRow } from '../../../contract/indicators.ts';
import { fetchIndicator } from '../api.ts';
import { exportPath } from '../export-links.ts';
import { BreakdownChart } from '../charts/breakdown-chart.tsx';
import { ComparisonText, directionOf } from '../charts/marks.tsx';
import { TrendChart, trendPoints } from '../charts/trend-chart.tsx';
import { trendParams, useAppData, useIncompletePeriods, type Filters } from '../filters.ts';
import {
  breakdownLabel,
  categoryLabel,
  comparisonParts,
  changeVerdict,
  figureSentence,
  verdictWords,
  formatCount,
  formatInterval,
  formatValue,
  labelInSentence,
  rankWords,
  significanceLabel,
  unitSuffix,
  withUnit,
} from '../format.ts';
import { useMediaQuery } from '../use-media-query.ts';
import { useRequest } from '../use-request.ts';
import { ChartBlock, type LegendItem } from './chart-block.tsx';
import { DataNotes } from './data-notes.tsx';
import { headlineRow } from './headline-row.ts';
import { MetadataDetails } from './metadata.tsx';

/** The CSV export of the same view: the link behind every chart's "Download this table". */
const exportHref = (id: string, params: Record<string, string | undefined>): string => exportPath(`${encodeURIComponent(id)}.csv`, params);
import { Await, EmptyState } from './states.tsx';
import { ScrollTable } from './scroll-table.tsx';

const intervalText = (lower: number | null, upper: number | null, meta: IndicatorMeta) =>
  lower === null || upper === null ? '–' : `${formatValue(lower, meta)} to ${formatValue(upper, meta)}`;

function Headline({ meta, row, compare }: { meta: IndicatorMeta; row: IndicatorRow; compare: string }) {
  const comparison = row.comparisons.find((c) => c.comparator === compare);
  const suffix = unitSuffix(meta);
  return (
    <div className="headline">
      <p className="headline__figure">
        <span className="headline__value" data-testid="headline-value">
          {formatValue(row.value, meta, row.symbol)}
        </span>
        {suffix && row.value !== null ? <span className="headline__unit"> {suffix}</span> : null}
        <span className="headline__context">
          {row.area_name}, {row.period}
          {row.lower_95 !== null ? ` (95% confidence interval ${formatInterval(row, meta)})` : ''}
        </span>
      </p>
      {comparison ? (
        <p className="headline__comparison">
          <ComparisonText comparison={comparison} value={row.value} meta={meta} />
        </p>
      ) : null}
      {row.rank ? <p className="headline__rank">Rank: {rankWords(row.rank)}.</p> : null}
    </div>
  );
}

function TrendTable({
  meta,
  rows,
  compare,
  caption,
  projected,
}: {
  meta: IndicatorMeta;
  rows: IndicatorRow[];
  compare: string;
  caption: string;
  projected: ReadonlySet<string>;
}) {
  const label = rows.flatMap((r) => r.comparisons).find((c) => c.comparator === compare)?.label;
  return (
    <ScrollTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">Year</th>
          <th scope="col" className="numeric">Value</th>
          <th scope="col" className="numeric">95% confidence interval</th>
          <th scope="col" className="numeric">99.8% confidence interval</th>
          <th scope="col" className="numeric">Numerator</th>
          <th scope="col" className="numeric">Denominator</th>
          {label ? <th scope="col" className="numeric">{label}</th> : null}
          {label ? <th scope="col">Compared with {label}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const c = r.comparisons.find((x) => x.comparator === compare);
          return (
            <tr key={r.period}>
              <th scope="row">
                {r.period}
                {projected.has(r.period) ? ' (projected)' : ''}
              </th>
              <td className="numeric" data-testid={`value-${r.period}`}>
                {withUnit(r.value, meta, r.symbol)}
              </td>
              <td className="numeric">{intervalText(r.lower_95, r.upper_95, meta)}</td>
              <td className="numeric">{intervalText(r.lower_99_8, r.upper_99_8, meta)}</td>
              <td className="numeric">{r.numerator === null && !r.suppressed ? 'x' : formatCount(r.numerator)}</td>
              <td className="numeric">{r.denominator === null && !r.suppressed ? 'x' : formatCount(r.denominator)}</td>
              {label ? <td className="numeric">{c ? formatValue(c.value, meta) : '–'}</td> : null}
              {label ? <td>{c ? significanceLabel[c.significance] : '–'}</td> : null}
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}

export function trendLegend(rows: IndicatorRow[], compare: string, areaName: string, projected = false): LegendItem[] {
  const comparisons = rows.flatMap((r) => r.comparisons.filter((c) => c.comparator === compare));
  const label = comparisons[0]?.label;
  const items: LegendItem[] = [{ kind: 'line', label: areaName }];
  if (rows.some((r) => r.lower_95 !== null)) items.push({ kind: 'band', label: '95% confidence interval' });
  if (projected) items.push({ kind: 'projection', label: 'Projection (dotted line, open circles)' });
  if (label && comparisons.some((c) => c.value !== null)) {
    items.push({ kind: 'dashed', label });
    const seen = new Set<string>();
    for (const r of rows) {
      const c = r.comparisons.find((x) => x.comparator === compare);
      if (!c || r.value === null || c.value === null) continue;
      const direction = directionOf(r.value, c.value);
      const key = `${c.significance}|${direction}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const lead = comparisonParts(c, { unit: 'count' })[0];
      items.push({ kind: 'marker', significance: c.significance, direction, label: `${lead.charAt(0).toUpperCase()}${lead.slice(1)} ${labelInSentence(label)}` });
    }
  }
  if (rows.some((r) => r.symbol === 'c')) items.push({ kind: 'symbol', symbol: 'c', label: 'Suppressed: too few to publish safely' });
  if (rows.some((r) => r.symbol === 'x')) items.push({ kind: 'symbol', symbol: 'x', label: 'Cannot be calculated' });
  return items;
}

function trendSummary(meta: IndicatorMeta, allRows: IndicatorRow[], areaName: string, projected: ReadonlySet<string> = new Set(), incomplete: ReadonlySet<string> = new Set()): string {
  // Part-years are never part of a trend sentence.
  const rows = allRows.filter((r) => !projected.has(r.period) && !incomplete.has(r.period));
  const future = allRows.filter((r) => projected.has(r.period) && r.value !== null).at(-1);
  const outlook = future ? ` It is projected to be ${withUnit(future.value, meta)} in ${future.period}.` : '';
  if (rows.length === 0) return `${meta.title} for ${areaName}:${outlook || ' there are no figures.'}`;
  const published = rows.filter((r) => r.value !== null);
  const first = published[0];
  const last = published.at(-1);
  const span = rows.length > 1 ? `${rows[0]?.period} to ${rows.at(-1)?.period}` : (rows[0]?.period ?? '');
  if (!first || !last) return `${meta.title} for ${areaName}, ${span}: every figure is suppressed or missing.${outlook}`;
  const suppressed = rows.filter((r) => r.value === null && r.symbol === 'c').length;
  const missing = rows.length - published.length - suppressed;
  const years = (n: number) => `${n} ${n === 1 ? 'year is' : 'years are'}`;
  const tail = (suppressed > 0 ? ` ${years(suppressed)} suppressed.` : '') + (missing > 0 ? ` ${years(missing)} not available.` : '');
  if (first === last) return `${meta.title} for ${areaName}, ${span}: ${withUnit(last.value, meta)} in ${last.period}.${tail}${outlook}`;
  const a = last.value ?? 0;
  const b = first.value ?? 0;
  const how =
    a === b
      ? `was ${withUnit(last.value, meta)} in both ${first.period} and ${last.period}`
      : `${a > b ? 'rose' : 'fell'} from ${withUnit(first.value, meta)} in ${first.period} to ${withUnit(last.value, meta)} in ${last.period}${verdictWords[changeVerdict(first, last)]}`;
  const latest = last.period !== rows.at(-1)?.period ? `, the latest year that can be published` : '';
  return `${meta.title} for ${areaName} ${how}${latest}.${tail}${outlook}`;
}

function BreakdownBlock({ meta, filters, total }: { meta: IndicatorMeta; filters: Filters; total: IndicatorRow | undefined }) {
  const params = { area: filters.area.area_code, period: filters.period, by: filters.by };
  const state = useRequest(`${meta.id}|${params.area}|${params.period}|${params.by}`, (signal) => fetchIndicator(meta.id, params, signal));
  const narrow = useMediaQuery('(max-width: 640px)');
  const by = breakdownLabel(filters.by).toLowerCase();
  return (
    <Await state={state} what={`the breakdown by ${by}`}>
      {(data) => {
        const rows = data.rows.filter((r) => r.period === filters.period);
        if (rows.length === 0) return <EmptyState title={`There are no figures by ${by} for ${filters.period}.`} />;
        const published = rows.filter((r) => r.value !== null);
        const top = [...published].sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[0];
        const withheld = rows.length - published.length;
        const summary =
          published.length === 0
            ? `Every figure by ${by} for ${filters.area.area_name} in ${filters.period} is suppressed to protect privacy.`
            : `By ${by}, ${filters.area.area_name}’s highest figure in ${filters.period} was ${categoryLabel(top?.breakdown_value ?? '')} (${withUnit(top?.value ?? null, meta)})` +
              (withheld > 0 ? `; ${withheld} of ${rows.length} categories are suppressed.` : '.');
        const comparators = [...new Set(rows.flatMap((r) => r.comparisons.map((c) => c.comparator)))];
        const legend: LegendItem[] = [
          { kind: 'bar', label: filters.area.area_name },
          { kind: 'whisker', label: '95% confidence interval' },
        ];
        if (total?.value != null) legend.push({ kind: 'dashed', label: `All ${filters.area.area_name}` });
        const compared = rows.flatMap((r) => r.comparisons).find((c) => c.comparator === filters.compare && c.value !== null);
        if (compared) legend.push({ kind: 'diamond', label: `${compared.label} (diamond)` });
        if (rows.some((r) => r.symbol === 'c')) legend.push({ kind: 'symbol', symbol: 'c', label: 'Suppressed: too few to publish safely' });
        if (rows.some((r) => r.symbol === 'x')) legend.push({ kind: 'symbol', symbol: 'x', label: 'Cannot be calculated' });
        return (
          <ChartBlock
            title={`By ${by}, ${filters.period}`}
            summary={summary}
            legend={legend}
            testId={`breakdown-${meta.id}`}
            download={exportHref(meta.id, { area: filters.area.area_code, period: filters.period, by: filters.by })}
            chart={<BreakdownChart meta={meta} rows={rows} total={total?.value ?? null} totalLabel="All" narrow={narrow} compare={filters.compare} />}
            table={
              <ScrollTable caption={`${meta.title}: ${filters.area.area_name}, ${filters.period}, by ${by}`}>
                <thead>
                  <tr>
                    <th scope="col">{breakdownLabel(filters.by)}</th>
                    <th scope="col" className="numeric">Value</th>
                    <th scope="col" className="numeric">95% confidence interval</th>
                    <th scope="col" className="numeric">Numerator</th>
                    <th scope="col" className="numeric">Denominator</th>
                    {comparators.map((c) => (
                      <th key={c} scope="col">
                        Compared with {rows.flatMap((r) => r.comparisons).find((x) => x.comparator === c)?.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.breakdown_value}>
                      <th scope="row">{categoryLabel(r.breakdown_value)}</th>
                      <td className="numeric">{withUnit(r.value, meta, r.symbol)}</td>
                      <td className="numeric">{intervalText(r.lower_95, r.upper_95, meta)}</td>
                      <td className="numeric">{formatCount(r.numerator)}</td>
                      <td className="numeric">{formatCount(r.denominator)}</td>
                      {comparators.map((c) => {
                        const x = r.comparisons.find((y) => y.comparator === c);
                        return <td key={c}>{x ? `${significanceLabel[x.significance]} (${formatValue(x.value, meta)})` : '–'}</td>;
                      })}
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            }
          />
        );
      }}
    </Await>
  );
}

/** True for a share of a whole (every published total is 100%), whose figures are its parts. */
export function isComposition(meta: IndicatorMeta, rows: IndicatorRow[]): boolean {
  if (meta.unit !== 'percent' || !meta.breakdowns.some((b) => b !== 'all')) return false;
  const known = rows.filter((r) => r.numerator !== null && r.denominator !== null && r.denominator > 0);
  return known.length > 0 && known.every((r) => r.numerator === r.denominator);
}

/** One indicator: headline, plain-English summary, trend chart (and breakdown) with tables, and metadata. */
export function IndicatorSection({ meta, filters, headingLevel = 2 }: { meta: IndicatorMeta; filters: Filters; headingLevel?: 2 | 3 }) {
  const area = filters.area.area_code;
  const params = trendParams(filters);
  const state = useRequest(`${meta.id}|${area}|all|${filters.periodType}`, (signal) => fetchIndicator(meta.id, params, signal));
  const headingId = `${meta.id}-heading`;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const { periods } = useAppData();
  const incomplete = useIncompletePeriods();
  const knownPeriods = new Set(periods.map((p) => p.period));
  const compareLabel = filters.comparators.find((c) => c.id === filters.compare)?.label ?? 'England';
  return (
    <section className="indicator-section" id={meta.id} aria-labelledby={headingId} data-indicator={meta.id} tabIndex={-1}>
      <Heading id={headingId} className="indicator-section__title">
        {meta.title}
      </Heading>
      <Await state={state} what={`“${meta.title}”`}>
        {(data) => {
          const rows = data.rows.filter((r) => r.breakdown === 'all');
          if (rows.length === 0) {
            return (
              <>
                <EmptyState title="There are no figures for this indicator in the loaded extract." />
                <MetadataDetails meta={meta} />
              </>
            );
          }
          const { row, exact } = headlineRow(rows, filters.period);
          const comparison = row?.comparisons.find((c) => c.comparator === filters.compare);
          const areaName = row?.area_name ?? filters.area.area_name;
          const points = trendPoints(rows, filters.compare, knownPeriods);
          const projectedPeriods = new Set(points.filter((p) => p.projected).map((p) => p.period));
          const supportsBy = filters.by !== 'all' && meta.breakdowns.includes(filters.by);
          if (isComposition(meta, rows)) {
            // A share of a whole (such as plans by primary need): the total is always 100%, so the parts are the figures.
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
        }}
      </Await>
    </section>
  );
}
