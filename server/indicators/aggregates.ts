// England, region and ICB figures of an extract that holds several LAs (issue 19): each is the
// sum of its member LAs' numerators and denominators, cell by cell, so a rate or a share of an
// aggregate is computed from its own counts (a region's rate is its plans over its population,
// never a mean of LA rates). Built from the LA rows the indicator's SQL already returns, so no
// indicator needs SQL of its own for aggregates.
import type { SourceRow } from './types.ts';
import type { AggregateArea } from '../data-context.ts';
import type { IndicatorDefinition } from './types.ts';

/**
 * Why an indicator has no aggregate figures, or null when it has. A figure computed in SQL (a
 * median) or by a model (a forecast, whose intervals do not add up) cannot be summed from LAs.
 */
export function noAggregateReason(definition: Pick<IndicatorDefinition, 'model'>, rows: readonly SourceRow[]): string | null {
  if (definition.model) return 'a modelled figure (its intervals do not add up over LAs)';
  if (rows.some((r) => r.value !== undefined)) return 'a figure that is not a ratio of counts (a median), which cannot be summed over LAs';
  return null;
}

/** Breakdowns whose values name a place inside one LA: "North" of two LAs is not one category. */
const perLaBreakdowns: ReadonlySet<string> = new Set(['locality']);

/**
 * The rows of every aggregate area: for each LA row, its numerator and denominator are added to
 * the same cell of each aggregate that holds the LA. A null in any member makes the sum null
 * (unknown). Rows come out in a fixed order (aggregate, then first appearance).
 */
export function aggregateRows(rows: readonly SourceRow[], aggregates: readonly AggregateArea[], definition: Pick<IndicatorDefinition, 'denominatorIsAreaTotal'> = {}): SourceRow[] {
  if (aggregates.length === 0) return [];
  const aggregatesOfLa = new Map<string, string[]>();
  for (const a of aggregates) for (const la of a.las) aggregatesOfLa.set(la, [...(aggregatesOfLa.get(la) ?? []), a.area_code]);
  const sums = new Map<string, SourceRow>();
  for (const r of rows) {
    const owners = aggregatesOfLa.get(r.area_code);
    if (!owners || perLaBreakdowns.has(r.breakdown)) continue;
    for (const area of owners) {
      const key = `${area}|${r.period}|${r.breakdown}|${r.breakdown_value}`;
      const sum = sums.get(key);
      if (!sum) {
        sums.set(key, { area_code: area, period: r.period, breakdown: r.breakdown, breakdown_value: r.breakdown_value, numerator: r.numerator, denominator: r.denominator });
        continue;
      }
      sum.numerator = sum.numerator === null || r.numerator === null ? null : sum.numerator + r.numerator;
      sum.denominator = sum.denominator === null || r.denominator === null ? null : sum.denominator + r.denominator;
    }
  }
  const out = [...sums.values()];
  // A share of the area's total (by need): the denominator of every row is the aggregate's own
  // total, not the sum of the totals of the LAs that happen to have a row for the category.
  if (definition.denominatorIsAreaTotal) {
    for (const r of out) if (r.breakdown !== 'all') r.denominator = sums.get(`${r.area_code}|${r.period}|all|all`)?.denominator ?? null;
  }
  return out;
}
