import type { IndicatorMeta, IndicatorRow } from '../../../../contract/indicators.ts';
import { changeVerdict, verdictWords, withUnit } from '../../format.ts';

/** The trend chart's sentence: the change from the first to the last published whole year, and the projection. */
export function trendSummary(meta: IndicatorMeta, allRows: IndicatorRow[], areaName: string, projected: ReadonlySet<string> = new Set(), incomplete: ReadonlySet<string> = new Set()): string {
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
