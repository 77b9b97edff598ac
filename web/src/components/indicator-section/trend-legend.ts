import type { IndicatorRow } from '../../../../contract/indicators.ts';
import { directionOf } from '../../charts/marks.tsx';
import { comparisonParts, labelInSentence } from '../../format.ts';
import type { LegendItem } from '../chart-block.tsx';

/** The trend chart's key: the area's line, its band, the projection, the comparator and each marker drawn. */
export function trendLegend(rows: IndicatorRow[], compare: string, areaName: string, projected = false): LegendItem[] {
  const comparisons = rows.flatMap((r) => r.comparisons.filter((c) => c.comparator === compare));
  const label = comparisons[0]?.label;
  const items: LegendItem[] = [{ kind: 'line', label: areaName }];
  if (rows.some((r) => r.lower_95 !== null)) items.push({ kind: 'band', label: '95% confidence interval' });
  if (projected) items.push({ kind: 'projection', label: 'Projection (dotted line, open circles)' });
  if (label && comparisons.some((c) => c.value !== null)) {
    items.push({ kind: 'dashed', label });
    items.push(...markerItems(rows, compare, label));
  }
  items.push(...symbolItems(rows));
  return items;
}

/** One legend entry per marker shape drawn (significance × direction), in the order they first appear. */
function markerItems(rows: IndicatorRow[], compare: string, label: string): LegendItem[] {
  const items: LegendItem[] = [];
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
  return items;
}

/** The `c` and `x` symbols, each explained when any row shows it. */
export function symbolItems(rows: IndicatorRow[]): LegendItem[] {
  const items: LegendItem[] = [];
  if (rows.some((r) => r.symbol === 'c')) items.push({ kind: 'symbol', symbol: 'c', label: 'Suppressed: too few to publish safely' });
  if (rows.some((r) => r.symbol === 'x')) items.push({ kind: 'symbol', symbol: 'x', label: 'Cannot be calculated' });
  return items;
}
